import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0249 Direct MUC Invitations, v1.2 (2011-09-22), the version in force when XEP-0479 was
 * published. Its rules bind the inviting and the invited client. A server takes part only by
 * delivering the invitation, a message with an extension it need not understand: RFC 6120 §8.4
 * says how, and the server's row quotes it.
 */
export default requirementsOf({ spec: 'xep-0249', version: '1.2' }, [
  {
    id: 'XEP0249-2-1', roles: ['client'], section: '2', anchor: 'howitworks', keyword: 'REQUIRED',
    quote: "The 'jid' attribute, which is REQUIRED, specifies the address of the groupchat room to be joined.",
    requirement: "A client's invitation names the room in 'jid'.",
    flags: ['DRV'],
  },
  {
    id: 'XEP0249-2-2', roles: ['client'], section: '2', anchor: 'howitworks', keyword: 'SHOULD',
    quote: "Upon receiving a direct invitation, the contact's client SHOULD present the invitation to the contact so that the contact can accept it or decline it.",
    requirement: 'A client shows a direct invitation it receives to the user.',
    flags: ['DRV'],
  },
  {
    id: 'XEP0249-3-1', roles: ['client'], section: '3', anchor: 'support', keyword: 'MUST',
    quote: 'If an entity supports the protocol specified herein, it MUST advertise that fact by returning a feature of "jabber:x:conference" in response to … information requests ….',
    requirement: 'A client that handles direct invitations lists jabber:x:conference in its disco#info.',
  },
  {
    id: 'XEP0249-4-1', roles: ['client'], section: '4', anchor: 'impl', keyword: 'SHOULD',
    quote: 'Before inviting a contact to a members-only room, a user SHOULD check to see if the contact is already a member and, if not, add the contact to the member list (or ask a room administrator to do so).',
    requirement: 'A client inviting to a members-only room makes the contact a member first.',
    flags: ['MUC', 'DRV'],
  },
  {
    id: 'XEP0249-4-2', roles: ['client'], section: '4', anchor: 'impl', keyword: 'SHOULD',
    quote: 'If a client receives an invitation to a room in which the user is already an occupant, the client SHOULD silently discard the invitation.',
    requirement: 'A client ignores an invitation to a room it is in.',
    flags: ['MUC', 'DRV'],
  },
  {
    id: 'XEP0249-8.4-1', roles: ['server'], doc: 'RFC 6120', section: '8.4', keyword: 'MUST',
    quote: 'If a server handles a stanza that is intended for delivery to another entity and that contains a child element it does not understand, it MUST route the stanza unmodified to a remote server or deliver the stanza unmodified to a connected client associated with a local account.',
    requirement: "A direct invitation (<x xmlns='jabber:x:conference'/> with jid, password, reason, continue and thread) reaches the invitee as it was sent.",
    sketch: "Send the invitation to the invitee's bare JID; the invitee's resource receives the <x/> with every attribute unchanged.",
    flags: ['2A'],
  },
]);
