import { bare, defineCases, iqStanza, sameIn, sameJid, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { available } from '../lib/presence.js';
import { ping } from './ping.js';

/** XEP-0199 v1.0 §4: client-to-server and client-to-client pings. */
export default defineCases({ spec: 'xep-0199', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0199-4.2-1',
    cite: sameIn(['1.0', '2.0.1'], {
      section: '4.2', anchor: 'c2s', keyword: 'MUST',
      quote: 'If the server supports the ping namespace, it MUST return an IQ-result:',
    }),
    requirement: "A ping to the server (no 'to', the user's own bare JID, or the domain) gets an IQ result.",
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
        // the example's result is empty; no keyword asks for that (RFC 3920 §9.2.3 allows one child)
        if (response.getChildElements().length) t.note(`the result to a ping addressed to ${entity} has a child element`);
      }
    },
  },
  {
    id: 'XEP0199-4.2-2',
    cite: sameIn(['1.0', '2.0.1'], {
      section: '4.2', anchor: 'c2s', keyword: 'MUST',
      quote: 'If the server does not support the ping namespace, it MUST return a <service-unavailable/> error:',
    }),
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
    cite: {
      '1.0': {
        doc: 'RFC 3921', section: '11.1', keyword: 'MUST',
        quote: 'If the JID is of the form <user@domain/resource> and an available resource matches the full JID, the recipient\'s server MUST deliver the stanza to that resource.',
        changed: 'XEP-0199 v1.0 §4.4 itself states no server rule (the pinged client SHOULD answer); RFC 6120 §10.5.4 has the same MUST for a connected resource',
      },
      // XEP-0199 v2.0.1 §4.4 itself states no server rule either (the pinged client SHOULD answer)
      '2.0.1': {
        doc: 'RFC 6121',
        section: '8.5.3.1',
        keyword: 'MUST',
        quote: 'If an available resource or connected resource exactly matches the full JID, how the stanza is processed depends on the stanza type. … For an IQ stanza, the server MUST deliver the stanza to the resource.',
      },
    },
    requirement: "A ping to another user's full JID (an available resource) is delivered to that resource, and its answer comes back from it.",
    accounts: 2,
    // routing an IQ to a full JID does not depend on the server's own ping support
    needsSupport: false,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await t.login(a!);
      // an available resource: RFC 3921 §11.1 speaks of those
      const sb = await available(t, b!);
      const response = await ping(sa, sb.jid!);
      // B's session answers pings itself and keeps the request in its inbox
      const delivered = sb.received(iqStanza({ type: 'get', id: response.attrs.id as string, from: sa.jid }));
      t.check(delivered.length === 1, `the ping delivered to ${sb.jid} from ${sa.jid}`, `${delivered.length} matching pings at ${sb.jid}`);
      t.check(response.attrs.type === 'result' && sameJid(response.attrs.from, sb.jid), `the result from full JID ${sb.jid}`, response);
    },
  },
]);
