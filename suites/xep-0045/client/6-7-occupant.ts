import { defineCases } from '../../../src/engine/case.js';
import { sameIn } from '../../../src/catalogue/citation.js';
import type { CaseContext } from '../../../src/engine/context.js';
import { worldFor } from '../../../src/host/world.js';
import { message, presence, type Match } from '../../../src/session/match.js';
import { bare, resourceOf, token } from '../../../src/session/stanza.js';
import type { Element } from '../../../src/xml/element.js';
import { NS } from '../../../src/xml/namespaces.js';
import { clientDisco } from '../../lib/client.js';

/** A room of the host's MUC service no earlier case used, and a nickname for the user. */
function freshRoom(t: CaseContext): { room: string; nick: string } {
  if (t.client.mode !== 'listen') return t.skip('rooms of the tool\'s own MUC service are needed (--listen)', 'not-run');
  return { room: `room-${token(3)}@conference.${t.domain}`, nick: `certify${token(2)}` };
}

/** Has the user join `room` and returns the presence that did it; the user leaves it when the case ends. */
async function join(t: CaseContext, room: string, nick: string): Promise<Element> {
  const joined = await t.act({ kind: 'join-room', room, nick }, presence({ where: (el) => bare(el.attrs.to ?? '') === room && !el.attrs.type }, `available presence to ${room}`));
  t.defer(() => t.act({ kind: 'leave-room', room }, leaving(room)).catch(() => undefined));
  return joined;
}

const leaving = (room: string): Match => presence({ type: 'unavailable', where: (el) => bare(el.attrs.to ?? '') === room }, `unavailable presence to ${room}`);

/** XEP-0045 §6–7, client side (the entity and occupant use cases the client levels name). */
export default defineCases({ spec: 'xep-0045', role: 'client' }, [
  {
    id: 'XEP0045-6.7-1',
    cite: sameIn(['1.22', '1.24'], { section: '6.7', keyword: 'SHOULD', quote: '' }),
    scope: 'entity',
    requirement: 'The client lists http://jabber.org/protocol/muc among its disco features.',
    async run(t) {
      const info = await clientDisco(t);
      t.check(info.features.includes(NS.muc), `the feature ${NS.muc}`, info.features.join(' '));
    },
  },
  {
    id: 'XEP0045-7.2.1-2',
    cite: sameIn(['1.22', '1.24'], { section: '7.2.1, 17.3', keyword: 'MUST', quote: '' }),
    scope: 'occupant',
    requirement: "A client joins with available presence to room/nick carrying an empty <x xmlns='http://jabber.org/protocol/muc'/>.",
    async run(t) {
      const { room, nick } = freshRoom(t);
      const joined = await join(t, room, nick);
      t.check(resourceOf(joined.attrs.to!) === nick, `to='${room}/${nick}'`, joined);
      t.check(joined.getChild('x', NS.muc) !== undefined, `<x xmlns='${NS.muc}'/> in the join presence`, joined);
    },
  },
  {
    id: 'XEP0045-7.4-4',
    cite: sameIn(['1.22', '1.24'], { section: '7.4, 17.2', keyword: 'MUST', quote: '' }),
    scope: 'occupant',
    requirement: "Messages for the whole room go to the room's bare JID with type='groupchat'.",
    async run(t) {
      const { room, nick } = freshRoom(t);
      await join(t, room, nick);
      const body = `hello room ${token(3)}`;
      const sent = await t.act({ kind: 'send-groupchat', room, body }, message({ where: (el) => bare(el.attrs.to ?? '') === room && el.getChildText('body') === body }, `the message "${body}" to ${room}`));
      t.check(sent.attrs.to === room, `to='${room}' (the bare room JID)`, sent);
      t.check(sent.attrs.type === 'groupchat', "type='groupchat'", sent);
    },
  },
  {
    id: 'XEP0045-7.5-3',
    cite: sameIn(['1.22', '1.24'], { section: '7.5', keyword: 'MUST NOT', quote: '' }),
    scope: 'occupant',
    requirement: "A private message to an occupant is never of type 'groupchat' ('chat' preferred).",
    async run(t) {
      const { room, nick } = freshRoom(t);
      await join(t, room, nick);
      const body = `psst ${token(3)}`;
      const other = worldFor(t.domain).occupant.nick;
      const occupant = `${room}/${other}`;
      const sent = await t.act({ kind: 'private-message', room, nick: other, body }, message({ where: (el) => el.getChildText('body') === body }, `the private message "${body}"`));
      t.check(sent.attrs.type !== 'groupchat', "not type='groupchat'", sent);
      t.outcome(`type '${sent.attrs.type ?? 'normal'}', to ${sent.attrs.to === occupant ? 'the occupant JID' : sent.attrs.to}`);
    },
  },
  {
    id: 'XEP0045-7.14-2',
    cite: sameIn(['1.22', '1.24'], { section: '7.14', keyword: 'MUST', quote: '' }),
    scope: 'occupant',
    requirement: 'Leaving a room is unavailable presence to the occupant JID.',
    async run(t) {
      const { room, nick } = freshRoom(t);
      await join(t, room, nick);
      const left = await t.act({ kind: 'leave-room', room }, leaving(room));
      t.check(left.attrs.to === `${room}/${nick}`, `to='${room}/${nick}' (the occupant JID)`, left);
    },
  },
  {
    id: 'XEP0045-7.8.2-3',
    cite: sameIn(['1.22', '1.24'], { section: '7.8.2', keyword: 'MUST', quote: '' }),
    scope: 'occupant',
    requirement: "A mediated invitation is a message to the room holding <x xmlns='http://jabber.org/protocol/muc#user'><invite to='…'/></x>.",
    async run(t) {
      const { room, nick } = freshRoom(t);
      await join(t, room, nick);
      const invitee = `mercutio@${t.domain}`;
      const invitation = message({ where: (el) => (bare(el.attrs.to ?? '') === room && el.getChild('x', NS.mucUser) !== undefined) || bare(el.attrs.to ?? '') === invitee }, `an invitation of ${invitee}`);
      const sent = await t.act({ kind: 'invite', room, jid: invitee }, invitation);
      // XEP-0249 direct invitations go to the invitee: another spec, recorded as such
      if (bare(sent.attrs.to ?? '') === invitee) return t.skip(`the client invites directly (XEP-0249), not through the room: ${sent.toString().slice(0, 200)}`, 'not-applicable');
      const invite = sent.getChild('x', NS.mucUser)?.getChild('invite');
      t.check(invite !== undefined && invite.attrs.to === invitee, `<x xmlns='${NS.mucUser}'><invite to='${invitee}'/></x>`, sent);
    },
  },
]);
