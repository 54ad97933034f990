import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0198 Stream Management, v1.6.1 (2022-10-05), the version in force when XEP-0479 was
 * published (its §9 on SASL2 and Bind2 is not checked: the tool negotiates with SASL and bind as
 * RFC 6120 defines them). Client-to-server rows; the client's side comes with the client levels.
 */
export default requirementsOf({ spec: 'xep-0198', version: '1.6.1' }, [
  {
    id: 'XEP0198-3-1', roles: ['server'], section: '3', anchor: 'enable', keyword: 'MUST',
    quote: "Upon receiving the enable request, the server MUST reply with an <enabled/> element or a <failed/> element qualified by the 'urn:xmpp:sm:3' namespace.",
    requirement: 'An <enable/> after resource binding is answered with <enabled/> or <failed/> in urn:xmpp:sm:3.',
    sketch: 'Log in, bind, send <enable/>: the next stream management element is <enabled/> or <failed/>.',
  },
  {
    id: 'XEP0198-3-2', roles: ['server'], section: '3', anchor: 'enable', keyword: 'SHALL',
    quote: 'The server SHALL enforce this order and return a <failed/> element in response if the order is violated',
    requirement: 'An <enable/> after authentication but before resource binding is refused with <failed/>.',
    sketch: 'Authenticate, do not bind, send <enable/>: <failed/> comes back (not <enabled/>).',
  },
  {
    id: 'XEP0198-3-3', roles: ['server'], section: '3', anchor: 'enable', keyword: 'SHOULD',
    quote: 'If a server receives a second <enable/> element it SHOULD respond with a stream error, thus terminating the client connection.',
    requirement: 'A second <enable/> on a stream that has stream management enabled ends the stream with a stream error.',
    sketch: 'Enable, then send <enable/> again: a stream error and the end of the stream (a <failed/> only is a miss).',
  },
  {
    id: 'XEP0198-4-1', roles: ['server'], section: '4', anchor: 'acking', keyword: 'MUST',
    quote: "When an <r/> element (\"request\") is received, the recipient MUST acknowledge it by sending an <a/> element to the sender containing a value of 'h' that is equal to the number of stanzas handled by the recipient of the <r/> element.",
    requirement: 'An <r/> is answered with <a h=…/> counting exactly the stanzas the client sent since enabling.',
    sketch: 'Enable; <r/> gets h=0; send a message and two pings (answered); <r/> gets h=3.',
  },
  {
    id: 'XEP0198-4-2', roles: ['server'], section: '4', anchor: 'acking', keyword: 'SHOULD',
    quote: 'A server SHOULD treat unacknowledged stanzas in the same way that it would treat a stanza sent to an unavailable resource, by either returning an error to the sender, delivery to an alternate resource, or committing the stanza to offline storage. (Note that servers SHOULD add a delay element with the original (failed) delivery timestamp, as per …).',
    requirement: 'A message the client never acknowledged before its stream ended is bounced, delivered to another resource or stored offline, not dropped; re-delivered, it carries <delay/>.',
    sketch: "A1 enables (no resumption); C's message reaches A1 and is not acked; A1 closes its stream. C gets an error, or A2 (available) or A's next login gets the message, with <delay/>.",
    flags: ['2A'],
  },
  {
    id: 'XEP0198-5-1', roles: ['server'], section: '5', anchor: 'resumption', keyword: 'MUST',
    quote: "If the server will allow the stream to be resumed, it MUST include a 'resume' attribute set to \"true\" or \"1\" on the <enabled/> element and MUST include an 'id' attribute that specifies an identifier for the stream.",
    requirement: "An <enabled/> that allows resumption says resume='true' (or '1') and carries an id.",
    sketch: "Enable with resume='true': an <enabled resume='true'/> without an id is a failure; one without resume means no resumption (later rows do not apply).",
  },
  {
    id: 'XEP0198-5-2', roles: ['server'], section: '5', anchor: 'resumption', keyword: 'MUST NOT',
    quote: 'The SM-ID MUST NOT be reused for simultaneous or subsequent sessions (but the server need not ensure that SM-IDs are unique for all time, only for as long as the server is continuously running).',
    requirement: 'Two resumable streams open at once, and one enabled after they closed, get three different SM-IDs.',
    sketch: "A1 and A2 enable resume='true'; close both; A3 enables: the three ids differ.",
  },
  {
    id: 'XEP0198-5-3', roles: ['server'], section: '5', anchor: 'resumption', keyword: 'MUST',
    quote: "If the server can resume the former stream, it MUST return a <resumed/> element, which MUST include a 'previd' attribute set to the SM-ID of the former stream and MUST also include an 'h' attribute set to the sequence number of the last handled stanza sent over the former stream from the client to the server … except that after processing it MUST re-send to the peer any stanzas that are still marked as unhandled.",
    requirement: "After a dropped connection, <resume previd h/> gives <resumed previd h/> with h counting the client's stanzas; every stanza the client had not acknowledged, and every one sent to it meanwhile, comes again; the counts go on from the former stream.",
    sketch: "A enables resume; C's message m1 reaches A (not acked); A's TCP connection is dropped; C sends m2; A resumes with h=1: <resumed previd=id h=N/>, m2 arrives (m1 does not), and <r/> then counts on from N.",
    flags: ['2A', 'RAW'],
  },
  {
    id: 'XEP0198-5-4', roles: ['server'], section: '5', anchor: 'resumption', keyword: ['MUST', 'SHOULD'],
    quote: "If the server does not recognize the 'previd' as an earlier session (e.g., because the former session has timed out), it MUST return a <failed/> element, which SHOULD include an error condition of <item-not-found/>.",
    requirement: 'A <resume/> naming an SM-ID the server never gave is refused with <failed/>, preferably with <item-not-found/>.',
    sketch: 'Authenticate, send <resume previd=(made up) h=0/>: <failed><item-not-found/></failed>.',
  },
  {
    id: 'XEP0198-5-5', roles: ['server'], section: '5', anchor: 'resumption', keyword: ['MUST', 'SHOULD'],
    quote: "If the server does not recognize the 'previd' as an earlier session (e.g., because the former session has timed out), it MUST return a <failed/> element, which SHOULD include an error condition of <item-not-found/>.",
    requirement: 'A <resume/> sent after the resumption time the server announced (max) has passed is refused with <failed/>, preferably <item-not-found/>.',
    sketch: "Enable with resume='true' max=N; drop the connection; wait the server's max and a margin; resume: <failed/>.",
    flags: ['RAW', 'TIME'],
  },
  {
    id: 'XEP0198-5-6', roles: ['server'], section: '5', anchor: 'resumption', keyword: 'SHOULD',
    quote: 'In both of these failure cases, the server SHOULD allow the client to bind a resource at this point rather than forcing the client to restart the stream negotiation process and re-authenticate.',
    requirement: 'After a refused <resume/>, a resource can be bound on the same stream.',
    sketch: 'A refused resume (unknown SM-ID), then a bind request on the same stream: a result.',
  },
  {
    id: 'XEP0198-5-7', roles: ['server'], section: '5', anchor: 'resumption', keyword: 'SHOULD',
    quote: "If the former stream is resumed and the server still has the stream for the previously-identified session open at this time, the server SHOULD send a 'conflict' stream error and close that stream.",
    requirement: 'Resuming a session whose old stream is still open ends that old stream with a <conflict/> stream error.',
    sketch: 'A1 enables resume and stays connected; a new stream resumes its SM-ID: A1 gets <conflict/> and its stream ends.',
    flags: ['RAW'],
  },
  {
    id: 'XEP0198-6-1', roles: ['server'], section: '6', anchor: 'errors', keyword: ['MUST', 'SHOULD', 'MUST'],
    quote: 'If an error occurs with regard to an <enable/> or <resume/> element, the server MUST return a <failed/> element. This element SHOULD contain an error condition, which MUST be one of the stanza error conditions defined in RFC 6120.',
    requirement: 'A <resume/> on a stream that has already bound a resource is refused with <failed/>, whose condition (if any, and one should be there) is a stanza error condition of RFC 6120.',
    sketch: 'Log in and bind, then send <resume previd=… h=0/>: <failed/> with a single defined stanza error condition.',
  },
  {
    id: 'XEP0198-6-2', roles: ['server'], section: '6', anchor: 'errors', keyword: 'SHOULD',
    quote: "When a remote entity acknowledges that it has handled a number of stanzas that is higher than the amount of stanzas that it was sent (by sending an 'h' value that is too high), the local entity SHOULD generate an undefined-condition stream error that includes a <handled-count-too-high/> element, and close the stream:",
    requirement: "An <a/> acknowledging more stanzas than the server sent ends the stream with <undefined-condition/> and <handled-count-too-high/>.",
    sketch: 'Enable; the server has sent one stanza (a ping result); send <a h=10/>: a stream error <undefined-condition/> with <handled-count-too-high h=10 send-count=1/>.',
  },
  {
    id: 'XEP0198-7-1', roles: ['server'], section: '7', anchor: 'closure', keyword: 'SHOULD',
    quote: 'If the stream is not cleanly closed then the server SHOULD consider the stream to be unfinished (even if the client closes its TCP connection to the server) and SHOULD maintain the session on behalf of the client for a limited amount of time.',
    requirement: 'A stream that ends without </stream:stream> leaves the session in place for a while.',
  },
  // the client's side
  {
    id: 'XEP0198-3-4', roles: ['client'], section: '3', anchor: 'enable', keyword: 'MUST NOT',
    quote: 'For client-to-server connections, the client MUST NOT attempt to enable stream management until after it has completed Resource Binding unless it is resuming a previous session',
    requirement: 'A client sends <enable/> only after binding a resource.',
  },
  {
    id: 'XEP0198-4-3', roles: ['client'], section: '4', anchor: 'acking', keyword: 'MUST',
    quote: "When an <r/> element (\"request\") is received, the recipient MUST acknowledge it by sending an <a/> element to the sender containing a value of 'h' that is equal to the number of stanzas handled by the recipient of the <r/> element.",
    requirement: "A client answers the server's <r/> with <a h=…/> counting the stanzas it received since enabling.",
  },
]);
