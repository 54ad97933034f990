import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { bare, sameJid, token } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { adminIq, announcing, configure, createRoom, expectRemoval, granted, joinAs, listItems, setAffiliation } from './room.js';

/** XEP-0045 §9: admin use cases (bans, membership, affiliation lists). */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'admin' }, [
  {
    id: 'XEP0045-9.1-1',
    cite: sameIn(['1.22', '1.24'], { section: '9.1', keyword: 'MUST', quote: '' }),
    requirement: 'A ban removes the user with status 301 and puts its bare JID on the ban list; an admin banning an owner gets <not-allowed/>, banning oneself <conflict/>.',
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      const banned = await joinAs(t, b!, room.jid, 'b');
      const response = await setAffiliation(owner, room.jid, b!.jid, 'outcast');
      t.check(response.attrs.type === 'result', 'a result for the ban', response);
      await expectRemoval(t, room.jid, 'b', '301', [banned.s, owner]);
      const list = await adminIq(owner, room.jid, 'get', x('item', { affiliation: 'outcast' }));
      t.check(listItems(list).some((i) => i.attrs.affiliation === 'outcast' && sameJid(i.attrs.jid, bare(b!.jid))), `${bare(b!.jid)} on the ban list`, list);
      const admin = await joinAs(t, c!, room.jid, 'c');
      await granted(t, 'make C an admin', () => setAffiliation(owner, room.jid, c!.jid, 'admin'));
      await t.setup('see C become an admin', () => admin.s.expect(announcing(room.jid, 'c', 'moderator', 'admin')));
      t.expectError(await setAffiliation(admin.s, room.jid, a!.jid, 'outcast'), ['not-allowed']);
      t.expectError(await setAffiliation(admin.s, room.jid, c!.jid, 'outcast'), ['conflict']);
    },
  },
  {
    id: 'XEP0045-9.3-1',
    cite: sameIn(['1.22', '1.24'], { section: '9.3', keyword: 'MUST', quote: '' }),
    requirement: 'Granting and revoking membership is answered and announced to the occupants; in a members-only room a revoked member is removed with status 321.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      const member = await joinAs(t, b!, room.jid, 'b');
      const grant = await setAffiliation(owner, room.jid, b!.jid, 'member');
      t.check(grant.attrs.type === 'result', 'a result for granting membership', grant);
      for (const s of [owner, member.s]) await s.expect(announcing(room.jid, 'b', 'participant', 'member'));
      await configure(t, owner, room.jid, { membersonly: true });
      const revoke = await setAffiliation(owner, room.jid, b!.jid, 'none');
      t.check(revoke.attrs.type === 'result', 'a result for revoking membership', revoke);
      await expectRemoval(t, room.jid, 'b', '321', [member.s, owner]);
    },
  },
  {
    id: 'XEP0045-9.5-1',
    cite: sameIn(['1.22', '1.24'], { section: '9.5', keyword: 'MUST', quote: '' }),
    requirement: 'A member-list set applies only the items sent; a list get returns affiliation and bare jid without role; an item setting both role and affiliation gets <bad-request/>.',
    accounts: 1,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const [first, second, third] = [1, 2, 3].map((i) => `certify-${i}-${token()}@${t.domain}`);
      await granted(t, `make ${first} a member`, () => setAffiliation(owner, room.jid, first!, 'member'));
      const delta = await setAffiliation(owner, room.jid, second!, 'member');
      t.check(delta.attrs.type === 'result', `a result for a list set holding only ${second}`, delta);
      const list = await adminIq(owner, room.jid, 'get', x('item', { affiliation: 'member' }));
      const items = listItems(list);
      t.check(list.attrs.type === 'result' && [first, second].every((j) => items.some((i) => sameJid(i.attrs.jid, j))), `both ${first} and ${second} on the member list`, list);
      for (const item of items) {
        t.check(item.attrs.affiliation === 'member' && typeof item.attrs.jid === 'string' && !item.attrs.jid.includes('/') && item.attrs.role === undefined,
          "every item with affiliation='member', a bare jid and no role (§17.4)", item);
      }
      const both = await adminIq(owner, room.jid, 'set', x('item', { jid: third, affiliation: 'member', role: 'participant' }));
      t.expectError(both, ['bad-request']);
    },
  },
]);
