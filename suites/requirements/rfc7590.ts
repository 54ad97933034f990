import { requirementsOf } from '../catalogue.js';

/**
 * RFC 7590 Use of TLS in XMPP (June 2015). Its introduction makes the best current practice of
 * RFC 7525 (BCP 195) binding on XMPP: "XMPP implementations and deployments MUST follow the best
 * current practices documented in the …" (BCP 195). The rows a server's TLS can be seen to keep are
 * therefore RFC 7525's, quoted from RFC 7525 with its own section numbers: the protocol versions
 * (§3.1.1) and the cipher suites (§4.1, §4.2, §4.2.1). Client rows (what a client offers) wait for
 * the client levels.
 */
export default requirementsOf({ spec: 'rfc7590' }, [
  {
    id: 'RFC7590-3.1.1-1', roles: ['server'], doc: 'RFC 7525', section: '3.1.1', keyword: 'MUST NOT',
    quote: 'Implementations MUST NOT negotiate SSL version 2.',
    requirement: 'The server refuses a handshake that offers SSL 2.0 only.',
    flags: ['TLS'],
  },
  {
    id: 'RFC7590-3.1.1-2', roles: ['server'], doc: 'RFC 7525', section: '3.1.1', keyword: 'MUST NOT',
    quote: 'Implementations MUST NOT negotiate SSL version 3.',
    requirement: 'The server refuses a handshake that offers SSL 3.0 at most.',
    sketch: 'After <proceed/>, a ClientHello for SSL 3.0 only: an alert or a closed connection, never a ServerHello for 3.0.',
    flags: ['TLS'],
  },
  {
    id: 'RFC7590-3.1.1-3', roles: ['server'], doc: 'RFC 7525', section: '3.1.1', keyword: 'SHOULD NOT',
    quote: 'Implementations SHOULD NOT negotiate TLS version 1.0 …; the only exception is when no higher version is available in the negotiation.',
    requirement: 'The server refuses a handshake that offers TLS 1.0 at most.',
    sketch: 'After <proceed/>, a handshake limited to TLS 1.0: it fails.',
    flags: ['TLS'],
  },
  {
    id: 'RFC7590-3.1.1-4', roles: ['server'], doc: 'RFC 7525', section: '3.1.1', keyword: 'SHOULD NOT',
    quote: 'Implementations SHOULD NOT negotiate TLS version 1.1 …; the only exception is when no higher version is available in the negotiation.',
    requirement: 'The server refuses a handshake that offers TLS 1.1 at most.',
    sketch: 'After <proceed/>, a handshake limited to TLS 1.1: it fails.',
    flags: ['TLS'],
  },
  {
    id: 'RFC7590-3.1.1-5', roles: ['server'], doc: 'RFC 7525', section: '3.1.1', keyword: ['MUST', 'MUST'],
    quote: 'Implementations MUST support TLS 1.2 … and MUST prefer to negotiate TLS version 1.2 over earlier versions of TLS.',
    requirement: 'A handshake limited to TLS 1.2 succeeds, and one offering TLS 1.0 to 1.2 settles on 1.2.',
    sketch: 'Two handshakes after <proceed/>: TLS 1.2 only; TLS 1.0–1.2 (the negotiated version is 1.2).',
    flags: ['TLS'],
  },
  {
    id: 'RFC7590-4.1-1', roles: ['server'], doc: 'RFC 7525', section: '4.1', keyword: 'MUST NOT',
    quote: 'Implementations MUST NOT negotiate the cipher suites with NULL encryption.',
    requirement: 'A handshake offering only NULL-encryption suites fails.',
    flags: ['TLS'],
  },
  {
    id: 'RFC7590-4.1-2', roles: ['server'], doc: 'RFC 7525', section: '4.1', keyword: 'MUST NOT',
    quote: 'Implementations MUST NOT negotiate RC4 cipher suites.',
    requirement: 'A handshake offering only RC4 suites fails.',
    flags: ['TLS'],
  },
  {
    id: 'RFC7590-4.1-3', roles: ['server'], doc: 'RFC 7525', section: '4.1', keyword: 'MUST NOT',
    quote: 'Implementations MUST NOT negotiate cipher suites offering less than 112 bits of security, including so-called "export-level" encryption (which provide 40 or 56 bits of security).',
    requirement: 'A handshake offering only suites below 112 bits (export-grade, single DES) fails.',
    flags: ['TLS'],
  },
  {
    id: 'RFC7590-4.1-4', roles: ['server'], doc: 'RFC 7525', section: '4.1', keyword: 'SHOULD NOT',
    quote: 'Implementations SHOULD NOT negotiate cipher suites that use algorithms offering less than 128 bits of security.',
    requirement: 'A handshake offering only 112-bit suites (triple DES) fails.',
    flags: ['TLS'],
  },
  {
    id: 'RFC7590-4.2-1', roles: ['server'], doc: 'RFC 7525', section: '4.2', keyword: 'RECOMMENDED',
    quote: 'Given the foregoing considerations, implementation and deployment of the following cipher suites is RECOMMENDED:',
    requirement: 'The server negotiates the recommended suites (DHE and ECDHE with RSA, AES-GCM) when a client offers each alone.',
    sketch: 'After <proceed/>, a TLS 1.2 handshake per recommended suite, offered alone.',
    flags: ['TLS'],
  },
  {
    id: 'RFC7590-4.2.1-1', roles: ['server'], doc: 'RFC 7525', section: '4.2.1', keyword: 'MUST',
    quote: 'Servers MUST prefer this cipher suite over weaker cipher suites whenever it is proposed, even if it is not the first proposal.',
    requirement: 'Offered after weaker suites, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 is the one the server picks.',
    sketch: 'After <proceed/>, a TLS 1.2 handshake offering AES128-SHA, ECDHE-RSA-AES128-SHA, then ECDHE-RSA-AES128-GCM-SHA256.',
    flags: ['TLS'],
  },
]);
