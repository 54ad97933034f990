import { defineCases, describe } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { discoInfo } from '../lib/disco.js';
import xep0410 from '../requirements/xep-0410.js';
import { createRoom, join, leave } from '../xep-0045/room.js';
import { SELF_PING_OPTIMIZATION, selfPing } from './self-ping.js';

/** XEP-0410 §3.3: a service that answers self-pings itself. */
export default defineCases({ spec: 'xep-0410', role: 'server' }, [
  {
    id: 'XEP0410-3.3-1',
    cite: citationOf(xep0410, 'XEP0410-3.3-1'),
    requirement: "A service with the self-ping optimization answers a joined occupant's ping to its own occupant JID with a result itself, without asking the occupant's client.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const room = await createRoom(t, s);
      t.note(`${room.jid} ${(await discoInfo(s, room.jid)).features.includes(SELF_PING_OPTIMIZATION) ? 'advertises' : 'does not advertise'} ${SELF_PING_OPTIMIZATION}`);
      const ping = await selfPing(s, `${room.jid}/${room.nick}`);
      t.check(ping.answer !== undefined, `the service answering the self-ping of ${room.jid}/${room.nick} itself`, ping.forwarded && `the room passed it on: ${describe(ping.forwarded)}`);
      t.check(ping.answer!.attrs.type === 'result', 'a result: the occupant is joined', ping.answer);
    },
  },
  {
    id: 'XEP0410-3.3-2',
    cite: citationOf(xep0410, 'XEP0410-3.3-2'),
    requirement: 'A service with the self-ping optimization answers a ping to an occupant JID from a user not joined as it (one who left) with <not-acceptable/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      const s = await t.login(b!);
      const nick = 'leaving';
      await join(t, s, room.jid, nick);
      await t.setup(`leave ${room.jid}`, () => leave(s, room.jid, nick));
      const ping = await selfPing(s, `${room.jid}/${nick}`);
      t.check(ping.answer !== undefined, `the service answering the ping to ${room.jid}/${nick} itself`, ping.forwarded && `the room passed it on: ${describe(ping.forwarded)}`);
      t.expectError(ping.answer!, ['not-acceptable']);
    },
  },
]);
