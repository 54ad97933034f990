import { bare, defineCases, presence, sameIn, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { discoItems } from '../lib/disco.js';
import { subscribe } from '../lib/roster.js';

/** XEP-0030 §7: error conditions. */
export default defineCases({ spec: 'xep-0030', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0030-7-1',
    cite: sameIn(['2.3', '2.4', '2.5rc3'], {
      section: '7',
      keyword: 'MUST',
      quote: 'As noted above, if an entity has no associated items, it MUST return an empty <query/> element (rather than an error) in response to a disco#items request.',
      anchor: 'errors',
    }),
    requirement: 'An entity with no items answers disco#items with an empty query, not an error.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await t.login(a!, { roster: true, presence: true });
      const sb = await t.login(b!, { roster: true, presence: true });
      // A may see B's items (subscription); once B is offline, a fresh account has none
      await subscribe(t, sa, sb);
      const bJid = bare(sb.jid!);
      await sb.close();
      await t.setup(`see ${sb.jid} go offline`, () => sa.expect(presence({ from: sb.jid, type: 'unavailable' })));
      const items = await discoItems(sa, bJid);
      t.check(items.ok, `a disco#items result (not an error) for account ${bJid}, offline, asked by a subscriber`, items.response);
      if (items.items.length > 0) t.skip(`account ${bJid} has items of its own (${items.items.map((i) => i.node ?? i.jid).join(', ')}): the empty answer could not be observed`);
      t.outcome(`account ${bJid} answered with an empty <query/>`);
    },
  },
]);
