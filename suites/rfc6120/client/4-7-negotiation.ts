import { defineCases } from '../../../src/engine/case.js';
import { NS } from '../../../src/xml/namespaces.js';
import { loginRecord } from '../../lib/client.js';

/** RFC 6120 §4–7 (RFC 3920 §4–7), client side: how the client opens, secures, authenticates and binds its stream. */
export default defineCases({ spec: 'xmpp-core', role: 'client' }, [
  {
    id: 'RFC6120-4.7.2-1',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '4.7.2', keyword: 'SHOULD', quote: '' },
    },
    requirement: "The client's stream header names the domain in 'to', says version='1.0', and uses jabber:client with the streams namespace.",
    async run(t) {
      const { negotiation } = loginRecord(t);
      const header = negotiation.headers[0]!;
      t.note(`first header: ${JSON.stringify(header)}`);
      t.check(header.to?.toLowerCase() === t.domain.toLowerCase(), `to='${t.domain}'`, `to='${header.to ?? '(none)'}'`);
      t.check(header.version === '1.0', "version='1.0'", `version='${header.version ?? '(none)'}'`);
      t.check(header.xmlns === NS.client && header['xmlns:stream'] === NS.stream, `xmlns='${NS.client}' and xmlns:stream='${NS.stream}'`, `xmlns='${header.xmlns ?? ''}' xmlns:stream='${header['xmlns:stream'] ?? ''}'`);
    },
  },
  {
    id: 'RFC6120-5.4-1',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '5.3.1, 5.4', keyword: 'SHOULD', quote: '' },
    },
    requirement: 'When STARTTLS is offered, the client negotiates it before SASL.',
    async run(t) {
      const { negotiation } = loginRecord(t);
      t.check(negotiation.tls, 'STARTTLS negotiated before SASL (the tool offered it)', 'the client authenticated over the unencrypted stream');
    },
  },
  {
    id: 'RFC6120-6.3.2-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '5.4.3.3, 6.4.6', keyword: 'MUST', quote: '' },
    },
    requirement: 'After TLS and after SASL success, the client opens a new stream over the same connection.',
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
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '6.3.3, 13.9.4', keyword: 'SHOULD', quote: '' },
    },
    requirement: 'The client prefers the stronger mechanism: SCRAM-SHA-1 over PLAIN when both are offered, and no plaintext password on an unencrypted stream.',
    async run(t) {
      const { negotiation } = loginRecord(t);
      const first = negotiation.mechanisms[0];
      t.outcome(`mechanisms tried: ${negotiation.mechanisms.join(', ') || '(none)'}; TLS ${negotiation.tls ? 'yes' : 'no'}`);
      t.check(first === 'SCRAM-SHA-1', 'SCRAM-SHA-1 chosen first (the tool offered SCRAM-SHA-1 and PLAIN)', `${first ?? 'no mechanism'} first`);
      t.check(negotiation.tls || !negotiation.mechanisms.includes('PLAIN'), 'no PLAIN over an unencrypted stream', 'PLAIN used without TLS');
    },
  },
  {
    id: 'RFC6120-7.1-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '7.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'The client binds a resource before sending stanzas.',
    async run(t) {
      const { negotiation } = loginRecord(t);
      t.check(negotiation.beforeBind === undefined, 'no stanza before resource binding', `sent before binding: ${negotiation.beforeBind}`);
      t.check(negotiation.jid !== undefined, 'a resource bound', 'no resource bound');
      t.outcome(negotiation.resourceAsked ? `asked for the resource '${negotiation.resourceAsked}'` : 'let the server choose the resource');
    },
  },
]);
