import { requirementsOf } from '../catalogue.js';

/**
 * RFC 7395 An XMPP Subprotocol for WebSocket (October 2014). The client-to-server rows a server's
 * WebSocket endpoint can be seen to keep: the handshake (§3.1), text messages (§3.2), the framing
 * namespace and one element per message (§3.3), the <open/> exchange (§3.4), stream errors
 * (§3.5), closing (§3.6), restarts (§3.7) and TLS (§3.9).
 * Not yet checked against the RFC's text: `npm run verify-quotes -- --rfcs DIR` with a copy of it
 * does that (the §3.2 and §3.3.2 sentences were compared with the RFC as quoted by other XMPP
 * implementations).
 */
export default requirementsOf({ spec: 'rfc7395' }, [
  {
    id: 'RFC7395-3.1-1', roles: ['server', 'client'], section: '3.1', keyword: 'MUST',
    quote: "If a client receives a handshake response that does not include 'xmpp' in the 'Sec-WebSocket-Protocol' header, then an XMPP subprotocol WebSocket connection was not established and the client MUST close the WebSocket connection.",
    requirement: "The server's handshake response to a request for the 'xmpp' subprotocol names 'xmpp' (server); a client closes a connection whose response does not (client).",
    sketch: "Upgrade with Sec-WebSocket-Protocol: xmpp: a 101 response with Sec-WebSocket-Protocol: xmpp.",
    flags: ['HTTP'],
  },
  {
    id: 'RFC7395-3.2-1', roles: ['server', 'client'], section: '3.2', keyword: 'MUST',
    quote: 'Data frame messages in the XMPP subprotocol MUST be of the text type and contain UTF-8 encoded data.',
    requirement: 'Every data message the server sends is a text message.',
    sketch: 'Log in and exchange stanzas: no binary frame arrives.',
  },
  {
    id: 'RFC7395-3.3.2-1', roles: ['server', 'client'], section: '3.3.2', keyword: 'MUST',
    quote: 'The XML stream "headers" (the <open/> and <close/> elements) MUST be qualified by the namespace \'urn:ietf:params:xml:ns:xmpp-framing\' (the "framed stream namespace").',
    requirement: "The server's <open/> and <close/> are qualified by urn:ietf:params:xml:ns:xmpp-framing.",
  },
  {
    id: 'RFC7395-3.3.2-2', roles: ['server', 'client'], section: '3.3.2', keyword: ['MUST', 'MUST'],
    quote: 'If this rule is violated, the entity that receives the offending stream header MUST close the stream with an error, which MUST be <invalid-namespace> (see Section 4.9.3.10 of [RFC6120]).',
    requirement: 'An <open/> in another namespace ends the stream with the stream error <invalid-namespace/>.',
    sketch: "Send <open xmlns='urn:example:not-framing' to='D' version='1.0'/>: a stream error <invalid-namespace/>.",
    flags: ['RAW'],
  },
  {
    id: 'RFC7395-3.3.3-1', roles: ['server', 'client'], section: '3.3.3', keyword: 'MUST',
    quote: 'The individual frames of a framed XML stream have a one-to-one correspondence with WebSocket messages and MUST be parsable as standalone XML documents, complete with all relevant namespace and language declarations.',
    requirement: 'Each message the server sends parses as an XML document on its own, every prefix declared in it.',
  },
  {
    id: 'RFC7395-3.3.3-2', roles: ['server', 'client'], section: '3.3.3', keyword: 'NOT RECOMMENDED',
    quote: 'The inclusion of XML declarations, however, is NOT RECOMMENDED, as WebSocket messages are already mandated to be UTF-8 encoded and therefore would only add a constant size overhead to each message.',
    requirement: 'The server sends no XML declaration in its messages.',
  },
  {
    id: 'RFC7395-3.3.3-3', roles: ['server', 'client'], section: '3.3.3', keyword: 'MUST',
    quote: "The first character of each frame MUST be a '<' character.",
    requirement: "Every message the server sends starts with '<' (no whitespace keepalives or padding).",
  },
  {
    id: 'RFC7395-3.3.3-4', roles: ['server', 'client'], section: '3.3.3', keyword: 'MUST',
    quote: 'Every XMPP stanza or other XML element (including the stream open and close headers) sent directly over the XML stream MUST be sent in its own frame.',
    requirement: 'Each message the server sends holds exactly one element: never two stanzas in one message.',
    sketch: 'Have several stanzas sent to the session in a burst: each arrives in a message of its own.',
  },
  {
    id: 'RFC7395-3.4-1', roles: ['server', 'client'], section: '3.4', keyword: ['MUST', 'MUST'],
    quote: "The first message sent after the WebSocket opening handshake MUST be from the initiating entity, and MUST be an <open/> element qualified by the 'urn:ietf:params:xml:ns:xmpp-framing' namespace and with the same attributes mandated for the <stream> opening tag as described in Section 4.7 of [RFC6120].",
    requirement: 'The server sends nothing before the client\'s <open/> (server); the client opens with <open/> (client).',
    flags: ['TIME'],
  },
  {
    id: 'RFC7395-3.4-2', roles: ['server'], section: '3.4', keyword: 'MUST',
    quote: "The receiving entity MUST then reply with an <open/> element qualified by the 'urn:ietf:params:xml:ns:xmpp-framing' namespace and with the same set of attributes mandated for the <stream> opening tag as described in Section 4.7 of [RFC6120].",
    requirement: "The server answers <open/> with its own <open/>: framing namespace, from, id, version and xml:lang, and then its features.",
  },
  {
    id: 'RFC7395-3.5-1', roles: ['server'], section: '3.5', keyword: 'MUST',
    quote: 'Should such an error occur, the server MUST send the stream error as a complete element in a message to the client.',
    requirement: 'A stream error comes as a <stream:error/> element in a message of its own.',
    sketch: "After the features, send <foo xmlns='jabber:client'/>: a message holding <stream:error/> (unsupported-stanza-type).",
    flags: ['RAW'],
  },
  {
    id: 'RFC7395-3.5-2', roles: ['server'], section: '3.5', keyword: 'MUST',
    quote: 'If the error occurs during the opening of a stream, the server MUST send the initial open element response, followed by the stream-level error in a second WebSocket message frame.',
    requirement: 'An <open/> to an unknown domain is answered by an <open/> response, then the stream error in a second message.',
    sketch: "Send <open to='unknown.invalid' …/>: first an <open/>, then <stream:error/> with <host-unknown/>.",
    flags: ['RAW'],
  },
  {
    id: 'RFC7395-3.5-3', roles: ['server'], section: '3.5', keyword: 'MUST',
    quote: 'The server MUST then close the connection as specified in Section 3.6.',
    requirement: 'After a stream error the server closes: <close/>, then the WebSocket closing handshake.',
    flags: ['RAW'],
  },
  {
    id: 'RFC7395-3.6-1', roles: ['server', 'client'], section: '3.6', keyword: 'MUST',
    quote: 'To then close the WebSocket connection, the closing party MUST initiate the WebSocket closing handshake (see Section 7.1.2 of [RFC6455]).',
    requirement: 'A server that ends the stream sends a WebSocket Close frame instead of dropping the TCP connection.',
    flags: ['RAW'],
  },
  {
    id: 'RFC7395-3.7-1', roles: ['server', 'client'], section: '3.7', keyword: 'MUST',
    quote: 'Whenever a stream restart is mandated (see Section 4.3.3 of [RFC6120]), both the server and client streams are implicitly closed and new streams MUST be opened, using the same process as in Section 3.4.',
    requirement: 'After SASL success a new <open/> opens a new stream: an <open/> response and features with <bind/>, and the login completes.',
  },
  {
    id: 'RFC7395-3.7-2', roles: ['client'], section: '3.7', keyword: ['MUST', 'MUST NOT'],
    quote: 'The client MUST send a new stream <open/> element and MUST NOT send a closing <close/> element.',
    requirement: 'A client restarts with a new <open/> and without <close/>.',
  },
  {
    id: 'RFC7395-3.9-1', roles: ['server'], section: '3.9', keyword: 'MUST NOT',
    quote: 'Because TLS is to be provided outside of the XMPP subprotocol layer, a server MUST NOT advertise TLS as a stream feature (see Section 4.6 of [RFC6120]) when using the XMPP subprotocol.',
    requirement: 'The stream features over WebSocket hold no <starttls/>.',
  },
]);
