import type { CaseContext } from '../../src/engine/context.js';
import { messageWithBody, type Match } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { bare, iq, newId, query, token } from '../../src/session/stanza.js';
import { Element, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';

/**
 * Stanzas one account sends another to find out whether a block (XEP-0016, XEP-0191) stops them.
 * Messages go to the bare JID (as clients send them) or to the full JID; presence and IQs go to
 * the recipient's full JID, so they are routed to that session whatever its priority. A message
 * to the bare JID reaches the recipient only if it sent initial presence (else it is stored offline).
 */
export type Kind = 'message' | 'message-full' | 'presence' | 'subscribe' | 'iq-get' | 'iq-set' | 'iq-result';

const WHAT: Record<Kind, string> = {
  message: 'a chat message to the bare JID',
  'message-full': 'a chat message to the full JID',
  presence: 'directed presence',
  subscribe: 'a subscription request',
  'iq-get': 'an IQ get',
  'iq-set': 'an IQ set',
  'iq-result': 'an unsolicited IQ result',
};

/** A namespace no client implements: an IQ set in it can only show whether it was routed. */
const PROBE_NS = 'urn:xmpp-certify:probe';

function stanzaOf(kind: Kind, to: string): Element {
  switch (kind) {
    case 'message': return chat(bare(to));
    case 'message-full': return chat(to);
    case 'presence': return x('presence', { to, id: newId('p') });
    case 'subscribe': return x('presence', { to: bare(to), type: 'subscribe', id: newId('s') });
    case 'iq-get': return iq('get', { to }, query(NS.version));
    case 'iq-set': return iq('set', { to }, query(PROBE_NS));
    case 'iq-result': return iq('result', { to });
  }
}

function chat(to: string, body = `probe ${token(4)}`): Element {
  return x('message', { to, type: 'chat', id: newId('m') }, x('body', {}, body));
}

/** One stanza sent from one account to another, and what became of it. */
export interface Attempt {
  kind: Kind;
  /** "a chat message to the bare JID", for findings. */
  what: string;
  stanza: Element;
  /** The stanza as the recipient got it; undefined when it was not delivered. */
  delivered?: Element;
  /** What came back to the sender: an error, or any presence from the recipient for presence kinds. */
  reply?: Element;
}

/**
 * Sends one stanza of each kind from `sender` to `recipient`, then runs `release`, which must end
 * with a marker that reached the recipient after them (markerFrom() in presence.ts): whatever
 * has not arrived by then was not delivered. The sender's stanzas are processed before the marker
 * is sent (a sync), and a second sync after it collects what the recipient's side sent back.
 */
export async function attempt(sender: Session, recipient: Session, kinds: Kind[], release: () => Promise<void>): Promise<Attempt[]> {
  const sent = kinds.map((kind) => ({ kind, what: WHAT[kind], stanza: stanzaOf(kind, recipient.jid!) }));
  for (const a of sent) sender.send(a.stanza);
  await sender.sync();
  await release();
  await sender.sync();
  return sent.map((a) => ({
    ...a,
    delivered: recipient.received(sameStanza(a.stanza))[0],
    reply: sender.received(replyTo(a.stanza, recipient))[0],
  }));
}

/**
 * For cases judging what a blocked sender gets back: an answer to a stanza that was delivered
 * anyway comes from the recipient, not from the block, so such a case cannot be judged (ERROR);
 * the delivery itself is the finding of the case on delivery.
 */
export async function requireUndelivered(t: CaseContext, attempts: Attempt[]): Promise<void> {
  await t.setup('see the blocked stanzas held back', async () => {
    const through = attempts.filter((a) => a.delivered !== undefined);
    if (through.length) throw new Error(`delivered despite the block: ${through.map((a) => a.what).join(', ')}`);
  });
}

/** The stanza as delivered: same element and id (messages also by their unique body). */
function sameStanza(sent: Element): Match {
  const body = sent.getChildText('body');
  return {
    describe: `the ${sent.name} with id '${sent.attrs.id}'`,
    test: (el) => el.name === sent.name && (el.attrs.id === sent.attrs.id || (body !== null && el.getChildText('body') === body)),
  };
}

/** An answer to `sent`: the same id, or for presence anything at all from the recipient. */
function replyTo(sent: Element, recipient: Session): Match {
  const from = bare(recipient.jid!).toLowerCase();
  return {
    describe: `an answer to the ${sent.name} with id '${sent.attrs.id}'`,
    test: (el) => el.name === sent.name && (el.attrs.id === sent.attrs.id
      || (sent.name === 'presence' && bare(el.attrs.from ?? '').toLowerCase() === from)),
  };
}

/** Sends a chat message to `to`'s full JID and returns it as delivered, or undefined after a step deadline. */
export async function messageArrives(from: Session, to: Session): Promise<Element | undefined> {
  const body = `hello ${token(4)}`;
  from.send(chat(to.jid!, body));
  return to.maybe(messageWithBody(body, { fromBare: bare(from.jid!) }));
}

/**
 * One message from each sender to `to`'s full JID: the `blocked` ones first (each synced, so the
 * server has dealt with it), then the `allowed` ones, each awaited for a step deadline. An allowed
 * message that arrives is the barrier for the blocked ones. Returns the senders whose message
 * got through although blocked, and those whose message did not although allowed.
 */
export async function messageRound(to: Session, blocked: Session[], allowed: [Session, ...Session[]]): Promise<{ leaked: Session[]; missing: Session[] }> {
  const sent = new Map<Session, string>();
  for (const sender of blocked) {
    const message = chat(to.jid!);
    sent.set(sender, message.getChildText('body')!);
    sender.send(message);
    await sender.sync();
  }
  const missing: Session[] = [];
  for (const sender of allowed) {
    if (!(await messageArrives(sender, to))) missing.push(sender);
  }
  const leaked = blocked.filter((s) => to.received(messageWithBody(sent.get(s)!)).length > 0);
  return { leaked, missing };
}

/**
 * Ends the preparation: each session syncs and forgets what it received so far, so later checks
 * see only what the step under test causes (set-up leaves presence behind, e.g. an unavailable
 * from a probe answered during the subscription handshake).
 */
export async function settle(...sessions: Session[]): Promise<void> {
  await Promise.all(sessions.map((s) => s.sync()));
  for (const s of sessions) s.clearInbox();
}

/** "A@localhost/r1, B@localhost/r2" for findings. */
export function names(sessions: Session[]): string {
  return sessions.map((s) => s.jid ?? s.label).join(', ');
}
