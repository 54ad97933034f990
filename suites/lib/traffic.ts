import { bare, type CaseContext, type Element, iq, type Match, messageWithBody, newId, NS, query, type Session, Skip, type Strength, token, ToolError, x } from '../../src/authoring.js';

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
  /** The stanza as the recipient got it; undefined when it was not delivered (see Round.proof). */
  delivered?: Element;
  /** What came back to the sender: an error, or any presence from the recipient for presence kinds. */
  reply?: Element;
}

/** The stanzas of one attempt() and what proves that the target has dealt with them. */
export interface Round {
  sender: Session;
  recipient: Session;
  /** One per kind asked for, in that order; never empty. */
  attempts: Attempt[];
  /**
   * Resolves when the barrier held: the sender's stanzas were processed (a sync), a marker sent
   * after them reached the recipient, and a second sync of the sender collected what came back.
   * Rejects with what failed otherwise: then an absence proves nothing.
   */
  proof: () => Promise<void>;
}

/** How a round ends: preparation that lets the marker through, then the marker itself. */
export interface Release {
  /**
   * Scene-setting steps that must run before the marker can pass (declining the list that
   * blocks it, unblocking the sender): t.setup steps whose failure is ERROR.
   */
  lift?: () => Promise<unknown>;
  /** The barrier: a marker that reaches the recipient only after the stanzas under test (markerFrom() in presence.ts). */
  marker: () => Promise<unknown>;
}

/**
 * Sends one stanza of each kind from `sender` to `recipient`, then ends the round with
 * `release`: its lift steps, then its marker, which must reach the recipient after the stanzas
 * (RFC 6120 §10.1 keeps one sender's stanzas in order). Whatever has not arrived by then was
 * not delivered; a second sync of the sender collects what the recipient's side sent back. A
 * barrier that fails does not end the case here: the round's proof rejects, and the verdicts
 * built on it (notDelivered(), noAnswer(), answered()) become "unproven".
 */
export async function attempt(sender: Session, recipient: Session, kinds: Kind[], release: Release): Promise<Round> {
  if (kinds.length === 0) throw new ToolError('attempt() was given no kind of stanza to send: an empty round proves nothing');
  const sent = kinds.map((kind) => ({ kind, what: WHAT[kind], stanza: stanzaOf(kind, recipient.jid!) }));
  for (const a of sent) sender.send(a.stanza);
  let failure: unknown;
  const barrier = async (step: () => Promise<unknown>): Promise<void> => {
    if (failure !== undefined) return;
    try {
      await step();
    } catch (err) {
      if (err instanceof Skip) throw err;
      failure = err;
    }
  };
  await barrier(() => sender.sync());
  if (release.lift) await release.lift();
  await barrier(release.marker);
  await barrier(() => sender.sync());
  return {
    sender,
    recipient,
    attempts: sent.map((a) => ({
      ...a,
      delivered: recipient.received(sameStanza(a.stanza))[0],
      reply: sender.received(replyTo(a.stanza, recipient))[0],
    })),
    proof: async () => {
      if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
    },
  };
}

/**
 * Judges that none of the round's stanzas reached the recipient, each through t.nothingArrived
 * with the round's marker as the barrier (unproven if it failed). `what` names each stanza for
 * the finding ("no delivery of …").
 */
export async function notDelivered(t: CaseContext, round: Round, what: (a: Attempt) => string): Promise<void> {
  if (round.attempts.length === 0) throw new ToolError('no stanza was sent: an empty round proves nothing');
  for (const a of round.attempts) {
    await t.nothingArrived(round.recipient, sameStanza(a.stanza), `delivery of ${what(a)}`, round.proof);
  }
}

/** Judges that nothing came back to the sender for `a` (the round's second sync is the barrier). */
export async function noAnswer(t: CaseContext, round: Round, a: Attempt, strength?: Strength): Promise<boolean> {
  return t.nothingArrived(round.sender, replyTo(a.stanza, round.recipient), `answer at all to ${a.what}`, round.proof, strength);
}

/**
 * The round's attempts once its barrier is known to have held, for checks on what came back
 * (an error that must arrive): without the barrier a missing answer proves nothing (unproven).
 */
export async function answered(t: CaseContext, round: Round): Promise<Attempt[]> {
  try {
    await round.proof();
  } catch (err) {
    t.skip(`unproven: nothing showed that the target had processed ${round.attempts.map((a) => a.what).join(', ')} from ${round.sender.jid} (${(err as Error).message})`, 'unproven');
  }
  if (round.attempts.length === 0) throw new ToolError('no stanza was sent: an empty round proves nothing');
  return round.attempts;
}

/**
 * For cases judging what a blocked sender gets back: an answer to a stanza that was delivered
 * anyway comes from the recipient, not from the block, so such a case cannot be judged (ERROR);
 * the delivery itself is the finding of the case on delivery. Unproven when the barrier failed.
 */
export async function requireUndelivered(t: CaseContext, round: Round): Promise<Attempt[]> {
  const attempts = await answered(t, round);
  await t.setup('see the blocked stanzas held back', async () => {
    const through = attempts.filter((a) => a.delivered !== undefined);
    if (through.length) throw new Error(`delivered despite the block: ${through.map((a) => a.what).join(', ')}`);
  });
  return attempts;
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

/** What messageRound() found. */
export interface MessageRound {
  /** The allowed senders whose message did not arrive within a step deadline. */
  missing: Session[];
  /** Each blocked sender's message as `to` would have got it. */
  blocked: { sender: Session; message: Match }[];
  /**
   * The barrier for the blocked messages: resolves when an allowed message arrived after all of
   * them had been processed; rejects when none did (then their absence proves nothing).
   */
  proof: () => Promise<void>;
}

/**
 * One message from each sender to `to`'s full JID: the `blocked` ones first (each synced, so the
 * server has dealt with it), then the `allowed` ones, each awaited for a step deadline. An allowed
 * message that arrives is the barrier for the blocked ones (see MessageRound.proof).
 */
export async function messageRound(to: Session, blocked: Session[], allowed: [Session, ...Session[]]): Promise<MessageRound> {
  const sent: MessageRound['blocked'] = [];
  for (const sender of blocked) {
    const message = chat(to.jid!);
    sent.push({ sender, message: messageWithBody(message.getChildText('body')!) });
    sender.send(message);
    await sender.sync();
  }
  const missing: Session[] = [];
  for (const sender of allowed) {
    if (!(await messageArrives(sender, to))) missing.push(sender);
  }
  return {
    missing,
    blocked: sent,
    proof: async () => {
      if (missing.length === allowed.length) throw new Error(`no message from ${names(allowed)} arrived after the blocked ones`);
    },
  };
}

/** The blocked senders of a round whose message reached `to` anyway (read after the round's proof held). */
export function leaked(to: Session, round: MessageRound): Session[] {
  return round.blocked.filter((b) => to.received(b.message).length > 0).map((b) => b.sender);
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
