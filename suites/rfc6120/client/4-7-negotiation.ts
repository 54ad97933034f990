import { defineCases, NS } from '../../../src/authoring.js';
import { loginRecord } from '../../lib/client.js';

/** The 'to' attribute of a stanza's opening tag, as the login record keeps it (text). */
function toOf(stanza: string): string | undefined {
  const tag = /^<[^>]*>/.exec(stanza)?.[0] ?? stanza;
  return /\sto=(["'])(.*?)\1/.exec(tag)?.[2];
}

/** RFC 6120 §4–7 (RFC 3920 §4–7), client side: how the client opens, secures, authenticates and binds its stream. */
export default defineCases({ spec: 'xmpp-core', role: 'client' }, [
  {
    id: 'RFC6120-4.7.2-1',
    cite: {
      '3920': {
        section: '4.4',
        keyword: 'MUST',
        quote: "The 'to' attribute SHOULD be used only in the XML stream header from the initiating entity to the receiving entity, and MUST be set to a hostname serviced by the receiving entity.",
        changed: "RFC 6120 §4.7.2 requires the 'to' attribute on the initial header (MUST include)",
      },
      '6120': {
        section: '4.7.2',
        keyword: 'MUST',
        quote: "For initial stream headers in both client-to-server and server-to-server communication, the initiating entity MUST include the 'to' attribute and MUST set its value to a domainpart that the initiating entity knows or expects the receiving entity to service.",
      },
    },
    requirement: "The client's stream header names the domain in 'to' (RFC 6120: always; RFC 3920: if it has a 'to'), says version='1.0', and declares the streams namespace and jabber:client.",
    async run(t) {
      const { negotiation } = loginRecord(t);
      const header = negotiation.headers[0]!;
      t.note(`first header: ${JSON.stringify(header)}`);
      if (header.to !== undefined || t.baseline === '6120') {
        t.check(header.to?.toLowerCase() === t.domain.toLowerCase(), `to='${t.domain}'`, `to='${header.to ?? '(none)'}'`);
      } else {
        t.outcome("no 'to' on the header: RFC 3920 §4.4 does not require one");
      }
      // RFC 6120 §4.7.5 rule 1, RFC 3920 §4.4.1 rule 1 and §5.1 rule 1: a client of this version says "1.0"
      t.check(header.version === '1.0', "version='1.0' (RFC 6120 §4.7.5, RFC 3920 §4.4.1: MUST)", `version='${header.version ?? '(none)'}'`);
      // RFC 6120 §4.8.1 (RFC 3920 §11.2.1): the header is in the streams namespace, whatever its prefix
      const streamNs = Object.entries(header).some(([k, v]) => k.startsWith('xmlns:') && v === NS.stream);
      t.check(streamNs, `the streams namespace '${NS.stream}' declared (RFC 6120 §4.8.1, RFC 3920 §4.5: MUST)`, JSON.stringify(header));
      // RFC 3920 §4.5 and §11.2.2 require the default namespace, jabber:client for a client; RFC 6120 §4.8.2 makes declaring it a MAY
      const contentNs = header.xmlns === NS.client || (t.baseline === '6120' && header.xmlns === undefined);
      t.check(contentNs, `the default namespace '${NS.client}' (RFC 3920 §4.5: MUST declare one; RFC 6120 §4.8.3: jabber:client for client-to-server)`, `xmlns='${header.xmlns ?? '(none)'}'`);
    },
  },
  {
    id: 'RFC6120-5.4-1',
    cite: {
      '3920': {
        section: '5.1',
        keyword: 'SHOULD',
        quote: 'Clients SHOULD use TLS to secure the streams prior to attempting the completion of SASL negotiation (Section 6), and servers SHOULD use TLS between two domains for the purpose of securing server-to-server communications.',
      },
      '6120': { section: '5.2', keyword: 'SHOULD', quote: 'An initiating entity SHOULD use TLS to secure its stream with the receiving entity before proceeding with SASL authentication.' },
    },
    requirement: 'When STARTTLS is offered, the client negotiates it before SASL.',
    async run(t) {
      const login = loginRecord(t);
      const offered = login.transcript.some((e) => e.direction === 'sent' && e.data.includes('starttls') && e.data.includes(NS.tls));
      if (!offered) t.skip('the tool offered no STARTTLS on this login');
      t.check(login.negotiation.tls, 'STARTTLS negotiated before SASL (the tool offered it)', 'the client authenticated over the unencrypted stream');
    },
  },
  {
    id: 'RFC6120-6.3.2-2',
    cite: {
      '3920': {
        section: '6.2',
        keyword: 'MUST',
        quote: 'Upon receiving the <success/> element, the initiating entity MUST initiate a new stream by sending an opening XML stream header to the receiving entity (…).',
      },
      '6120': {
        section: '6.4.6',
        keyword: 'MUST',
        quote: 'Upon receiving the <success/> element, the initiating entity MUST initiate a new stream over the existing TCP connection by sending a new initial stream header to the receiving entity (…).',
      },
    },
    requirement: 'After SASL success, and after TLS (RFC 6120 §5.4.3.3, RFC 3920 §5.2: MUST too), the client opens a new stream over the same connection.',
    async run(t) {
      const { negotiation } = loginRecord(t);
      // one header to start, one after TLS, one after SASL, one after compression: all on one connection
      const expected = 2 + (negotiation.tls ? 1 : 0) + (negotiation.compression ? 1 : 0);
      t.outcome(`${negotiation.headers.length} stream headers on the connection (TLS ${negotiation.tls ? 'yes' : 'no'}, compression ${negotiation.compression ?? 'no'})`);
      t.check(negotiation.headers.length >= expected, `${expected} stream headers on the one connection: the initial one and a restart after each of ${['TLS', 'SASL', 'compression'].filter((_, i) => [negotiation.tls, true, negotiation.compression][i]).join(', ')}`, `${negotiation.headers.length}`);
    },
  },
  {
    id: 'RFC6120-6.3.3-1',
    cite: {
      '3920': {
        absent: 'RFC 3920 §6 does not say in which order a client tries the mechanisms offered',
        later: {
          doc: 'RFC 6120',
          section: '6.3.3',
          keyword: 'SHOULD',
          quote: 'Any entity that will act as a SASL client or a SASL server MUST maintain an ordered list of its preferred SASL mechanisms …, where the list is ordered according to local policy or user configuration (which SHOULD be in order of perceived strength to enable the strongest authentication possible).',
        },
      },
      '6120': {
        section: '6.3.3',
        keyword: 'SHOULD',
        quote: 'Any entity that will act as a SASL client or a SASL server MUST maintain an ordered list of its preferred SASL mechanisms …, where the list is ordered according to local policy or user configuration (which SHOULD be in order of perceived strength to enable the strongest authentication possible).',
      },
    },
    requirement: 'The client tries the stronger mechanism first: SCRAM-SHA-1 before PLAIN (the tool offers both).',
    async run(t) {
      const { negotiation } = loginRecord(t);
      const first = negotiation.mechanisms[0];
      t.outcome(`mechanisms tried: ${negotiation.mechanisms.join(', ') || '(none)'}; TLS ${negotiation.tls ? 'yes' : 'no'}`);
      if (!first) t.skip('the client tried no SASL mechanism on this login');
      t.check(first === 'SCRAM-SHA-1', 'SCRAM-SHA-1 tried first (the tool offered SCRAM-SHA-1 and PLAIN)', `${first} first`);
    },
  },
  {
    id: 'RFC6120-7.1-2',
    cite: {
      '3920': {
        section: '7',
        keyword: 'MUST',
        quote: "Upon being so informed that resource binding is required, the client MUST bind a resource to the stream by sending to the server an IQ stanza of type \"set\" (see IQ Semantics (Section 9.2.3)) containing data qualified by the 'urn:ietf:params:xml:ns:xmpp-bind' namespace.",
      },
      '6120': { section: '7.1', keyword: 'MUST', quote: 'After a client authenticates with a server, it MUST bind a specific resource to the stream so that the server can properly address the client.' },
    },
    requirement: 'The client binds a resource before sending stanzas (RFC 6120 allows stanzas to the server itself or the own account before).',
    async run(t) {
      const { negotiation } = loginRecord(t);
      const early = negotiation.beforeBind;
      const to = early === undefined ? undefined : toOf(early);
      // RFC 6120 §7.1: "The client could exchange stanzas with the server itself or the client's account before binding a resource"
      const own = negotiation.username === undefined ? undefined : `${negotiation.username}@${t.domain}`.toLowerCase();
      const allowed = t.baseline === '6120' && early !== undefined && (to === undefined || to.toLowerCase() === t.domain.toLowerCase() || to.toLowerCase() === own);
      if (allowed) t.outcome(`before binding, a stanza to the server or the own account: ${early}`);
      else t.check(early === undefined, 'no stanza before resource binding', `sent before binding: ${early}`);
      t.check(negotiation.jid !== undefined, 'a resource bound', 'no resource bound');
      t.outcome(negotiation.resourceAsked ? `asked for the resource '${negotiation.resourceAsked}'` : 'let the server choose the resource');
    },
  },
]);
