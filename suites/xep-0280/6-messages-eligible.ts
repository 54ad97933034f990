import { type CaseContext, defineCases, type Element, type Match, message, messageWithBody, type Session, token, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0280 from '../requirements/xep-0280.js';
import { anyCarbonOf, carbonOf, chat, forwarded, twoResources } from '../lib/carbons.js';
import { discoInfo } from '../lib/disco.js';
import { createRoom, join, say } from '../xep-0045/room.js';

const RULES = 'urn:xmpp:carbons:rules:0';
const RECEIPTS = 'urn:xmpp:receipts';

/** A received-copy at `to` of the receipt with id `id`. */
function receiptCopy(id: string): Match {
  return message({ where: (el) => forwarded(el, 'received')?.getChild('received', RECEIPTS)?.attrs.id === id }, `a <received/> carbon copy of the receipt for '${id}'`);
}

/**
 * §6.1's rules for messages other than 'chat': C sends A1 a 'normal' message with a body and a
 * 'normal' message carrying only a XEP-0184 receipt, then a chat marker whose copy closes the
 * round (copies of one sender's messages go out in order); both copies must be at A2 by then,
 * at the strength of the case's keyword (a recommendation, or a requirement under rules:0).
 */
async function imMessagesCopied(t: CaseContext): Promise<void> {
  const [accountA, accountC] = t.accounts;
  const [a1, a2] = await twoResources(t, accountA!, true);
  const c = await t.login(accountC!);
  const normal = `normal with a body ${token(3)}`;
  const receiptId = `r-${token(3)}`;
  c.send(x('message', { to: a1.jid, type: 'normal' }, x('body', {}, normal)));
  c.send(x('message', { to: a1.jid }, x('received', { xmlns: RECEIPTS, id: receiptId })));
  const marker = chat(a1.jid!, 'marker');
  c.send(marker.stanza);
  await t.setup(`have ${a2.jid} receive the copy of the chat marker`, () => a2.expect(carbonOf('received', marker.body)));
  t.check(a2.received(carbonOf('received', normal)).length > 0, `a <received/> copy at ${a2.jid!} of a 'normal' message with a body`, 'none before the copy of a later chat message');
  t.check(a2.received(receiptCopy(receiptId)).length > 0, `a <received/> copy at ${a2.jid!} of a message carrying only a XEP-0184 receipt`, 'none before the copy of a later chat message');
}

/** A1 in a fresh room with C, A2 outside it with carbons enabled. */
async function inRoom(t: CaseContext): Promise<{ a1: Session; a2: Session; c: Session; room: string; nick: string }> {
  if (!t.fact('service')) return t.skip('the server lists no MUC service (XEP-0045 §6.1)');
  const [accountA, accountC] = t.accounts;
  const [a1, a2] = await twoResources(t, accountA!, true);
  const room = await createRoom(t, a1);
  const c = await t.login(accountC!);
  await join(t, c, room.jid, 'c');
  return { a1, a2, c, room: room.jid, nick: room.nick };
}

/** A barrier for A2: a chat message from C to A1, whose copy reaches A2 after any copy of what reached A1 before it. */
async function copyOfMarker(c: Session, a1: Session, a2: Session): Promise<void> {
  const marker = chat(a1.jid!, 'marker');
  c.send(marker.stanza);
  await a2.expect(carbonOf('received', marker.body));
}

function isGroupchat(body: string): (el: Element) => boolean {
  return (el) => el.attrs.type === 'groupchat' && el.getChildText('body') === body;
}

/** XEP-0280 v1.0.1 §6: messages eligible for carbons delivery. */
export default defineCases({ spec: 'xep-0280', role: 'server' }, [
  {
    id: 'XEP0280-6-1',
    cite: citationOf(xep0280, 'XEP0280-6-1'),
    requirement: "Besides 'chat' messages, a 'normal' message with a <body/> and one carrying only a XEP-0184 receipt are carbon-copied (§6.1's rules).",
    accounts: 2,
    async run(t) {
      await imMessagesCopied(t);
    },
  },
  {
    id: 'XEP0280-6.1-1',
    cite: citationOf(xep0280, 'XEP0280-6.1-1'),
    requirement: 'A groupchat message a room sends to one resource is not carbon-copied to the others.',
    accounts: 2,
    async run(t) {
      const { a1, a2, c, room } = await inRoom(t);
      const body = `groupchat ${token(3)}`;
      await say(c, room, body);
      await t.setup(`have ${a1.jid} receive the groupchat message`, () => a1.expect(message({ fromBare: room, where: isGroupchat(body) })));
      await t.nothingArrived(a2, anyCarbonOf(body), `carbon copy at ${a2.jid!} of a groupchat message to ${a1.jid!}`, () => copyOfMarker(c, a1, a2));
    },
  },
  {
    id: 'XEP0280-6.1-2',
    cite: citationOf(xep0280, 'XEP0280-6.1-2'),
    requirement: "A private message from an occupant of a room to the user's occupant JID is not carbon-copied to the user's other resources.",
    accounts: 2,
    async run(t) {
      const { a1, a2, c, room, nick } = await inRoom(t);
      const { stanza, body } = chat(`${room}/${nick}`, 'private in the room');
      c.send(stanza);
      await t.setup(`have ${a1.jid} receive the private message through the room`, () => a1.expect(messageWithBody(body, { fromBare: room })));
      await t.nothingArrived(a2, anyCarbonOf(body), `carbon copy at ${a2.jid!} of a private message from an occupant of ${room}`, () => copyOfMarker(c, a1, a2));
    },
  },
  {
    id: 'XEP0280-6.2-1',
    cite: citationOf(xep0280, 'XEP0280-6.2-1'),
    requirement: "A server that advertises urn:xmpp:carbons:rules:0 copies what §6.1's rules name, as a requirement.",
    accounts: 2,
    async run(t) {
      const info = await discoInfo(await t.login(t.accounts[0]!), t.domain);
      if (!info.features.includes(RULES)) return t.skip(`the server does not advertise ${RULES}: §6.1's rules stay recommendations`);
      await imMessagesCopied(t);
    },
  },
]);
