import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { message, presence } from '../../src/session/match.js';
import { bare } from '../../src/session/stanza.js';
import { Blocks } from '../lib/blocking.js';
import { rosterItem, rosterPushFor, subscribeBoth } from '../lib/roster.js';
import { settle } from '../lib/traffic.js';

/** XEP-0191 §4 (v1.1 §6): implementation notes, polite blocking. */
export default defineCases({ spec: 'xep-0191', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0191-4-1',
    cite: { section: '4', keyword: 'RECOMMENDED', quote: '' },
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
      await a.sync();
      await c.sync();
      const notices = [
        ...c.received(message({ fromBare: bare(a.jid!) })),
        ...c.received(message({ from: t.domain })),
        ...c.received(presence({ fromBare: bare(a.jid!), type: ['unsubscribe', 'unsubscribed'] })),
        ...c.received(rosterPushFor(a.jid!)),
      ];
      t.check(notices.length === 0, `no message, unsubscription or roster change reaches ${bare(c.jid!)}`, notices[0]);
      for (const [owner, other] of [[a, c], [c, a]] as const) {
        const item = await rosterItem(owner, other.jid!);
        t.check(item?.attrs.subscription === 'both', `${bare(owner.jid!)}'s roster still has ${bare(other.jid!)} with subscription 'both'`,
          item ?? 'no roster item');
      }
    },
  },
]);
