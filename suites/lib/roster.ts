import { bare, type CaseContext, type Element, iq, iqStanza, NS, presence, query, type Session, x } from '../../src/authoring.js';
import { roundTrip } from './presence.js';

/** The roster items of a roster result or push. */
export function rosterItems(el: Element): Element[] {
  return el.getChild('query', NS.roster)?.getChildren('item') ?? [];
}

/** Fetches the roster (RFC 6121 §2.2); the session becomes an interested resource. */
export async function getRoster(session: Session): Promise<Element> {
  return session.iq(iq('get', {}, query(NS.roster)));
}

/** The roster item for `jid` in the owner's current roster, if any. */
export async function rosterItem(session: Session, jid: string): Promise<Element | undefined> {
  const roster = await getRoster(session);
  return rosterItems(roster).find((i) => (i.attrs.jid as string).toLowerCase() === bare(jid).toLowerCase());
}

/** Sends a roster set with one item (RFC 6121 §2.3); returns the response. */
export async function setRosterItem(session: Session, jid: string, attrs: { name?: string; subscription?: string } = {}, groups: string[] = []): Promise<Element> {
  return session.iq(iq('set', {}, query(NS.roster, {}, x('item', { jid, ...attrs }, ...groups.map((g) => x('group', {}, g))))));
}

export function removeRosterItem(session: Session, jid: string): Promise<Element> {
  return setRosterItem(session, jid, { subscription: 'remove' });
}

/** Matches a roster push (an IQ set with a roster query) that carries an item for `jid`. */
export function rosterPushFor(jid: string, where: (item: Element) => boolean = () => true) {
  return iqStanza({
    type: 'set',
    where: (el) => rosterItems(el).some((i) => (i.attrs.jid as string)?.toLowerCase() === bare(jid).toLowerCase() && where(i)),
  }, `a roster push for ${bare(jid)}`);
}

/**
 * Makes `a` subscribed to `b`'s presence (RFC 6121 §3.1): a sends subscribe, b approves, and
 * both wait until the server has recorded it. `b` must be available (it sent presence). Both
 * fetch the roster first: some servers deliver the approval only to interested resources
 * (§2.1.6). The clean-up that removes both items is registered before anything is sent, so a
 * set-up that fails half way leaves nothing behind.
 */
export async function subscribe(t: CaseContext, a: Session, b: Session): Promise<void> {
  const aJid = bare(a.jid!);
  const bJid = bare(b.jid!);
  deferRemoval(t, a, bJid);
  deferRemoval(t, b, aJid);
  await t.setup(`subscribe ${aJid} to ${bJid}`, async () => {
    await Promise.all([getRoster(a), getRoster(b)]);
    a.send(x('presence', { to: bJid, type: 'subscribe' }));
    await b.expect(presence({ type: 'subscribe', fromBare: aJid }));
    b.send(x('presence', { to: aJid, type: 'subscribed' }));
    await a.expect(presence({ type: 'subscribed', fromBare: bJid }));
  });
}

/** Makes `a` and `b` subscribed to each other (subscription 'both' on each side). */
export async function subscribeBoth(t: CaseContext, a: Session, b: Session): Promise<void> {
  await subscribe(t, a, b);
  await subscribe(t, b, a);
}

const removals = new WeakMap<Session, Set<string>>();

/** Marks a clean-up of `jid` from `owner`'s roster as registered; false if it already was. */
function firstRemoval(owner: Session, jid: string): boolean {
  const done = removals.get(owner) ?? new Set<string>();
  removals.set(owner, done);
  if (done.has(jid.toLowerCase())) return false;
  done.add(jid.toLowerCase());
  return true;
}

/**
 * Removes `jid` from `owner`'s roster when the case ends (once per pair), logging the account
 * in again if the case closed that session, so given accounts are left as they were found.
 */
export function deferRemoval(t: CaseContext, owner: Session, jid: string): void {
  if (!firstRemoval(owner, bare(jid))) return;
  t.deferAs(owner, (session) => removeRosterItem(session, jid));
}

/** The 'subscription' of a roster item; a missing item or attribute is 'none' (RFC 6121 §2.1.2.5). */
export function subscriptionOf(item: Element | undefined): string {
  return item?.attrs.subscription ?? 'none';
}

/** A roster item's state for findings: "subscription='to' ask='subscribe'" or "no item". */
export function describeItem(item: Element | undefined): string {
  if (!item) return 'no item';
  const { subscription, ask, approved } = item.attrs;
  return [`subscription='${subscription ?? ''}'`, ask && `ask='${ask}'`, approved && `approved='${approved}'`].filter(Boolean).join(' ');
}

/**
 * Ends every relationship between the accounts of `a` and `b`: each side cancels and refuses the
 * other's subscription (RFC 6121 §3.2, §3.3), which also clears pending requests and
 * pre-approvals, and removes its roster item (§2.5; <item-not-found/> answers are expected).
 */
export async function unlink(a: Session, b: Session): Promise<void> {
  for (const [owner, other] of [[a, b], [b, a]] as const) {
    const jid = bare(other.jid!);
    owner.send(x('presence', { to: jid, type: 'unsubscribe' }));
    owner.send(x('presence', { to: jid, type: 'unsubscribed' }));
    await removeRosterItem(owner, jid);
  }
}

/**
 * Registers unlink() of the accounts of `a` and `b` for the end of the case (once per pair),
 * logging accounts in again where the case closed their sessions. Use it where a case leaves
 * pending requests or pre-approvals, which a roster removal alone may not clear.
 */
export function deferUnlink(t: CaseContext, a: Session, b: Session): void {
  const [aJid, bJid] = [bare(a.jid!), bare(b.jid!)];
  const fresh = firstRemoval(a, `unlink ${bJid}`);
  firstRemoval(b, `unlink ${aJid}`);
  if (!fresh) return;
  // unlink() removes both roster items: deferRemoval() need not do it again
  firstRemoval(a, bJid);
  firstRemoval(b, aJid);
  t.defer(async () => unlink(await t.liveSession(a), await t.liveSession(b)));
}

/**
 * Brings the accounts of `a` and `b` (both available) back to no relationship within a case:
 * unlink(), a marker round trip so that everything it caused has arrived, then both inboxes are
 * cleared so later checks see only what comes next.
 */
export async function startOver(t: CaseContext, a: Session, b: Session): Promise<void> {
  await t.setup(`remove every relationship between ${bare(a.jid!)} and ${bare(b.jid!)}`, () => unlink(a, b));
  await roundTrip(t, a, b);
  a.clearInbox();
  b.clearInbox();
}
