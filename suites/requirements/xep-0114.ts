import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0114 Jabber Component Protocol, v1.6 (2012-01-25), the version in force when XEP-0479 was
 * published ("Server Extensibility", required of every server level). The server's side of
 * jabber:component:accept; a run needs a component name and its shared secret from the user.
 */
export default requirementsOf({ spec: 'xep-0114', version: '1.6' }, [
  {
    id: 'XEP0114-3-1', roles: ['server'], section: '3', keyword: 'MUST', anchor: 'proto',
    quote: 'this enables the server to determine whether it will service a component of that name (e.g., based on server configuration or some other implementation-specific mechanism). If so, the server MUST reply with a stream header.',
    requirement: "A jabber:component:accept stream opened to the configured component name is answered with a stream header (and a stream id for the handshake).",
    sketch: "Open <stream:stream xmlns='jabber:component:accept' to='COMPONENT'> on the component port.",
    flags: ['COMP', 'ADM'],
  },
  {
    id: 'XEP0114-3-2', roles: ['server'], section: '3', keyword: 'MUST', anchor: 'proto',
    quote: "If the server will not service the component name specified in the 'to' attribute of the stream header, it MUST return a stream error (e.g., <conflict/> or <host-unknown/>).",
    requirement: 'A component stream to a name the server does not serve ends in a stream error.',
    sketch: "Open a component stream to='unknown-TOKEN.D'.",
    flags: ['COMP'],
  },
  {
    id: 'XEP0114-3-3', roles: ['server'], section: '3', keyword: 'MUST', anchor: 'proto',
    quote: "For all errors related to the stream header, the server MUST follow the rules in Section 4.7.1 of XMPP Core by returning an opening stream tag, stream error element, and closing stream tag rather than merely a stream error element",
    requirement: 'A stream-header error on the component port comes as an opening stream tag, the stream error and the closing tag.',
    flags: ['COMP', 'RAW'],
  },
  {
    id: 'XEP0114-3-4', roles: ['server'], section: '3', keyword: ['MUST', 'SHOULD'], anchor: 'proto',
    quote: 'If the credentials supplied by the initiator are not valid, the receiver MUST close the stream and the underlying TCP connection, and SHOULD return a <not-authorized/> stream error.',
    requirement: 'A handshake with a wrong secret closes the stream and the connection (MUST), with <not-authorized/> (SHOULD).',
    flags: ['COMP'],
  },
  {
    id: 'XEP0114-3-5', roles: ['server'], section: '3', keyword: 'MUST', anchor: 'proto',
    quote: 'If the credentials are acceptable, the receiving application (in this case the server) MUST return an empty <handshake/> element.',
    requirement: 'A handshake of SHA1(stream id + secret), in lowercase hex, is answered with an empty <handshake/>.',
    flags: ['COMP'],
  },
  {
    id: 'XEP0114-3-6', roles: ['server'], section: '3', keyword: 'MAY', anchor: 'proto',
    quote: "However, this is the only restriction on 'from' addresses, and the component MAY send stanzas from any user at its hostname.",
    requirement: "Stanzas between users and the connected component are routed both ways, the component's from any user at its hostname.",
    sketch: 'A user messages COMPONENT and user@COMPONENT; the component receives both and answers from user@COMPONENT; the user receives it.',
    flags: ['COMP'],
  },
]);
