import { bare, defineCases, malformedError, STANZA_TRANSPORTS, stanzaError } from '../../src/authoring.js';
import { Privacy, deniedMessages, jidRule } from '../lib/privacy.js';
import { deferRemoval } from '../lib/roster.js';
import { markerFrom } from '../lib/presence.js';
import { answered, attempt, noAnswer, notDelivered, requireUndelivered } from '../lib/traffic.js';

/** XEP-0016 §2.14: what a blocked entity gets back, and what the user gets for a stanza its own list blocks. */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-2.14-1',
    cite: {
      section: '2.14',
      keyword: 'SHOULD',
      quote: 'For message stanzas, the server SHOULD return an error, which SHOULD be <service-unavailable/>.',
      anchor: 'protocol-error',
      changed: 'RFC 3921 §10.14 says the opposite: the server SHOULD silently drop the message and MUST NOT return an error',
    },
    requirement: "A message the recipient's list blocks gets an error back, preferably <service-unavailable/>.",
    accounts: 3,
    async run(t) {
      const { round } = await deniedMessages(t);
      for (const m of await requireUndelivered(t, round)) {
        if (!t.check(m.reply?.attrs.type === 'error', `an error in answer to ${m.what} that A's list denies`, m.reply ?? 'no answer')) continue;
        t.expectError(m.reply!, ['service-unavailable']);
      }
    },
  },
  {
    id: 'XEP0016-2.14-2',
    cite: {
      section: '2.14',
      keyword: ['MUST', 'SHOULD'],
      quote: 'For IQ stanzas of type "get" or "set", the server MUST return an error, which SHOULD be <service-unavailable/>. IQ stanzas of other types MUST be silently dropped by the server.',
      anchor: 'protocol-error',
      changed: 'RFC 3921 §10.14: the error MUST be <service-unavailable/>, and other IQ types SHOULD (not MUST) be dropped',
    },
    requirement: "An IQ get or set the recipient's list blocks is not delivered and gets an error (preferably <service-unavailable/>); a blocked IQ result is dropped without an answer.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!);
      const c = await t.login(accountC!);
      const p = await Privacy.of(t, a);
      await p.activate(await p.create([jidRule('deny', c.jid!, 1, 'iq')]));
      // the list leaves C's messages alone, so C's own marker closes the round
      const round = await attempt(c, a, ['iq-get', 'iq-set', 'iq-result'], { marker: () => markerFrom(t, c, a) });
      await notDelivered(t, round, (m) => `${m.what} from ${bare(c.jid!)}, whose IQs A's list denies`);
      for (const m of await answered(t, round)) {
        if (m.kind === 'iq-result') {
          await noAnswer(t, round, m, 'must');
          continue;
        }
        t.must(m.reply?.attrs.type === 'error', `an error in answer to ${m.what}`, m.reply ?? 'no answer');
        t.expectError(m.reply!, [], 'must');
        t.should(stanzaError(m.reply!)?.condition === 'service-unavailable', `<service-unavailable/> for ${m.what}`, m.reply);
      }
    },
  },
  {
    id: 'XEP0016-2.14-3',
    cite: {
      section: '2.14',
      keyword: 'MUST NOT',
      quote: 'For presence stanzas (including notifications, subscriptions, and probes), the server MUST NOT respond and MUST NOT return an error.',
      anchor: 'protocol-error',
      changed: 'RFC 3921 §10.14: the server SHOULD silently drop the stanza and MUST NOT return an error',
    },
    requirement: 'Blocked presence (a notification, a subscription request) gets no answer at all, and is not delivered.',
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!, { presence: true });
      const c = await t.login(accountC!);
      // C's request leaves a pending item in C's roster; removed after A's lists are cleaned up
      deferRemoval(t, c, bare(a.jid!));
      const p = await Privacy.of(t, a);
      await p.activate(await p.create([jidRule('deny', c.jid!, 1, 'presence-in')]));
      const notifications = await attempt(c, a, ['presence'], { marker: () => markerFrom(t, c, a) });
      // subscription requests are not notifications (§2.10): only a rule on every stanza (§2.13) covers them
      await p.activate(await p.create([jidRule('deny', c.jid!, 1)]));
      const requests = await attempt(c, a, ['subscribe'], {
        lift: () => p.activate(undefined),
        marker: () => markerFrom(t, c, a),
      });
      for (const round of [notifications, requests]) {
        for (const m of round.attempts) await noAnswer(t, round, m);
        await notDelivered(t, round, (m) => `${m.what} from ${bare(c.jid!)}, which A's list blocks`);
      }
    },
  },
  {
    id: 'XEP0016-2.14-4',
    cite: {
      section: '2.14',
      keyword: ['MUST NOT', 'MUST'],
      quote: "If the user attempts to send an outbound stanza to a contact and that stanza type is blocked, the user's server MUST NOT route the stanza to the contact but instead MUST return a <not-acceptable/> error",
      anchor: 'protocol-error',
      changed: 'RFC 3921 §10.14 has no rule for stanzas the user sends',
    },
    requirement: "A stanza the user's own list blocks is not routed, and the user gets <not-acceptable/>.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!);
      const c = await t.login(accountC!);
      const p = await Privacy.of(t, a);
      // an item without children covers every stanza, outbound ones too (§2.13)
      await p.activate(await p.create([jidRule('deny', c.jid!, 1)]));
      const round = await attempt(a, c, ['message-full'], {
        lift: () => p.activate(undefined),
        marker: () => markerFrom(t, a, c),
      });
      await notDelivered(t, round, () => `A's message to ${bare(c.jid!)}, whom A's active list denies`);
      const [sent] = await answered(t, round);
      const error = sent!.reply?.attrs.type === 'error' ? stanzaError(sent!.reply) : undefined;
      t.check(error?.condition === 'not-acceptable', 'a <not-acceptable/> error back to A', sent!.reply ?? 'no answer');
      const problem = malformedError(sent!.reply!);
      t.check(problem === undefined, 'a well-formed error (RFC 6120 §8.3.2: a defined type and one defined condition)', `${problem}`);
    },
  },
]);
