import { defineCases, sameIn } from '../../src/authoring.js';
import { createRoom, hasStatus, joinAs, leave, mucUser, occupantPresence } from './room.js';
import { raisedToMust } from './since-1.25.js';

/** XEP-0045 §7.14 (v1.22/v1.24 §7.2): exiting a room. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.14-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.2',
        keyword: ['MUST', 'SHOULD'],
        quote: 'Presence stanzas of type "unavailable" reflected by the room MUST contain extended presence information about roles and affiliations; the \'role\' attribute SHOULD be set to a value of "none" to denote that the individual is no longer an occupant.',
        anchor: 'exit',
        changed: "v1.25 (2012) makes role='none' a MUST, and asks for status 110 on the leaver's own copy",
      }),
      '1.34.5': {
        section: '7.14',
        keyword: 'MUST',
        anchor: 'exit',
        quote: "Presence stanzas of type \"unavailable\" reflected by the room MUST contain extended presence information about roles and affiliations; in particular, the 'role' attribute MUST be set to a value of \"none\" to denote that the individual is no longer an occupant.",
      },
    },
    requirement: "On leaving, the occupant and the others get unavailable presence from its occupant JID with a role and an affiliation (MUST), the role 'none' (SHOULD); status 110 on the leaver's copy is noted.",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      const self = await leave(b.s, room.jid, 'b');
      const seen = await owner.expect(occupantPresence(room.jid, 'b', 'unavailable'));
      t.note(`status 110 on the leaver's own unavailable presence: ${hasStatus(self, '110') ? 'yes' : 'no'}`);
      for (const [el, who] of [[self, 'the leaver'], [seen, 'the owner']] as const) {
        const item = mucUser(el).item;
        t.must(item?.attrs.role !== undefined && item.attrs.affiliation !== undefined, `a role and an affiliation on the unavailable presence at ${who}`, el);
        raisedToMust(t, item?.attrs.role === 'none', `role='none' on the unavailable presence at ${who}`, el);
      }
    },
  },
]);
