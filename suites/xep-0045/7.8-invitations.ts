import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { message } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { bare, sameJid, token } from '../../src/session/stanza.js';
import { Element, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { createRoom, passwordProtected } from './room.js';

/** A mediated invitation (§7.8.2): a normal message to the room with <invite to=…/>. */
function invite(room: string, to: string): Element {
  return x('message', { to: room, id: `inv-${token(3)}` }, x('x', { xmlns: NS.mucUser }, x('invite', { to }, x('reason', {}, 'certification test'))));
}

/** Waits for a message from the room itself whose muc#user <x/> holds `child` (invite, decline). */
function expectFromRoom(s: Session, room: string, child: 'invite' | 'decline'): Promise<Element> {
  return s.expect(message({ from: room, where: (el) => el.getChild('x', NS.mucUser)?.getChild(child) !== undefined }, `a message from ${room} holding <${child}/>`));
}

/** XEP-0045 §7.8.2: mediated invitations and declines. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.8.2-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.8.2', keyword: 'MUST', quote: '' }),
    requirement: "The room forwards a mediated invitation to the invitee with a 'from' on <invite/> naming the inviter (MUST) and the room's password, if it has one (SHOULD).",
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const owner = await t.login(a!);
      const invitee = await t.login(c!, { presence: true });
      const secret = token();
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
      const inviter = [bare(owner.jid!), owner.jid!, `${room.jid}/${room.nick}`];
      t.check(inviter.some((j) => sameJid(from, j)), `<invite from=…/> naming the inviter (${inviter.join(' or ')})`, received);
      if (secured) t.should(userX.getChildText('password') === secret, 'the room password in the invitation', received);
      else t.note('the configuration form has no roomsecret field: the password part was not checked');
    },
  },
  {
    id: 'XEP0045-7.8.2-2',
    cite: sameIn(['1.22', '1.24'], { section: '7.8.2', keyword: ['MUST', 'SHOULD'], quote: '' }),
    requirement: 'A decline sent to the room goes back to the inviter (MUST); an invitation to an address that does not exist should get <item-not-found/> (SHOULD).',
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const owner = await t.login(a!, { presence: true });
      const invitee = await t.login(c!, { presence: true });
      const room = await createRoom(t, owner);
      owner.send(invite(room.jid, c!.jid));
      await expectFromRoom(invitee, room.jid, 'invite');
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
