import { anyOf, bare, defineCases, message, presence, renumbered, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { Blocks } from '../lib/blocking.js';
import { rosterItem, rosterPushFor, subscribeBoth } from '../lib/roster.js';
import { settle } from '../lib/traffic.js';

/** XEP-0191 §4 (v1.1 §6): implementation notes, polite blocking. */
export default defineCases({ spec: 'xep-0191', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0191-4-1',
    cite: renumbered({ '1.1': '6', '1.3': '4' }, {
      keyword: 'RECOMMENDED',
      quote: 'When a server receives a block command from a user, … it is RECOMMENDED to deploy so-called "polite blocking" instead (i.e., to not cancel the presence subscriptions or send a notification).',
      anchor: 'impl',
    }),
    requirement: 'Polite blocking: blocking cancels no subscription and sends the blocked contact no notice.',
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!, { presence: true, roster: true });
      const c = await t.login(accountC!, { presence: true, roster: true });
      await subscribeBoth(t, a, c);
      const blocks = await Blocks.of(t, a);
      await settle(a, c);
      await blocks.blockNow([bare(c.jid!)]);
      // anything the block made the server tell C was routed before A's sync was answered
      const notice = anyOf(
        message({ fromBare: bare(a.jid!) }),
        message({ from: t.domain }),
        presence({ fromBare: bare(a.jid!), type: ['unsubscribe', 'unsubscribed'] }),
        rosterPushFor(a.jid!),
      );
      await t.nothingArrived(c, notice, `message, unsubscription or roster change reaching ${bare(c.jid!)}`, async () => {
        await a.sync();
        await c.sync();
      });
      for (const [owner, other] of [[a, c], [c, a]] as const) {
        const item = await rosterItem(owner, other.jid!);
        t.check(item?.attrs.subscription === 'both', `${bare(owner.jid!)}'s roster still has ${bare(other.jid!)} with subscription 'both'`,
          item ?? 'no roster item');
      }
    },
  },
]);
