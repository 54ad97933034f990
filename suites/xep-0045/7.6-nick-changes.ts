import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { presence } from '../../src/session/match.js';
import { sameJid } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { createRoom, hasStatus, joinAs, mucUser, occupantPresence, takeUntil } from './room.js';

/** XEP-0045 §7.6: changing nickname. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.6-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.6', keyword: 'MUST', quote: '' }),
    requirement: "A nick change is announced to everyone as unavailable from the old nick (303, item nick=new), then available from the new; the changer's copies carry 110.",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      await t.setup("see B's entry", () => owner.expect(occupantPresence(room.jid, 'b')));
      b.s.send(x('presence', { to: `${room.jid}/b-new` }));
      for (const [s, self] of [[owner, false], [b.s, true]] as const) {
        const fromEither = presence({ where: (el) => sameJid(el.attrs.from, `${room.jid}/b`) || sameJid(el.attrs.from, `${room.jid}/b-new`) });
        const seen = await takeUntil(s, fromEither, occupantPresence(room.jid, 'b-new'));
        const gone = seen.find((el) => el.attrs.type === 'unavailable' && sameJid(el.attrs.from, `${room.jid}/b`));
        const back = seen[seen.length - 1]!;
        const at = `at ${s.label}`;
        t.check(gone !== undefined, `unavailable from ${room.jid}/b before the presence from ${room.jid}/b-new ${at}`, seen.map((el) => el.toString()).join(' '));
        t.check(hasStatus(gone!, '303') && mucUser(gone!).item?.attrs.nick === 'b-new', `status 303 and <item nick='b-new'/> on the unavailable ${at}`, gone!);
        if (self) t.check(hasStatus(gone!, '110') && hasStatus(back, '110'), `status 110 on both presences ${at}`, `${gone!.toString()} ${back.toString()}`);
      }
    },
  },
  {
    id: 'XEP0045-7.6-2',
    cite: sameIn(['1.22', '1.24'], { section: '7.6', keyword: 'MUST', quote: '' }),
    requirement: 'Changing to a nickname another occupant holds gets <conflict/>.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      b.s.send(x('presence', { to: `${room.jid}/${room.nick}` }));
      const answer = await b.s.expect(presence({ from: `${room.jid}/${room.nick}`, type: 'error' }));
      t.expectError(answer, ['conflict']);
    },
  },
]);
