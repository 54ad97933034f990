import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0156 Discovering Alternative XMPP Connection Methods, v1.4.0 (2022-02-10), the version in
 * force when XEP-0479 was published (Web and IM Advanced levels: "Connection Mechanism
 * Discovery"). v1.4.0 removed the DNS TXT method: the HTTP lookup (host-meta, RFC 6415) is all
 * there is. Sections: 2.1 Link Format, 2.2 Business Rules, 3 Implementation Notes, 4 Security.
 */
export default requirementsOf({ spec: 'xep-0156', version: '1.4.0' }, [
  {
    id: 'XEP0156-2.2-1', roles: ['server', 'client'], section: '2.2', anchor: 'httpbizrules', keyword: ['MUST', 'MUST'],
    quote: "host-meta files MUST be fetched only over HTTPS, and MUST only use connection URLs starting with 'https://' or 'wss://'.",
    requirement: 'The host-meta is served over HTTPS and names only https:// and wss:// connection URLs (server); a client fetches it over HTTPS and uses only such URLs (client).',
    sketch: 'GET https://D/.well-known/host-meta; every urn:xmpp:alt-connections link starts with https:// or wss://.',
    flags: ['HTTP'],
  },
  {
    id: 'XEP0156-2.2-2', roles: ['server', 'client'], section: '2.2', anchor: 'httpbizrules', keyword: 'SHOULD',
    quote: 'This provides secure delegation, meaning you SHOULD send SNI matching the host of the URL from the connection URL and validate that the certificate is valid for that host *or* the XMPP domain.',
    requirement: "Each named endpoint presents, for SNI naming the URL's host, a certificate valid for that host or for D (server); a client validates it so (client).",
    sketch: "A TLS handshake to each linked URL with SNI its host: the chain verifies and the certificate names the host or D.",
    flags: ['HTTP', 'TLS'],
  },
  {
    id: 'XEP0156-2.2-3', roles: ['server'], section: '2.2', anchor: 'httpbizrules', keyword: ['MUST', 'SHOULD'],
    quote: 'Services implementing this XEP MUST offer the information in the Extensible Resource Descriptor (XRD) format and SHOULD additionally provide the JRD format (both formats are specified in …).',
    requirement: 'host-meta is an XRD naming the alternative connection methods, which really carry XMPP (MUST); host-meta.json is a JRD naming the same links (SHOULD).',
    sketch: 'GET /.well-known/host-meta and /.well-known/host-meta.json; parse both; log in over each link (BOSH, WebSocket).',
    flags: ['HTTP'],
  },
  {
    id: 'XEP0156-2.2-4', roles: ['client'], section: '2.2', anchor: 'httpbizrules', keyword: 'MUST',
    quote: 'HTTPS queries for host-meta information MUST be used only as a fallback after the methods specified in RFC 6120 have been exhausted.',
    requirement: 'A client asks host-meta only after the RFC 6120 methods (SRV, then the domain) failed.',
    flags: ['HTTP', 'DNS'],
  },
  {
    id: 'XEP0156-2.2-5', roles: ['server'], section: '2.2', anchor: 'httpbizrules', keyword: 'SHOULD NOT',
    quote: 'A domain SHOULD NOT present information in host-meta link records that is available via the DNS SRV records defined in RFC 6120.',
    requirement: 'host-meta does not repeat what the xmpp-client SRV records say.',
    flags: ['HTTP', 'DNS'],
  },
  {
    id: 'XEP0156-2.2-6', roles: ['server', 'client'], section: '2.2', anchor: 'httpbizrules', keyword: 'SHOULD NOT',
    quote: 'The order of XMPP related link entries in the host-meta file SHOULD NOT be interpreted as significant by the presenting domain or the receiving entity.',
    requirement: 'Neither side gives the order of the links a meaning.',
    flags: ['HTTP'],
  },
  {
    id: 'XEP0156-3-1', roles: ['server'], section: '3', anchor: 'impl', keyword: 'SHOULD',
    quote: 'To make connection discovery work in web clients (including those hosted on a different domain) the host service SHOULD set appropriate CORS headers for Web Host Metadata files.',
    requirement: 'host-meta (and host-meta.json) answer a cross-origin request with Access-Control-Allow-Origin for that origin or *.',
    sketch: 'GET both files with an Origin header of another site; look for Access-Control-Allow-Origin.',
    flags: ['HTTP'],
  },
  {
    id: 'XEP0156-4-1', roles: ['server', 'client'], section: '4', anchor: 'security', keyword: ['MUST', 'MUST'],
    quote: "Entities that use these connection methods MUST only fetch host-meta over Transport Layer Security (TLS), and MUST only use 'https' or 'wss' URLs that are protected using TLS.",
    requirement: 'Every named https:// or wss:// endpoint really is protected by TLS: a handshake completes there (server); a client uses no other (client).',
    sketch: 'A TLS handshake to each linked URL.',
    flags: ['HTTP', 'TLS'],
  },
]);
