import { defineCases, describe, messageWithBody, renumbered, resourceOf, sameJid, token } from '../../src/authoring.js';
import { delays, postHistory } from './history.js';
import { createRoom, fromRoom, groupchat, hasStatus, joinAs, joinPresence, occupantPresence, setSubject, subjectMessage, takeUntil } from './room.js';

/** XEP-0045 §7.1 (v1.22/v1.24 §7.1.3): the order in which a room sends what a new occupant receives. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.1-1',
    cite: renumbered({ '1.22': '7.1.3', '1.24': '7.1.3', '1.34.5': '7.2.2' }, {
      keyword: 'MUST',
      quote: "The service MUST first send the complete list of the existing occupants to the new occupant and only then send the new occupant's own presence to the new occupant.",
      anchor: 'enter-pres',
    }),
    requirement: "On entry the room sends the presence of the occupants already there before the joiner's own presence; the rest of the order (history, subject, live traffic) is noted (judged by XEP0045-7.2.13-1 and 7.2.15-1).",
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      await joinAs(t, b!, room.jid, 'b');
      await postHistory(t, owner, room.jid, 1);
      await t.setup('set a subject', () => setSubject(owner, room.jid, `subject ${token(3)}`));
      const joiner = await t.login(c!);
      joiner.send(joinPresence(room.jid, 'joiner'));
      // live traffic: a message posted once the room has announced the new occupant
      await t.setup("see the joiner's presence at the owner", () => owner.expect(occupantPresence(room.jid, 'joiner')));
      const live = `live ${token(3)}`;
      owner.send(groupchat(room.jid, live));
      const sequence = await takeUntil(joiner, fromRoom(room.jid), messageWithBody(live, { fromBare: room.jid }));
      const kinds = sequence.map((el) => el === sequence[sequence.length - 1] ? 'live'
        : el.name === 'presence' ? (sameJid(el.attrs.from, `${room.jid}/joiner`) || hasStatus(el, '110') ? 'self' : `presence of ${resourceOf(el.attrs.from as string) ?? '?'}`)
        : subjectMessage(room.jid).test(el) ? 'subject' : el.getChild('body') ? (delays(el).length ? 'history' : 'message') : describe(el, 80));
      t.note(`order at the joiner: ${kinds.join(', ')}`);
      const self = kinds.indexOf('self');
      t.check(self >= 0, "the joiner's own presence", kinds.join(', '));
      const before = kinds.slice(0, self);
      for (const nick of [room.nick, 'b']) t.check(before.includes(`presence of ${nick}`), `the presence of '${nick}' before the joiner's own presence`, kinds.join(', '));
    },
  },
]);
