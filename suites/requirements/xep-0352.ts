import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0352 Client State Indication, v1.0.0 (2020-10-14), the version in force when XEP-0479 was
 * published. What a server does for an inactive client is its own choice (§3.2); what a black
 * box can hold it to is that the stream starts active, that the state does not change presence,
 * and that what <active/> releases comes before the answer to the next request.
 */
export default requirementsOf({ spec: 'xep-0352', version: '1.0.0' }, [
  {
    id: 'XEP0352-3.2-1', roles: ['server'], section: '3.2', keyword: ['SHOULD', 'MAY'],
    quote: 'Regardless of what optimisations a server implements, it SHOULD provide a way for administrators to configure them, and MAY provide such configuration to users also (e.g., through an ad-hoc command).',
    requirement: 'The optimisations for inactive clients can be configured by the administrator.',
    flags: ['ADM'],
  },
  {
    id: 'XEP0352-5-1', roles: ['server'], section: '5', anchor: 'rules', keyword: 'MUST',
    quote: "The server MUST assume all clients to be in the 'active' state until the client indicates otherwise.",
    requirement: 'A stream that sent no CSI element gets presence updates of its contacts as they happen.',
    sketch: "A and C subscribed both ways, both available; C changes its status; after C's and then A's ping round trips, A has C's new presence.",
    flags: ['2A'],
  },
  {
    id: 'XEP0352-5-2', roles: ['server'], section: '5', anchor: 'rules', keyword: 'MUST',
    quote: "Also the CSI active/inactive state is unrelated to the user's presence, the server MUST treat the two independently.",
    requirement: 'Going inactive changes nothing in the presence contacts see, and the resource stays available: a message to it is delivered to it.',
    sketch: "A and C subscribed both ways; A sends <inactive/>; C sees no presence from A; a chat message C sends A's full JID reaches A (at the latest when A is active again), not offline storage or an error.",
    flags: ['2A'],
  },
  {
    id: 'XEP0352-5.1-1', roles: ['server'], section: '5.1', anchor: 'in-order-processing', keyword: 'MUST',
    quote: "If the server's processing of a particular request could have an effect on its processing of subsequent data it might receive over that input stream..., it MUST suspend processing of subsequent data until it has processed the request.",
    requirement: 'Whatever the server held back while the client was inactive arrives before the answer to a ping sent right after <active/>.',
    sketch: "A sends <inactive/>; C changes its status twice and sends A a message; A sends <active/> and a ping: C's latest presence and the message are in before the pong.",
    flags: ['2A'],
  },
  // the client's side
  {
    id: 'XEP0352-5-3', roles: ['client'], section: '5', anchor: 'rules', keyword: 'MUST NOT',
    quote: 'As this protocol is for indication only, clients MUST NOT make assumptions about how the server will use the active/inactive state information.',
    requirement: 'A client works the same whatever the server does with its state (presence and messages arrive as usual).',
  },
]);
