import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { createRoom, joinAs, leave, mucUser, occupantPresence } from './room.js';

/** XEP-0045 §7.14: exiting a room. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.14-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.14', keyword: 'MUST', quote: '' }),
    requirement: "On leaving, the occupant gets its own unavailable presence with status 110 and the others get unavailable; both with role='none'.",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      const self = await leave(b.s, room.jid, 'b');
      const seen = await owner.expect(occupantPresence(room.jid, 'b', 'unavailable'));
      for (const [el, who] of [[self, 'the leaver'], [seen, 'the owner']] as const) {
        const item = mucUser(el).item;
        t.check(item?.attrs.role === 'none' && item.attrs.affiliation !== undefined, `role='none' and an affiliation on the unavailable presence at ${who}`, el);
      }
    },
  },
]);
