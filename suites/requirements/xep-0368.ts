import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0368 SRV records for XMPP over TLS, v1.1.0 (2019-08-20), the version in force when
 * XEP-0479 was published. XEP-0479 adds: "Server support of XEP-0368 means having the ability to
 * accept direct TLS connections" (Core Advanced Server). Only client-to-server rows: what a
 * server does as the initiator of a server-to-server connection needs a second domain.
 */
export default requirementsOf({ spec: 'xep-0368', version: '1.1.0' }, [
  {
    id: 'XEP0368-3-1', roles: ['client'], section: '3', keyword: 'SHOULD',
    quote: "Both 'xmpp-' and 'xmpps-' records SHOULD be treated as the same record with regard to connection order as specified by …, in that all priorities and weights are mixed.",
    requirement: 'The xmpp-client and xmpps-client SRV records are ordered as one set, priorities and weights mixed.',
    sketch: 'Publish both kinds of record with interleaved priorities; observe the order of connection attempts.',
    flags: ['DNS', 'DRV'],
  },
  {
    id: 'XEP0368-3-2', roles: ['server', 'client'], section: '3', keyword: 'MUST',
    quote: "Where 'service' starts with 'xmpps-' the client or server MUST connect with direct TLS enabled.",
    requirement: 'A port named by an xmpps-client record takes TLS at once, and an XMPP stream over it works (server); a client connects to it with TLS at once (client).',
    sketch: 'Resolve _xmpps-client._tcp.D (or take the port the user gives); start TLS on connect with SNI D and ALPN xmpp-client; open the stream, authenticate, bind, and exchange a stanza.',
    flags: ['TLS', 'DNS'],
  },
  {
    id: 'XEP0368-3-3', roles: ['client'], section: '3', keyword: 'MUST NOT',
    quote: "Where 'service' starts with 'xmpp-' the client or server MUST NOT connect with direct TLS enabled, connection method is unchanged from …",
    requirement: 'A client reaching a target of an xmpp-client record opens a plain stream and uses STARTTLS.',
    flags: ['DNS'],
  },
  {
    id: 'XEP0368-3-4', roles: ['server', 'client'], section: '3', keyword: 'MUST',
    quote: 'TLS certificates MUST be validated the same way as for STARTTLS.',
    requirement: 'The certificate on the direct TLS port passes the same validation for D as the one offered with STARTTLS (server); a client validates it the same way (client).',
    sketch: 'Validate the certificate of the direct TLS handshake for D with the trust anchors the run uses for STARTTLS.',
    flags: ['TLS'],
  },
  {
    id: 'XEP0368-3-5', roles: ['server', 'client'], section: '3', keyword: 'MUST NOT',
    quote: 'STARTTLS MUST NOT be used over direct TLS connections.',
    requirement: 'A stream over direct TLS offers no STARTTLS (server), and a client does not start it there (client).',
    sketch: 'Open the stream over direct TLS: its features hold no <starttls/>.',
    flags: ['TLS'],
  },
  {
    id: 'XEP0368-3-6', roles: ['client'], section: '3', keyword: 'MUST',
    quote: "Client or server MUST set SNI TLS extension to the JID's domain part.",
    requirement: 'The client names D in the SNI of its direct TLS handshake.',
    flags: ['TLS'],
  },
  {
    id: 'XEP0368-3-7', roles: ['client'], section: '3', keyword: 'SHOULD',
    quote: 'Client or server SHOULD set the ALPN (…) TLS extension.',
    requirement: 'The client offers ALPN in its direct TLS handshake.',
    flags: ['TLS'],
  },
  {
    id: 'XEP0368-3-8', roles: ['server', 'client'], section: '3', keyword: 'MUST',
    quote: "When ALPN is used, the ALPN protocol MUST be 'xmpp-client', where the SRV service is 'xmpps-client'.",
    requirement: 'A client offers xmpp-client as its ALPN protocol; a server that selects one for it selects xmpp-client.',
    sketch: 'Offer ALPN xmpp-client in the handshake: the server selects xmpp-client or none, never another protocol.',
    flags: ['TLS'],
  },
  {
    id: 'XEP0368-5-1', roles: ['client'], section: '5', keyword: ['SHOULD', 'MUST NOT'],
    quote: 'In this case, the initiating party SHOULD look up _xmpp-client (or _xmpp-server) records. The initiating party MUST NOT perform A/AAAA fallback as per … (since the service provider has already indicated that the SRV protocol is supported).',
    requirement: "An xmpps-client record with target '.' sends the client to the xmpp-client records, never to A/AAAA.",
    flags: ['DNS'],
  },
]);
