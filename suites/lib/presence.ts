import { type Account, type CaseContext, type Element, messageWithBody, type Session, token, x } from '../../src/authoring.js';

export interface PresenceContent {
  to?: string;
  type?: string;
  show?: string;
  status?: string;
  priority?: number;
}

/** A presence stanza (RFC 6121 §4.7) with the optional <show/>, <status/> and <priority/> children. */
export function presenceStanza({ to, type, show, status, priority }: PresenceContent = {}): Element {
  return x('presence', { to, type },
    show !== undefined && x('show', {}, show),
    status !== undefined && x('status', {}, status),
    priority !== undefined && x('priority', {}, String(priority)));
}

export interface AvailableOptions extends Omit<PresenceContent, 'to' | 'type'> {
  resource?: string;
  /** Fetch the roster before going available (default true: an interested resource gets roster pushes). */
  roster?: boolean;
}

/**
 * An available resource (RFC 6121 §4.2): logged in, the roster fetched, initial presence sent and
 * processed (a ping round trip after it: the server handles one stream's stanzas in order).
 */
export async function available(t: CaseContext, account: Account, options: AvailableOptions = {}): Promise<Session> {
  const { resource, roster = true, ...content } = options;
  const session = await t.login(account, { resource, roster, presence: presenceStanza(content) });
  await t.setup(`have ${session.jid}'s initial presence processed`, () => session.sync());
  return session;
}

/**
 * A barrier for "nothing arrived": `from` sends a marker message to the full JID of `to` (an
 * available resource) and `to` waits for it. The server handles one sender's stanzas in order
 * (RFC 6120 §10.1), so whatever `from` sent before has reached `to` by then, or never will.
 */
export async function markerFrom(t: CaseContext, from: Session, to: Session): Promise<void> {
  const body = `marker ${token(4)}`;
  from.send(x('message', { to: to.jid, type: 'chat' }, x('body', {}, body)));
  await t.setup(`pass a marker message from ${from.jid} to ${to.jid}`, () => to.expect(messageWithBody(body, { from: from.jid })));
}

/**
 * A barrier both ways: a marker from `a` to `b`, then one back. Besides what `a` sent, every reply
 * the server or `b`'s side made to it (bounces, probe answers) has reached `a` by then.
 */
export async function roundTrip(t: CaseContext, a: Session, b: Session): Promise<void> {
  await markerFrom(t, a, b);
  await markerFrom(t, b, a);
}

/**
 * Logs `account` in and out again with initial presence when the case ends, so messages the case
 * left in offline storage (RFC 6121 §8.5.2.2.1) are delivered and gone before the next case.
 */
export function deferOfflineFlush(t: CaseContext, account: Account): void {
  t.defer(async () => {
    const session = await t.login(account, { presence: true });
    await session.sync();
  });
}

/** What became of a message sent to an account's bare JID while it had no available resource of non-negative priority. */
export interface OfflineFate {
  /** The error that came back to the sender, if it bounced. */
  bounce?: Element;
  /** Otherwise: the message as a new available resource of the account received it (from offline storage). */
  stored?: Element;
}

/**
 * Finds out how a message (`id`, `body`) that `sender` sent to `account`'s bare JID was handled
 * while the account had no available resource of non-negative priority (RFC 6121 §8.5.2.2.1,
 * RFC 3921 §11.1 rule 5): `sender` must have synced since, so a bounce has arrived. Without one,
 * a new available resource (priority 0) of the account comes online and waits one step for the
 * message, as offline storage delivers it at the next initial presence.
 */
export async function offlineFate(t: CaseContext, sender: Session, account: Account, id: string, body: string): Promise<OfflineFate> {
  const bounce = sender.received({ describe: `an error for id ${id}`, test: (el) => el.attrs.type === 'error' && el.attrs.id === id })[0];
  if (bounce) return { bounce };
  const later = await available(t, account);
  return { stored: await later.maybe(messageWithBody(body), t.stepMs) };
}
