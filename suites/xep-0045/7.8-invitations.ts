import { bare, type CaseCitation, defineCases, type Element, message, NS, sameIn, sameJid, type Session, token, x } from '../../src/authoring.js';
import { createRoom, passwordProtected } from './room.js';

/** A mediated invitation (§7.8.2): a normal message to the room with <invite to=…/>. */
function invite(room: string, to: string): Element {
  return x('message', { to: room, id: `inv-${token(3)}` }, x('x', { xmlns: NS.mucUser }, x('invite', { to }, x('reason', {}, 'certification test'))));
}

/** Waits for a message from the room itself whose muc#user <x/> holds `child` (invite, decline). */
function expectFromRoom(s: Session, room: string, child: 'invite' | 'decline'): Promise<Element> {
  return s.expect(message({ from: room, where: (el) => el.getChild('x', NS.mucUser)?.getChild(child) !== undefined }, `a message from ${room} holding <${child}/>`));
}

/**
 * The room's part of a mediated invitation, v1.22 and v1.24 §7.5 (the later §7.5.2 came with a
 * 2009 edit of v1.24). v1.22 lets the <invite/> 'from' be the inviter's bare JID or room JID;
 * v1.24 adds the full JID and lowers the message body from SHOULD to MAY. The elided word at the
 * start is the XEP's own entity &ROOM; ("<room@service>").
 */
const FORWARD: CaseCitation = {
  '1.22': {
    section: '7.5',
    keyword: ['MUST', 'SHOULD'],
    quote: "The … itself MUST then add a 'from' address to the <invite/> element whose value is the bare JID (or, optionally, the room JID) of the invitor and send the invitation to the invitee … (the service SHOULD include a message body … the room SHOULD add the password if the room is password-protected)",
    anchor: 'invite',
    changed: "v1.24 (2008) also allows the inviter's full JID, and makes the body a MAY",
  },
  '1.24': {
    section: '7.5',
    keyword: ['MUST', 'SHOULD'],
    quote: "The … itself MUST then add a 'from' address to the <invite/> element whose value is the bare JID, full JID, or room JID of the invitor and send the invitation to the invitee specified in the 'to' address (… the room SHOULD add the password if the room is password-protected)",
    anchor: 'invite',
  },
  '1.34.5': {
    section: '7.8.2',
    keyword: ['MUST', 'SHOULD'],
    quote: "The … itself MUST then add a 'from' address to the <invite/> element whose value is the bare JID, full JID, or occupant JID of the inviter and send the invitation to the invitee specified in the 'to' address; the room SHOULD add the password if the room is password-protected)",
    anchor: 'invite-mediated',
  },
};

/** XEP-0045 §7.8.2 (v1.22/v1.24 §7.5): mediated invitations and declines. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.8.2-1',
    cite: FORWARD,
    requirement: "The room forwards a mediated invitation to the invitee with a 'from' on <invite/> naming the inviter (MUST: v1.22 its bare JID or room JID, v1.24 also its full JID), the room's password, if it has one (SHOULD), and under v1.22 a message body (SHOULD).",
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const owner = await t.login(a!);
      const invitee = await t.login(c!, { presence: true });
      const secret = t.secret(token());
      let secured = false;
      const room = await createRoom(t, owner, {
        config: (form) => {
          secured = form.has('roomsecret');
          return secured ? passwordProtected(secret)(form) : {};
        },
      });
      owner.send(invite(room.jid, c!.jid));
      const received = await expectFromRoom(invitee, room.jid, 'invite');
      const userX = received.getChild('x', NS.mucUser)!;
      const from = userX.getChild('invite')!.attrs.from as string | undefined;
      const v122 = t.citation?.version === '1.22';
      // v1.22: "the bare JID (or, optionally, the room JID)"; v1.24: "the bare JID, full JID, or room JID"
      const inviter = v122 ? [bare(owner.jid!), `${room.jid}/${room.nick}`] : [bare(owner.jid!), owner.jid!, `${room.jid}/${room.nick}`];
      t.check(inviter.some((j) => sameJid(from, j)), `<invite from=…/> naming the inviter by ${v122 ? 'its bare JID or room JID (v1.22)' : 'its bare JID, full JID or room JID'} (${inviter.join(' or ')})`, received);
      if (secured) t.should(userX.getChildText('password') === secret, 'the room password in the invitation', received);
      else t.note('the configuration form has no roomsecret field: the password part was not checked');
      if (v122) t.should(received.getChild('body') !== undefined, 'a message body explaining the invitation (v1.22: SHOULD, for older clients)', received);
      else t.note(`message body: ${received.getChild('body') ? 'present' : 'none'} (v1.24: MAY)`);
    },
  },
  {
    id: 'XEP0045-7.8.2-2',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.5',
        keyword: ['SHOULD', 'MUST'],
        quote: 'If the invitor supplies a non-existent JID, the room SHOULD return an <item-not-found/> error to the invitor. … Thus the service MUST handle both the invites and declines.',
        anchor: 'invite',
      }),
      '1.34.5': {
        section: '7.8.2',
        keyword: 'SHOULD',
        anchor: 'invite-mediated',
        quote: 'If the inviter supplies a non-existent JID, the room SHOULD return an <item-not-found/> error to the inviter.',
      },
    },
    requirement: 'A decline sent to the room goes back to the inviter (MUST); an invitation to an address that does not exist should get <item-not-found/> (SHOULD).',
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const owner = await t.login(a!, { presence: true });
      const invitee = await t.login(c!, { presence: true });
      const room = await createRoom(t, owner);
      owner.send(invite(room.jid, c!.jid));
      await t.setup('see the invitation reach the invitee', () => expectFromRoom(invitee, room.jid, 'invite'));
      invitee.send(x('message', { to: room.jid }, x('x', { xmlns: NS.mucUser }, x('decline', { to: bare(owner.jid!) }, x('reason', {}, 'declined by the test')))));
      const declined = await expectFromRoom(owner, room.jid, 'decline');
      t.note(`<decline from='${declined.getChild('x', NS.mucUser)!.getChild('decline')!.attrs.from as string ?? ''}'/>`);
      const nobody = invite(room.jid, `nobody-${token()}@${t.domain}`);
      owner.send(nobody);
      const error = await owner.maybe(message({ fromBare: room.jid, type: 'error', id: nobody.attrs.id as string }));
      t.should(error !== undefined, 'an error for the invitation to an address that does not exist', 'no error within the step deadline');
      if (error) t.expectError(error, ['item-not-found'], 'should');
    },
  },
]);
