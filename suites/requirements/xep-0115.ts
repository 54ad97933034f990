import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0115 Entity Capabilities, v1.6.0 (2022-03-08), the version in force when XEP-0479 was
 * published: the server's own capabilities ("Feature broadcasts", required of a Core Advanced
 * Server). The client's rows, and the server passing on a client's caps, are in the 2007–2009
 * catalogue (xep-0115.md), whose IDs these share where the requirement is the same.
 */
export default requirementsOf({ spec: 'xep-0115', version: '1.6.0' }, [
  {
    id: 'XEP0115-6.3-1', roles: ['server'], section: '6.3', keyword: ['MAY', 'MUST'], anchor: 'stream',
    quote: "A server MAY include its entity capabilities in a stream feature element so that connecting clients and peer servers do not need to send service discovery requests each time they connect. … To enable this functionality, a server that advertises support for entity capabilities MUST provide a 'from' address in its response stream headers, in accordance with RFC 6120.",
    requirement: "The server broadcasts its own features as a <c/> in its stream features (how XEP-0479 has a server broadcast them), and then names itself in the 'from' of its stream header.",
    sketch: "Open a stream to D: the features hold <c xmlns='http://jabber.org/protocol/caps' hash node ver/>, the header a 'from'.",
  },
  {
    id: 'XEP0115-5.1-1', roles: ['server'], section: '5.1', keyword: 'MUST', anchor: 'ver-gen',
    quote: 'In order to help prevent poisoning of entity capabilities information, the value of the verification string MUST be generated according to the following method.',
    requirement: "The 'ver' of the server's <c/> is the hash, by its 'hash' algorithm, of the verification string built from the disco#info of the JID in the stream header's 'from'.",
    sketch: "disco#info to the 'from' of the stream header (with node#ver, and without); build S from identities, features and forms as §5.1 says; hash and compare with 'ver'.",
  },
  {
    id: 'XEP0115-7-1', roles: ['server'], section: '7', keyword: 'MUST', anchor: 'support',
    quote: "If an entity supports the entity capabilities protocol, it MUST advertise that fact by returning a feature of 'http://jabber.org/protocol/caps' in response to a service discovery information request.",
    requirement: "A server that broadcasts caps lists http://jabber.org/protocol/caps in its disco#info.",
    sketch: 'disco#info to D.',
  },
  {
    id: 'XEP0115-7-2', roles: ['server'], section: '7', keyword: 'MUST', anchor: 'support',
    quote: "If a server supports the Caps Optimization functionality, it MUST also return a feature of 'http://jabber.org/protocol/caps#optimize' in response to service discovery information requests.",
    requirement: 'A server seen stripping repeated caps from presence (XEP0115-8.4-2) lists http://jabber.org/protocol/caps#optimize in its disco#info.',
    flags: ['2A', 'OPT'],
  },
  {
    id: 'XEP0115-8.4-2', roles: ['server'], section: '8.4', keyword: 'MUST', anchor: 'impl-optimize',
    quote: "If the server performs caps optimization, it MUST ensure that the first presence notification each subscriber receives contains the annotation. The server MUST also ensure that any changes in the caps information (e.g., an updated 'ver' attribute) are sent to all subscribers.",
    requirement: 'A server that strips repeated caps still sends them on the first presence each subscriber gets, and whenever they change.',
    sketch: "A sends presence with caps twice, then with a new 'ver': B, subscribed, sees the caps on the first and the third.",
    flags: ['2A', 'OPT'],
  },
]);
