import { defineCases, type Element, presence, renumbered, sameJid, x } from '../../src/authoring.js';
import { createRoom, hasStatus, joinAs, mucUser, occupantPresence } from './room.js';

/** XEP-0045 §7.6 (v1.22/v1.24 §7.3): changing nickname. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.6-1',
    cite: renumbered({ '1.22': '7.3', '1.24': '7.3', '1.34.5': '7.6' }, {
      keyword: 'MUST',
      quote: "The unavailable presence MUST contain the following as extended presence information in an <x/> element qualified by the 'http://jabber.org/protocol/muc#user' namespace: The new nickname … A status code of 303",
      anchor: 'changenick',
    }),
    requirement: "A nick change is announced to everyone as unavailable from the old nick carrying status 303 and <item nick='new'/>, and available from the new nick; their order and status 110 on the changer's copies are noted.",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      await t.setup("see B's entry", () => owner.expect(occupantPresence(room.jid, 'b')));
      b.s.send(x('presence', { to: `${room.jid}/b-new` }));
      for (const s of [owner, b.s]) {
        const at = `at ${s.label}`;
        const seen: Element[] = [];
        const fromEither = presence({ where: (el) => sameJid(el.attrs.from, `${room.jid}/b`) || sameJid(el.attrs.from, `${room.jid}/b-new`) }, `presence from ${room.jid}/b or ${room.jid}/b-new`);
        const gone = () => seen.find((el) => el.attrs.type === 'unavailable' && sameJid(el.attrs.from, `${room.jid}/b`));
        const back = () => seen.find((el) => el.attrs.type === undefined && sameJid(el.attrs.from, `${room.jid}/b-new`));
        while (!gone() || !back()) seen.push(await s.expect(fromEither));
        t.check(hasStatus(gone()!, '303') && mucUser(gone()!).items.some((i) => i.attrs.nick === 'b-new'), `status 303 and <item nick='b-new'/> on the unavailable presence from ${room.jid}/b ${at}`, gone()!);
        t.note(`${at}: ${seen.map((el) => `${el.attrs.type ?? 'available'} from ${el.attrs.from as string}${hasStatus(el, '110') ? ' (110)' : ''}`).join(', ')}`);
      }
    },
  },
  {
    id: 'XEP0045-7.6-2',
    cite: renumbered({ '1.22': '7.3', '1.24': '7.3', '1.34.5': '7.6' }, {
      keyword: 'MUST',
      quote: 'If the user attempts to change his or her room nickname to a room nickname that is already in use by another user …, the service MUST deny the nickname change request and inform the user of the conflict; this is done by returning a presence stanza of type "error" specifying a <conflict/> error condition',
      anchor: 'changenick',
    }),
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
