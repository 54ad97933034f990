import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0280 Message Carbons, v1.0.1 (2021-12-26), the version in force when XEP-0479 was
 * published. The user's server is both the sending and the receiving server here: the tool's
 * accounts are all on it. Rows that need a second domain (§4.1 and §5.1's not-allowed for a
 * request from another server) are left out, as in the 2007–2009 catalogue.
 */
export default requirementsOf({ spec: 'xep-0280', version: '1.0.1' }, [
  {
    id: 'XEP0280-6-1', roles: ['server'], section: '6', anchor: 'which-messages', keyword: 'SHOULD',
    quote: 'The following is the set of rules that a server implementation SHOULD use to determine which messages should be carbon-copied.',
    requirement: "Besides 'chat' messages, a 'normal' message with a <body/> and one carrying only a XEP-0184 receipt are carbon-copied (§6.1's rules).",
    sketch: "A1 and A2 enable carbons; C sends A1 a type='normal' message with a body, then one with only <received xmlns='urn:xmpp:receipts'/>: A2 gets a <received/> copy of each.",
    flags: ['2A'],
  },
  {
    id: 'XEP0280-6.1-1', roles: ['server'], section: '6.1', anchor: 'recommended-rules', keyword: 'SHOULD NOT',
    quote: 'A <message/> of type "groupchat" SHOULD NOT be carbon-copied.',
    requirement: 'A groupchat message a room sends to one resource is not carbon-copied to the others.',
    sketch: 'A1 joins a room, A2 enables carbons and stays out; C says something in the room; a marker from C to A2 follows: A2 got no copy of the groupchat message.',
    flags: ['2A', 'MUC'],
  },
  {
    id: 'XEP0280-6.1-2', roles: ['server'], section: '6.1', anchor: 'recommended-rules', keyword: 'SHOULD NOT',
    quote: 'A private <message/> from a MUC participant (received from a full JID) to a local user SHOULD NOT be carbon-copied (these messages are already replicated by the MUC service to all joined client instances).',
    requirement: "A private message from an occupant of a room to the user's occupant JID is not carbon-copied to the user's other resources.",
    sketch: "A1 joins a room, A2 enables carbons and stays out; C sends A's occupant JID a private chat message; a marker follows: A2 got no copy.",
    flags: ['2A', 'MUC'],
  },
  {
    id: 'XEP0280-6.2-1', roles: ['server'], section: '6.2', anchor: 'mandatory-support', keyword: ['REQUIRED', 'RECOMMENDED'],
    quote: 'If that feature is advertised, the rules above must be treated as REQUIRED and not merely as RECOMMENDED.',
    requirement: "A server that advertises urn:xmpp:carbons:rules:0 copies what §6.1's rules name, as a requirement.",
    sketch: "If the server's disco#info lists urn:xmpp:carbons:rules:0: a 'normal' message with a body and a receipt-only message are copied (a miss is a failure).",
    flags: ['2A', 'OPT'],
  },
  {
    id: 'XEP0280-7-1', roles: ['server'], section: '7', anchor: 'inbound', keyword: ['SHOULD', 'MUST'],
    quote: "The wrapping message SHOULD maintain the same 'type' attribute value; … the 'from' attribute MUST be the Carbons-enabled user's bare JID (e.g., \"localpart@domainpart\"); … and the 'to' attribute MUST be the full JID of the resource receiving the copy. … The content of the wrapping message MUST contain a <received/> element qualified by the namespace \"urn:xmpp:carbons:2\", which itself contains a <forwarded/> element qualified by the namespace \"urn:xmpp:forward:0\" that contains the original <message/>.",
    requirement: "A message to one resource reaches each other carbons-enabled resource as a copy from the bare JID, to that resource's full JID, with <received><forwarded> around the original, of the original's type.",
    sketch: "A1 and A2 enable carbons; C sends A1 a chat message: A2 gets <message from=A to=A2 type=chat><received><forwarded><message from=C to=A1>….",
    flags: ['2A'],
  },
  {
    id: 'XEP0280-7-2', roles: ['server'], section: '7', anchor: 'inbound', keyword: 'MUST NOT',
    quote: 'The receiving server MUST NOT send a forwarded copy to the client(s) the original <message/> stanza was addressed to, as these recipients receive the original <message/> stanza.',
    requirement: 'The resource a message was addressed to gets the message itself and no carbon copy of it.',
    sketch: 'A1 and A2 enable carbons; C sends A1 a chat message, then a marker: A1 got the message and no <received/> copy.',
    flags: ['2A'],
  },
  {
    id: 'XEP0280-8-1', roles: ['server'], section: '8', anchor: 'outbound', keyword: ['SHOULD', 'MUST'],
    quote: "The wrapping message SHOULD maintain the same 'type' attribute value; … the 'from' attribute MUST be the Carbons-enabled user's bare JID (e.g., \"localpart@domainpart\"); … and the 'to' attribute SHOULD be the full JID of the resource receiving the copy. … The content of the wrapping message MUST contain a <sent/> element qualified by the namespace \"urn:xmpp:carbons:2\", which itself contains a <forwarded/> qualified by the namespace \"urn:xmpp:forward:0\" that contains the original <message/> stanza.",
    requirement: 'A message one resource sends reaches each other carbons-enabled resource as a copy from the bare JID with <sent><forwarded> around the original, even when the sender did not enable carbons.',
    sketch: 'A2 enables carbons, A1 does not; A1 sends C a chat message: A2 gets <message from=A to=A2 type=chat><sent><forwarded><message from=A1 to=C>….',
    flags: ['2A'],
  },
  {
    id: 'XEP0280-8-2', roles: ['server'], section: '8', anchor: 'outbound', keyword: 'SHOULD NOT',
    quote: 'The sending server SHOULD NOT send a forwarded copy to the sending full JID if it is a Carbons-enabled resource.',
    requirement: 'A carbons-enabled resource gets no <sent/> copy of its own message.',
    sketch: 'A1 enables carbons and sends C a chat message; a ping round trip follows: A1 got no <sent/> copy.',
    flags: ['2A'],
  },
  {
    id: 'XEP0280-9-1', roles: ['server'], section: '9', anchor: 'avoiding', keyword: 'MUST NOT',
    quote: 'The sending server MUST NOT deliver forwarded <message/>s to the other Carbons-enabled resources of the sender.',
    requirement: "A message sent with <private xmlns='urn:xmpp:carbons:2'/> and <no-copy xmlns='urn:xmpp:hints'/> is not copied to the sender's other resources.",
    sketch: 'A2 enables carbons; A1 sends C a private chat message, then an ordinary one: A2 gets the copy of the second only.',
    flags: ['2A'],
  },
  {
    id: 'XEP0280-9-2', roles: ['server'], section: '9', anchor: 'avoiding', keyword: 'MUST NOT',
    quote: 'The receiving server MUST NOT deliver forwarded <message/>s to the other Carbons-enabled resource of the recipient,',
    requirement: "A private message (with <private/> and <no-copy/>) to one resource is not copied to the recipient's other resources.",
    sketch: 'A1 and A2 enable carbons; C sends A1 a private chat message, then an ordinary one: A2 gets the copy of the second only.',
    flags: ['2A'],
  },
  {
    id: 'XEP0280-10.1-1', roles: ['server'], section: '10.1', anchor: 'bizrules-multi', keyword: 'MUST',
    quote: 'If a client is permitted to enable Carbons during its login session, the server MUST allow the client to enable and disable the protocol multiple times within a session.',
    requirement: 'Carbons can be enabled, disabled and enabled again in one session, and copies follow: none while disabled.',
    sketch: 'A2 enables, disables, enables: a result each time; a message C sends A1 is copied to A2 after each enable and not while disabled.',
    flags: ['2A'],
  },
  {
    id: 'XEP0280-10.1-2', roles: ['server'], section: '10.1', anchor: 'bizrules-multi', keyword: ['SHOULD NOT', 'SHOULD'],
    quote: 'The server SHOULD NOT treat multiple enable requests (without an intermediate disable request) as an error; … the server SHOULD simply return an IQ-result (if the protocol is already enabled)',
    requirement: 'Enabling carbons again while they are enabled gets a result, not an error.',
  },
  {
    id: 'XEP0280-10.1-3', roles: ['server'], section: '10.1', anchor: 'bizrules-multi', keyword: ['SHOULD NOT', 'SHOULD'],
    quote: 'Similarly, the server SHOULD NOT treat multiple disable requests (without an intermediate enable request) as an error; … the server SHOULD return an IQ-result (if the protocols is already disabled)',
    requirement: 'Disabling carbons again while they are disabled gets a result, not an error.',
  },
  {
    id: 'XEP0280-10.3-1', roles: ['server'], section: '10.3', anchor: 'bizrules-errors', keyword: 'MUST NOT',
    quote: 'When a server attempts to deliver a (locally generated) carbon copy, and that carbon copy bounces with an error for any reason, the server MUST NOT forward that error back to the original sender.',
    requirement: 'An error caused by delivering a carbon copy does not reach the sender of the original message.',
  },
  // the client's side
  {
    id: 'XEP0280-11-1', roles: ['client'], section: '11', anchor: 'security', keyword: 'MUST',
    quote: "Any forwarded copies received by a Carbons-enabled client MUST be from that user's bare JID; … any copies that do not meet this requirement MUST be ignored.",
    requirement: 'A client ignores a carbon copy that does not come from its own bare JID.',
  },
]);
