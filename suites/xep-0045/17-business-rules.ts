import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { message } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { sameJid, stanzaError, token } from '../../src/session/stanza.js';
import { Element, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import {
  barrier, checkOccupantPresence, createRoom, enter, freshRoom, groupchat, hasStatus, joinAs, mucUser, occupantPresence,
} from './room.js';

/** Posts to a room that does not (yet) exist for the sender; returns the error, if one came in time. */
async function postNowhere(s: Session, room: string): Promise<Element | undefined> {
  const stanza = groupchat(room, `nowhere ${token(3)}`);
  s.send(stanza);
  return s.maybe(message({ fromBare: room, type: 'error', id: stanza.attrs.id as string }));
}

/** XEP-0045 §17: business rules for addresses, messages and presence. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-17.1-1',
    cite: sameIn(['1.22', '1.24'], { section: '17.1', keyword: ['MUST', 'MUST NOT'], quote: '' }),
    requirement: 'A room nickname made only of a space is refused.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const { answer } = await enter(await t.login(t.accounts[1]!), room.jid, ' ');
      t.check(answer.attrs.type === 'error', "a presence error for the nickname ' '", answer);
      t.outcome(`refused with <${stanzaError(answer)?.condition ?? '?'}/>`);
    },
  },
  {
    id: 'XEP0045-17.2-1',
    cite: sameIn(['1.22', '1.24'], { section: '17.2', keyword: 'SHOULD', quote: '' }),
    requirement: 'A message to a room that does not exist, or is still locked, gets <item-not-found/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const missing = await postNowhere(owner, freshRoom(t));
      t.check(missing !== undefined, 'an error for a message to a room that does not exist', 'no error within the step deadline');
      if (missing) t.expectError(missing, ['item-not-found']);
      const locked = await createRoom(t, owner, { locked: true });
      const early = await postNowhere(await t.login(b!), locked.jid);
      t.check(early !== undefined, 'an error for a message to a locked room', 'no error within the step deadline');
      if (early) t.expectError(early, ['item-not-found']);
    },
  },
  {
    id: 'XEP0045-17.3-1',
    cite: sameIn(['1.22', '1.24'], { section: '17.3', keyword: 'MUST NOT', quote: '' }),
    requirement: 'Presence with a type (a probe) is never taken as a join, nor presence other than unavailable as a leave.',
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      const outsider = await t.login(c!);
      outsider.send(x('presence', { to: `${room.jid}/c`, type: 'probe' }));
      const atOutsider = await barrier(outsider, room.jid);
      t.check(!atOutsider.since.some((el) => hasStatus(el, '110')), 'no self-presence for the prober', atOutsider.since.map((el) => el.toString()).join(' '));
      t.check(atOutsider.answer.attrs.type === 'error', 'the prober is still no occupant: its message is refused', atOutsider.answer);
      owner.send(x('presence', { to: `${room.jid}/${room.nick}`, type: 'probe' }));
      const atOwner = await barrier(owner, room.jid);
      const seen = atOwner.since.filter((el) => el.name === 'presence').map((el) => el.toString());
      t.check(!atOwner.since.some((el) => sameJid(el.attrs.from, `${room.jid}/c`)), 'no presence of the prober in the room', seen.join(' '));
      t.check(!atOwner.since.some((el) => el.attrs.type === 'unavailable'), 'no unavailable presence after an occupant\'s probe', seen.join(' '));
      t.check(atOwner.answer.attrs.type === 'groupchat', 'the occupant still in the room: its message is reflected', atOwner.answer);
    },
  },
  {
    id: 'XEP0045-17.3-2',
    cite: sameIn(['1.22', '1.24'], { section: '17.3', keyword: 'MUST', quote: '' }),
    requirement: "Unavailable presence from a non-occupant is ignored silently; muc#user data a client puts in its presence is not passed on; the room's own extension carries role, affiliation and any jid as a full JID.",
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      const outsider = await t.login(c!);
      outsider.send(x('presence', { to: `${room.jid}/nobody`, type: 'unavailable' }));
      const { since } = await barrier(outsider, room.jid);
      t.check(since.length === 0, 'no answer to the unavailable presence of a non-occupant', since.map((el) => el.toString()).join(' '));
      const occupant = await joinAs(t, b!, room.jid, 'b');
      const real = mucUser(occupant.entry.answer).item;
      occupant.s.send(x('presence', { to: `${room.jid}/b` },
        x('show', {}, 'away'),
        x('x', { xmlns: NS.mucUser }, x('item', { affiliation: 'owner', role: 'moderator' }))));
      const update = await owner.expect(occupantPresence(room.jid, 'b', 'available', (el) => el.getChildText('show') === 'away', 'with <show>away</show>'));
      checkOccupantPresence(t, update);
      const item = mucUser(update).item;
      t.check(item?.attrs.role === real?.attrs.role && item?.attrs.affiliation === real?.attrs.affiliation,
        `the room's own role and affiliation (${real?.attrs.affiliation as string}/${real?.attrs.role as string}), not the client's owner/moderator`, update);
    },
  },
]);
