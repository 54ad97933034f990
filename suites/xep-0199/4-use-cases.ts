import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { iqStanza } from '../../src/session/match.js';
import { bare, sameJid } from '../../src/session/stanza.js';
import { ping } from './ping.js';

/** XEP-0199 §4: client-to-server and client-to-client pings. */
export default defineCases({ spec: 'xep-0199', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0199-4.2-1',
    cite: { section: '4.2', keyword: 'MUST', quote: '' },
    requirement: "A ping to the server (no 'to', the user's own bare JID, or the domain) gets an empty result.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const forms: [string, string | undefined][] = [
        ["no 'to' (the server on behalf of the account)", undefined],
        [`the account's bare JID ${bare(s.jid!)}`, bare(s.jid!)],
        [`server ${t.domain}`, t.domain],
      ];
      for (const [entity, to] of forms) {
        const response = await ping(s, to);
        t.check(response.attrs.type === 'result', `a result to a ping addressed to ${entity}`, response);
        t.check(response.getChildElements().length === 0, `an empty result to a ping addressed to ${entity}`, response);
      }
    },
  },
  {
    id: 'XEP0199-4.2-2',
    cite: { section: '4.2', keyword: 'MUST', quote: '' },
    requirement: 'A server without ping support answers a ping with <service-unavailable/>.',
    accounts: 1,
    // the requirement is on servers without the feature; the probe's verdict does not gate it
    needsSupport: false,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const response = await ping(s, t.domain);
      if (response.attrs.type === 'result') t.skip(`server ${t.domain} supports XEP-0199 (it answered the ping with a result)`);
      t.expectError(response, ['service-unavailable']);
    },
  },
  {
    id: 'XEP0199-4.4-1',
    cite: { section: '4.4', keyword: ['SHOULD', 'MUST'], quote: '' },
    requirement: "A ping to another user's full JID is delivered to that resource, and its answer comes back from it.",
    accounts: 2,
    // routing an IQ to a full JID (RFC 6120 §8.5.3) does not depend on the server's own ping support
    needsSupport: false,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await t.login(a!);
      const sb = await t.login(b!);
      const response = await ping(sa, sb.jid!);
      // B's session answers pings itself and keeps the request in its inbox
      const delivered = sb.received(iqStanza({ type: 'get', id: response.attrs.id as string, from: sa.jid }));
      t.check(delivered.length === 1, `the ping delivered to ${sb.jid} from ${sa.jid}`, `${delivered.length} matching pings at ${sb.jid}`);
      t.check(response.attrs.type === 'result' && sameJid(response.attrs.from, sb.jid), `the result from full JID ${sb.jid}`, response);
    },
  },
]);
