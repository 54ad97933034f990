import { bare, defineCases, renumbered, sameIn, sameJid, token, x } from '../../src/authoring.js';
import { adminIq, announcingAffiliation, configure, createRoom, expectRemoval, granted, joinAs, listItems, setAffiliation } from './room.js';

/** XEP-0045 §9: admin use cases (bans, membership, affiliation lists). */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'admin' }, [
  {
    id: 'XEP0045-9.1-1',
    cite: sameIn(['1.22', '1.24', '1.34.5'], {
      section: '9.1',
      keyword: 'MUST',
      quote: 'The service MUST add that bare JID to the ban list … MUST also remove any banned users who are in the room … including status code 301 … if an admin attempts to ban an owner, the service MUST deny the request and return a <not-allowed/> error … If an admin or owner attempts to ban himself, the service MUST deny the request and return a <conflict/> error',
      anchor: 'ban',
    }),
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
      await t.setup('see C become an admin', () => admin.s.expect(announcingAffiliation(room.jid, 'c', 'admin')));
      t.expectError(await setAffiliation(admin.s, room.jid, a!.jid, 'outcast'), ['not-allowed']);
      t.expectError(await setAffiliation(admin.s, room.jid, c!.jid, 'outcast'), ['conflict']);
    },
  },
  {
    id: 'XEP0045-9.3-1',
    cite: sameIn(['1.22', '1.24', '1.34.5'], {
      section: '9.4',
      keyword: 'MUST',
      quote: 'If the room is members-only, the service MUST remove the user from the room, including a status code of 321 to indicate that the user was removed because of an affiliation change, and inform all remaining occupants',
      anchor: 'revokemember',
    }),
    requirement: "Granting membership is answered and announced to the occupants with affiliation='member' (§9.3); revoking it in a members-only room is answered and removes the user with status 321 (§9.4).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      const member = await joinAs(t, b!, room.jid, 'b');
      const grant = await setAffiliation(owner, room.jid, b!.jid, 'member');
      t.check(grant.attrs.type === 'result', 'a result for granting membership', grant);
      for (const s of [owner, member.s]) await s.expect(announcingAffiliation(room.jid, 'b', 'member'));
      await configure(t, owner, room.jid, { membersonly: true });
      const revoke = await setAffiliation(owner, room.jid, b!.jid, 'none');
      t.check(revoke.attrs.type === 'result', 'a result for revoking membership', revoke);
      await expectRemoval(t, room.jid, 'b', '321', [member.s, owner]);
    },
  },
  {
    id: 'XEP0045-9.5-1',
    cite: renumbered({ '1.22': '16.4', '1.24': '16.4', '1.34.5': '17.4' }, {
      keyword: ['MUST', 'MUST NOT'],
      quote: "if a moderator, admin, or owner attempts to modify both the affiliation and role of the same item in the same IQ set, the service MUST return a <bad-request/> error … in IQ results regarding affiliations, a MUC service MUST NOT include the 'role' attribute, MUST include the 'affiliation' attribute and the 'jid' attribute",
      anchor: 'bizrules-iq',
    }),
    requirement: 'A member-list set applies only the items sent (§9.5); a list get returns affiliation and bare jid without role; an item setting both role and affiliation gets <bad-request/>.',
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
          "every item with affiliation='member', a bare jid and no role", item);
      }
      const both = await adminIq(owner, room.jid, 'set', x('item', { jid: third, affiliation: 'member', role: 'participant' }));
      t.expectError(both, ['bad-request']);
    },
  },
]);
