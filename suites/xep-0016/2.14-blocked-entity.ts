import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { bare, stanzaError } from '../../src/session/stanza.js';
import { Privacy, deniedMessages, jidRule } from '../lib/privacy.js';
import { deferRemoval } from '../lib/roster.js';
import { markerFrom } from '../lib/presence.js';
import { attempt, requireUndelivered } from '../lib/traffic.js';

/** XEP-0016 §2.14: what a blocked entity gets back, and what the user gets for a stanza its own list blocks. */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-2.14-1',
    cite: { section: '2.14', keyword: 'SHOULD', quote: '' },
    requirement: "A message the recipient's list blocks gets an error back, preferably <service-unavailable/>.",
    accounts: 3,
    async run(t) {
      const { attempts } = await deniedMessages(t);
      await requireUndelivered(t, attempts);
      for (const m of attempts) {
        const error = m.reply?.attrs.type === 'error' ? stanzaError(m.reply) : undefined;
        t.check(error !== undefined, `an error in answer to ${m.what} that A's list denies`, m.reply ?? 'no answer');
        if (error) t.check(error.condition === 'service-unavailable', `<service-unavailable/> for ${m.what}`, m.reply);
      }
    },
  },
  {
    id: 'XEP0016-2.14-2',
    cite: { section: '2.14', keyword: 'MUST', quote: '' },
    requirement: "An IQ get or set the recipient's list blocks gets an error (preferably <service-unavailable/>); a blocked IQ result is dropped silently.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!);
      const c = await t.login(accountC!);
      const p = await Privacy.of(t, a);
      await p.activate(await p.create([jidRule('deny', c.jid!, 1, 'iq')]));
      // the list leaves C's messages alone, so C's own marker closes the round
      const attempts = await attempt(c, a, ['iq-get', 'iq-set', 'iq-result'], () => markerFrom(t, c, a));
      for (const m of attempts) {
        t.check(m.delivered === undefined, `${m.what} from ${bare(c.jid!)}, whose IQs A's list denies, is not delivered`, m.delivered);
        if (m.kind === 'iq-result') {
          t.check(m.reply === undefined, `no answer to ${m.what}: it is dropped silently`, m.reply);
          continue;
        }
        const error = m.reply?.attrs.type === 'error' ? stanzaError(m.reply) : undefined;
        t.check(error !== undefined, `an error in answer to ${m.what}`, m.reply ?? 'no answer');
        t.should(error?.condition === 'service-unavailable', `<service-unavailable/> for ${m.what}`, m.reply);
      }
    },
  },
  {
    id: 'XEP0016-2.14-3',
    cite: { section: '2.14', keyword: 'MUST NOT', quote: '' },
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
      const notifications = await attempt(c, a, ['presence'], () => markerFrom(t, c, a));
      // subscription requests are not notifications (§2.10): only a rule on every stanza (§2.13) covers them
      await p.activate(await p.create([jidRule('deny', c.jid!, 1)]));
      const requests = await attempt(c, a, ['subscribe'], async () => {
        await p.activate(undefined);
        await markerFrom(t, c, a);
      });
      for (const m of [...notifications, ...requests]) {
        t.check(m.reply === undefined, `no answer at all to ${m.what} that A's list blocks`, m.reply);
        t.check(m.delivered === undefined, `${m.what} from ${bare(c.jid!)} is not delivered`, m.delivered);
      }
    },
  },
  {
    id: 'XEP0016-2.14-4',
    cite: { section: '2.14', keyword: 'MUST', quote: '' },
    requirement: "A stanza the user's own list blocks is not routed, and the user gets <not-acceptable/>.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!);
      const c = await t.login(accountC!);
      const p = await Privacy.of(t, a);
      // an item without children covers every stanza, outbound ones too (§2.13)
      await p.activate(await p.create([jidRule('deny', c.jid!, 1)]));
      const [sent] = await attempt(a, c, ['message-full'], async () => {
        await p.activate(undefined);
        await markerFrom(t, a, c);
      });
      t.check(sent!.delivered === undefined, `A's message to ${bare(c.jid!)}, whom A's active list denies, is not delivered`, sent!.delivered);
      const error = sent!.reply?.attrs.type === 'error' ? stanzaError(sent!.reply) : undefined;
      t.check(error?.condition === 'not-acceptable', 'a <not-acceptable/> error back to A', sent!.reply ?? 'no answer');
    },
  },
]);
