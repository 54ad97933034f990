import { bare, defineCases, messageWithBody, token, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { carbonsIq } from '../lib/carbons.js';
import { join, say } from '../xep-0045/room.js';
import { archivedRoom, deliver, lastPage, ours, pageWith, setupQuery } from './archive.js';

/** XEP-0313 v1.1.0 §6: business rules. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-6.1.1-1',
    cite: citationOf(xep0313, 'XEP0313-6.1.1-1'),
    requirement: "'chat' and 'normal' messages with a body, sent and received, are in the user's archive.",
    accounts: 2,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      const sent = [(await deliver(t, a, c, 'chat sent')).body, (await deliver(t, a, c, 'normal sent', { type: 'normal' })).body];
      const received = [(await deliver(t, c, a, 'chat received')).body, (await deliver(t, c, a, 'normal received', { type: 'normal' })).body];
      const answer = await setupQuery(t, a, lastPage(), `query the archive of ${bare(a.jid!)}`);
      const found = ours(answer, [...sent, ...received]).map((r) => r.body);
      for (const body of [...sent, ...received]) t.check(found.includes(body), `"${body}" in the archive`, `not among the last ${answer.results.length} results`);
    },
  },
  {
    id: 'XEP0313-6.1.1-2',
    cite: citationOf(xep0313, 'XEP0313-6.1.1-2'),
    requirement: 'A message to the bare JID that two carbons-enabled resources receive is in the archive once.',
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a1 = await t.login(accountA!, { presence: true });
      const a2 = await t.login(accountA!, { presence: true });
      // carbons where the server has them; a message to the bare JID may also go to both resources (RFC 6121 §8.5.2.1.1)
      for (const s of [a1, a2]) await s.iq(carbonsIq('enable'));
      const c = await t.login(accountC!);
      const body = `to the bare JID ${token(3)}`;
      c.send(x('message', { to: bare(a1.jid!), type: 'chat' }, x('body', {}, body)));
      await t.setup(`have ${a1.jid} or ${a2.jid} receive the message`, () => Promise.any([a1, a2].map((s) => s.expect(messageWithBody(body)))));
      await Promise.all([a1.sync(), a2.sync()]);
      const answer = await pageWith(t, a1, [body]);
      const times = ours(answer, [body]).length;
      t.check(times === 1, `"${body}" once in the archive of ${bare(a1.jid!)}`, `${times} times`);
    },
  },
  {
    id: 'XEP0313-6.1.2-1',
    cite: citationOf(xep0313, 'XEP0313-6.1.2-1'),
    requirement: "Groupchat messages with a body are in the room's archive.",
    accounts: 1,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      const room = await archivedRoom(t, a);
      const bodies = [`first ${token(3)}`, `second ${token(3)}`];
      for (const body of bodies) await say(a, room.jid, body);
      const answer = await setupQuery(t, a, lastPage({ to: room.jid }), `query the archive of ${room.jid}`);
      const found = ours(answer, bodies).map((r) => r.body);
      for (const body of bodies) t.check(found.includes(body), `"${body}" in the archive of ${room.jid}`, `not among ${answer.results.length} results`);
    },
  },
  {
    id: 'XEP0313-6.1.2-2',
    cite: citationOf(xep0313, 'XEP0313-6.1.2-2'),
    requirement: 'A groupchat message two occupants received is in the room archive once.',
    accounts: 2,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      const room = await archivedRoom(t, a);
      const c = await t.login(t.accounts[1]!);
      await join(t, c, room.jid, 'c');
      const body = `to two occupants ${token(3)}`;
      await say(a, room.jid, body);
      await t.setup(`have ${c.jid} receive the groupchat message`, () => c.expect(messageWithBody(body, { fromBare: room.jid })));
      const times = ours(await pageWith(t, a, [body], { to: room.jid }), [body]).length;
      t.check(times === 1, `"${body}" once in the archive of ${room.jid}`, `${times} times`);
    },
  },
  {
    id: 'XEP0313-6.1.2-3',
    cite: citationOf(xep0313, 'XEP0313-6.1.2-3'),
    requirement: "A private message between occupants is not among the room archive's results.",
    accounts: 2,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      const room = await archivedRoom(t, a);
      const c = await t.login(t.accounts[1]!);
      await join(t, c, room.jid, 'c');
      const secret = `private in the room ${token(3)}`;
      c.send(x('message', { to: `${room.jid}/${room.nick}`, type: 'chat' }, x('body', {}, secret)));
      await t.setup(`have ${a.jid} receive the private message`, () => a.expect(messageWithBody(secret, { fromBare: room.jid })));
      const shared = `in the room ${token(3)}`;
      await say(c, room.jid, shared);
      // the room archived the later groupchat message: a private one before it would be there by now
      const answer = await pageWith(t, a, [shared], { to: room.jid });
      t.check(ours(answer, [secret]).length === 0, `no private message among the results of ${room.jid}'s archive`, ours(answer, [secret])[0]?.el);
    },
  },
  {
    id: 'XEP0313-6.1.2-4',
    cite: citationOf(xep0313, 'XEP0313-6.1.2-4'),
    requirement: "A message from the room archive is forwarded without 'to', 'from' the sender's occupant JID.",
    accounts: 1,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      const room = await archivedRoom(t, a);
      const body = `archived in the room ${token(3)}`;
      await say(a, room.jid, body);
      const [found] = ours(await pageWith(t, a, [body], { to: room.jid }), [body]);
      const m = found!.message!;
      t.check(m.attrs.to === undefined, "no 'to' on the forwarded message", m);
      t.check(m.attrs.from === `${room.jid}/${room.nick}`, `from='${room.jid}/${room.nick}' (the sender's occupant JID) on the forwarded message`, m);
    },
  },
  {
    id: 'XEP0313-6.2-1',
    cite: citationOf(xep0313, 'XEP0313-6.2-1'),
    requirement: 'No two results of an archive share a UID.',
    accounts: 2,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      const bodies = [(await deliver(t, c, a, 'one')).body, (await deliver(t, a, c, 'two')).body, (await deliver(t, c, a, 'three')).body];
      const answer = await pageWith(t, a, bodies);
      const ids = answer.results.map((r) => r.id ?? '');
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      t.check(repeated.length === 0 && !ids.includes(''), `${ids.length} results, each with a UID of its own`, `repeated: ${repeated.join(', ') || '(a result without an id)'}`);
    },
  },
]);
