import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { message } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { token } from '../../src/session/stanza.js';
import { Element, x } from '../../src/xml/element.js';
import { createRoom, joinAs } from './room.js';

/** A private message to an occupant JID (§7.5). */
function privateMessage(to: string, type: string, body = `private ${token(3)}`): Element {
  return x('message', { to, type, id: `pm-${token(3)}` }, x('body', {}, body));
}

/** Sends a private message and waits for the error the room answers it with. */
async function refused(s: Session, stanza: Element): Promise<Element> {
  s.send(stanza);
  return s.expect(message({ from: stanza.attrs.to as string, type: 'error', id: stanza.attrs.id as string }, `an error for the message to ${stanza.attrs.to as string}`));
}

/** XEP-0045 §7.5: private messages between occupants. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.5-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.5', keyword: 'MUST', quote: '' }),
    requirement: "A private message to an occupant JID reaches that occupant from the sender's occupant JID; a groupchat one is refused with <bad-request/> and not delivered.",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      const to = `${room.jid}/b`;
      const chat = privateMessage(to, 'chat');
      owner.send(chat);
      const received = await b.s.expect(message({ from: `${room.jid}/${room.nick}`, where: (el) => el.getChildText('body') === chat.getChildText('body') }, `the private message from ${room.jid}/${room.nick}`));
      t.check(received.attrs.type === 'chat', "type='chat' kept", received);
      const wrong = privateMessage(to, 'groupchat');
      t.expectError(await refused(owner, wrong), ['bad-request']);
      // the room handles the sender's stanzas in order: once a later one arrives, the refused one would have too
      const marker = privateMessage(to, 'chat');
      owner.send(marker);
      await b.s.expect(message({ from: `${room.jid}/${room.nick}`, where: (el) => el.getChildText('body') === marker.getChildText('body') }, 'a later private message'));
      const leaked = b.s.received(message({ where: (el) => el.getChildText('body') === wrong.getChildText('body') }));
      t.check(leaked.length === 0, 'the groupchat-typed private message not delivered', leaked[0]);
    },
  },
  {
    id: 'XEP0045-7.5-2',
    cite: sameIn(['1.22', '1.24'], { section: '7.5', keyword: 'MUST', quote: '' }),
    requirement: 'A private message to an occupant JID nobody holds gets <item-not-found/>; one from a non-occupant gets <not-acceptable/>.',
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      t.expectError(await refused(owner, privateMessage(`${room.jid}/ghost-${token(2)}`, 'chat')), ['item-not-found']);
      const outsider = await t.login(c!);
      t.expectError(await refused(outsider, privateMessage(`${room.jid}/${room.nick}`, 'chat')), ['not-acceptable']);
    },
  },
]);
