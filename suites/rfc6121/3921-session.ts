import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { iq, stanzaError, token } from '../../src/session/stanza.js';
import { describe, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { available } from '../lib/presence.js';
import { deferRemoval } from '../lib/roster.js';
import { probeWithoutSubscription, probeWithSubscription } from './4-presence.js';
import { iqsToNobody, messagesToNobody, nobody, presencesToNobody, toMissingResource } from './8-delivery.js';

/** RFC 3921 rules that RFC 6121 dropped or changed: session establishment (§3), §11.1 delivery, §5.1.3 probes. */
export default defineCases({ spec: 'xmpp-im', role: 'server' }, [
  {
    id: 'RFC3921-3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3', keyword: 'SHOULD', quote: '' },
    },
    requirement: 'The server offers the session feature after binding and answers the session request with a result (RFC 6121 era: still answers it).',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.secureStream('A');
      await t.setup(`log in as ${a!.jid} and bind`, async () => {
        await s.authenticate({ username: a!.local, password: a!.password, domain: a!.domain });
        await s.bind(`certify-${token(3)}`);
      });
      const feature = s.features?.getChild('session', NS.session);
      t.note(feature ? `session feature offered${feature.getChild('optional') ? ' as <optional/>' : ''}` : 'no session feature offered');
      if (t.baseline === '3920') t.check(feature !== undefined, `a <session xmlns='${NS.session}'/> stream feature (RFC 3921 §3)`, s.features);
      const response = await s.iq(iq('set', {}, x('session', { xmlns: NS.session })));
      t.check(response.attrs.type === 'result', 'an IQ result to the session request', response);
    },
  },
  {
    id: 'RFC3921-11.1-1',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { absent: '' },
    },
    requirement: 'A message of any type to a full JID that matches no resource is treated as if sent to the bare JID.',
    accounts: 2,
    transports: STANZA_TRANSPORTS,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      for (const { type, delivered, bounce } of await toMissingResource(t, sa, sb, ['normal', 'headline', 'groupchat'])) {
        t.check(delivered, `the ${type} message delivered to ${sb.jid} as if sent to the bare JID`, bounce ? describe(bounce) : 'not delivered');
      }
    },
  },
  {
    id: 'RFC3921-11.1-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { absent: '' },
    },
    requirement: 'For an account that does not exist: an IQ gets <service-unavailable/> (must), a message should too, presence should be dropped.',
    accounts: 1,
    transports: STANZA_TRANSPORTS,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const target = nobody(t);
      deferRemoval(t, s, target);
      for (const response of await iqsToNobody(s, target)) t.expectError(response, ['service-unavailable'], 'must');
      for (const { type, bounce } of await messagesToNobody(s, target)) {
        t.should(bounce !== undefined && stanzaError(bounce)?.condition === 'service-unavailable', `a <service-unavailable/> bounce for the ${type} message`, bounce ? describe(bounce) : 'dropped');
      }
      for (const { type, answers } of await presencesToNobody(s, target)) {
        t.should(answers.length === 0, `no answer to ${type} presence`, answers.map((p) => describe(p)).join(' '));
      }
    },
  },
  {
    id: 'RFC3921-5.1.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { absent: '' },
    },
    requirement: "A probe from a requester without From/Both gets 'unsubscribed'; with the contact offline, unavailable or nothing; online, the last presence of each resource.",
    accounts: 2,
    transports: STANZA_TRANSPORTS,
    async run(t) {
      const [a, b] = t.accounts;
      const { revealed, unsubscribed } = await probeWithoutSubscription(t, a!, b!);
      t.check(revealed.length === 0, 'no presence of the contact for the unauthorised prober', describe(revealed[0]));
      t.check(unsubscribed !== undefined, "an 'unsubscribed' answer to the unauthorised probe", 'no answer');
      const offline = await probeWithSubscription(t, a!, b!);
      t.check(offline.every((p) => p.attrs.type === 'unavailable'), 'unavailable presence or no answer for a probe of an offline contact', offline.map((p) => describe(p)).join(' '));
      t.outcome(offline.length ? 'offline contact: answered with unavailable presence' : 'offline contact: no answer');
    },
  },
]);
