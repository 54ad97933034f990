import { bare, type CaseContext, defineCases, type Element, type Match, message, NS, presence, resourceOf, sameIn, token, worldFor } from '../../../src/authoring.js';
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

/** v1.22/v1.24 §7.5 (the elided word is the XEP's own entity &ROOM;, "<room@service>"). */
const INVITE_QUOTE_122 = "To do this, a MUC client MUST send XML of the following form to the … itself (the reason is OPTIONAL and the message MUST NOT possess a 'type' attribute; …)";
const INVITE_QUOTE_124 = 'To do this, a MUC client MUST send XML of the following form to the … itself (the reason is OPTIONAL and the message MUST be explicitly or implicitly of type "normal")';

const leaving = (room: string): Match => presence({ type: 'unavailable', where: (el) => bare(el.attrs.to ?? '') === room }, `unavailable presence to ${room}`);

/** XEP-0045 §6–7, client side (the entity and occupant use cases the client levels name). */
export default defineCases({ spec: 'xep-0045', role: 'client' }, [
  {
    id: 'XEP0045-6.7-1',
    cite: sameIn(['1.22', '1.24'], { section: '6.6', keyword: 'SHOULD', quote: 'The client SHOULD return its identity and the features it supports', anchor: 'disco-client' }),
    scope: 'entity',
    evidence: 'advertisement',
    requirement: 'The client lists http://jabber.org/protocol/muc among its disco features.',
    async run(t) {
      const info = await clientDisco(t);
      t.check(info.features.includes(NS.muc), `the feature ${NS.muc}`, info.features.join(' '));
    },
  },
  {
    id: 'XEP0045-7.2.1-2',
    cite: sameIn(['1.22', '1.24'], {
      section: '7.1.2',
      keyword: 'SHOULD',
      quote: "MUC clients SHOULD signal their ability to speak the MUC protocol by including in the initial presence stanza an empty <x/> element qualified by the 'http://jabber.org/protocol/muc' namespace",
      anchor: 'enter-muc',
      changed: 'the same SHOULD in later versions; only room creation (§10.1.1) says the user MUST include it',
    }),
    scope: 'occupant',
    requirement: "A client's presence entering a room carries an empty <x xmlns='http://jabber.org/protocol/muc'/> (SHOULD); that it goes to room/nick, as §7.1.1 describes it, is noted.",
    async run(t) {
      const { room, nick } = freshRoom(t);
      const joined = await join(t, room, nick);
      t.note(`the join presence went to ${resourceOf(joined.attrs.to!) === nick ? `${room}/${nick}, as §7.1.1 describes it` : joined.attrs.to}`);
      t.check(joined.getChild('x', NS.muc) !== undefined, `<x xmlns='${NS.muc}'/> in the join presence`, joined);
    },
  },
  {
    id: 'XEP0045-7.4-4',
    cite: sameIn(['1.22', '1.24'], {
      section: '16.2',
      keyword: 'MUST',
      quote: 'If an occupant wants to send a message to all other occupants, a MUC client MUST set the \'type\' attribute to a value of "groupchat".',
      anchor: 'bizrules-message',
    }),
    scope: 'occupant',
    requirement: "Messages for the whole room have type='groupchat' (MUST); whether they go to the room's bare JID (§7.9, no keyword) is noted.",
    async run(t) {
      const { room, nick } = freshRoom(t);
      await join(t, room, nick);
      const body = `hello room ${token(3)}`;
      const sent = await t.act({ kind: 'send-groupchat', room, body }, message({ where: (el) => bare(el.attrs.to ?? '') === room && el.getChildText('body') === body }, `the message "${body}" to ${room}`));
      t.note(`sent to ${sent.attrs.to === room ? 'the bare room JID' : sent.attrs.to} (§7.9 describes the bare room JID, without a keyword)`);
      t.check(sent.attrs.type === 'groupchat', "type='groupchat'", sent);
    },
  },
  {
    id: 'XEP0045-7.5-3',
    cite: sameIn(['1.22', '1.24'], {
      section: '7.8',
      keyword: ['SHOULD', 'MUST NOT'],
      quote: 'The message type SHOULD be "chat" and MUST NOT be "groupchat", but MAY be left unspecified (i.e., a normal message).',
      anchor: 'privatemessage',
    }),
    scope: 'occupant',
    requirement: "A private message to an occupant is never of type 'groupchat' (MUST NOT), and is of type 'chat' (SHOULD; a normal message is allowed too).",
    async run(t) {
      const { room, nick } = freshRoom(t);
      await join(t, room, nick);
      const body = `psst ${token(3)}`;
      const other = worldFor(t.domain).occupant.nick;
      const occupant = `${room}/${other}`;
      const sent = await t.act({ kind: 'private-message', room, nick: other, body }, message({ where: (el) => el.getChildText('body') === body }, `the private message "${body}"`));
      t.outcome(`type '${sent.attrs.type ?? 'normal'}', to ${sent.attrs.to === occupant ? 'the occupant JID' : sent.attrs.to}`);
      t.must(sent.attrs.type !== 'groupchat', "not type='groupchat'", sent);
      t.should(sent.attrs.type === 'chat' || sent.attrs.type === undefined || sent.attrs.type === 'normal', "type='chat' (or left unspecified)", sent);
      if (sent.attrs.type !== 'chat') t.note("not type='chat', which the text prefers (SHOULD), but a normal message, which it allows (MAY)");
    },
  },
  {
    id: 'XEP0045-7.14-2',
    cite: sameIn(['1.22', '1.24'], {
      absent: 'v1.22/v1.24 §7.2 describe leaving as unavailable presence to room/nick without a keyword (and let the user\'s server broadcast a general unavailable presence instead)',
      later: {
        doc: 'XEP-0045',
        version: '1.25',
        section: '16.3',
        keyword: 'MUST',
        quote: 'The presence stanza used to exit a room MUST possess a \'type\' attribute whose value is "unavailable".',
        anchor: 'bizrules-presence',
      },
    }),
    scope: 'occupant',
    requirement: "(v1.25 of 2012) Leaving a room is presence of type 'unavailable' to the room; whether it goes to the occupant JID is noted.",
    async run(t) {
      const { room, nick } = freshRoom(t);
      await join(t, room, nick);
      // any presence with a type to the room once the user leaves it: the check is on the type
      const left = await t.act({ kind: 'leave-room', room }, presence({ where: (el) => bare(el.attrs.to ?? '') === room && el.attrs.type !== undefined }, `presence with a type to ${room}`));
      t.note(`the presence went to ${left.attrs.to === `${room}/${nick}` ? 'the occupant JID' : left.attrs.to}`);
      t.check(left.attrs.type === 'unavailable', "type='unavailable'", left);
    },
  },
  {
    id: 'XEP0045-7.8.2-3',
    cite: {
      '1.22': { section: '7.5', keyword: ['MUST', 'MUST NOT'], quote: INVITE_QUOTE_122, anchor: 'invite', changed: "v1.24 (2008) allows type='normal'" },
      '1.24': { section: '7.5', keyword: 'MUST', quote: INVITE_QUOTE_124, anchor: 'invite' },
    },
    scope: 'occupant',
    requirement: "A mediated invitation is a message to the room holding <x xmlns='http://jabber.org/protocol/muc#user'><invite to='…'/></x>, with no 'type' (v1.22) or of type 'normal', explicitly or implicitly (v1.24).",
    async run(t) {
      const { room, nick } = freshRoom(t);
      await join(t, room, nick);
      const invitee = `mercutio@${t.domain}`;
      const invitation = message({ where: (el) => (bare(el.attrs.to ?? '') === room && el.getChild('x', NS.mucUser) !== undefined) || bare(el.attrs.to ?? '') === invitee }, `an invitation of ${invitee}`);
      const sent = await t.act({ kind: 'invite', room, jid: invitee }, invitation);
      // a direct invitation goes to the invitee: XEP-0249 (2008-09, after v1.24; XEP-0045 names it only from a 2009 edit), recorded as such
      if (bare(sent.attrs.to ?? '') === invitee) return t.skip(`the client invites directly (XEP-0249, a later spec), not through the room: no mediated invitation to judge: ${sent.toString().slice(0, 200)}`, 'not-applicable');
      const invite = sent.getChild('x', NS.mucUser)?.getChild('invite');
      t.check(invite !== undefined && invite.attrs.to === invitee, `<x xmlns='${NS.mucUser}'><invite to='${invitee}'/></x>`, sent);
      t.check(sent.attrs.to === room, `the invitation sent to the room itself, ${room}`, sent);
      if (t.citation?.version === '1.22') t.check(sent.attrs.type === undefined, "no 'type' attribute on the invitation (v1.22: MUST NOT possess one)", sent);
      else t.check(sent.attrs.type === undefined || sent.attrs.type === 'normal', "a message of type 'normal' (explicitly or implicitly)", sent);
    },
  },
]);
