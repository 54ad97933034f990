import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { token } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { checkOccupantPresence, createRoom, joinAs, occupantPresence } from './room.js';

/** XEP-0045 §7.7: changing availability status. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.7-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.7', keyword: 'MUST', quote: '' }),
    requirement: "An occupant's presence change (show/status) is passed on to the occupants with the MUC extension attached.",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      const status = `away ${token(2)}`;
      b.s.send(x('presence', { to: `${room.jid}/b` }, x('show', {}, 'away'), x('status', {}, status)));
      const changed = await owner.expect(occupantPresence(room.jid, 'b', 'available', (el) => el.getChildText('show') === 'away', 'with <show>away</show>'));
      t.check(changed.getChildText('status') === status, `the <status>${status}</status> passed on`, changed);
      checkOccupantPresence(t, changed);
    },
  },
]);
