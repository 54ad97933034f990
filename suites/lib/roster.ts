import type { CaseContext } from '../../src/engine/context.js';
import { iq, query } from '../../src/session/stanza.js';
import { presence, iqStanza } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { bare } from '../../src/session/stanza.js';
import { Element, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';

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
 * both wait until the server has recorded it. Registers the clean-up that removes both items.
 */
export async function subscribe(t: CaseContext, a: Session, b: Session): Promise<void> {
  const aJid = bare(a.jid!);
  const bJid = bare(b.jid!);
  await t.setup(`subscribe ${aJid} to ${bJid}`, async () => {
    a.send(x('presence', { to: bJid, type: 'subscribe' }));
    await b.expect(presence({ type: 'subscribe', fromBare: aJid }));
    b.send(x('presence', { to: aJid, type: 'subscribed' }));
    await a.expect(presence({ type: 'subscribed', fromBare: bJid }));
  });
  deferRemoval(t, a, bJid);
  deferRemoval(t, b, aJid);
}

/** Makes `a` and `b` subscribed to each other (subscription 'both' on each side). */
export async function subscribeBoth(t: CaseContext, a: Session, b: Session): Promise<void> {
  await subscribe(t, a, b);
  await subscribe(t, b, a);
}

const removals = new WeakMap<Session, Set<string>>();

/**
 * Removes `jid` from `owner`'s roster when the case ends (once per pair), logging the account
 * in again if the case closed that session, so given accounts are left as they were found.
 */
export function deferRemoval(t: CaseContext, owner: Session, jid: string): void {
  const done = removals.get(owner) ?? new Set<string>();
  removals.set(owner, done);
  if (done.has(jid)) return;
  done.add(jid);
  const account = t.accounts.find((a) => a.jid.toLowerCase() === bare(owner.jid ?? '').toLowerCase());
  t.defer(async () => {
    const session = owner.isClosed && account ? await t.login(account) : owner;
    if (!session.isClosed) await removeRosterItem(session, jid);
  });
}
