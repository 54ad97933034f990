import { type Account, type CaseContext, type Element, iq, type Match, message, NS, type Session, token, x } from '../../src/authoring.js';
import { personaWith, presenceWithCaps } from '../lib/caps.js';
import { subscribeBoth } from '../lib/roster.js';

/** The throw-away namespace of the catalogue; each case publishes to a node of its own under it. */
const TEST_NS = 'urn:xmpp:certify:test:0';

/** A node name no earlier run used, which doubles as the payload namespace (one node per namespace). */
export function freshNode(): string {
  return `${TEST_NS}:${token(4)}`;
}

/** A data form (XEP-0004) of type submit with its FORM_TYPE. */
function submitForm(formType: string, fields: Record<string, string>): Element {
  return x('x', { xmlns: NS.dataForms, type: 'submit' },
    x('field', { var: 'FORM_TYPE', type: 'hidden' }, x('value', {}, formType)),
    ...Object.entries(fields).map(([name, value]) => x('field', { var: name }, x('value', {}, value))));
}

/**
 * A publish of one item to the account's own PEP service (XEP-0163 §3: no 'to'); `options` go in
 * <publish-options/> (XEP-0060 §7.1.5). The payload is a throw-away <entry/> unless given.
 */
export function publishRequest(node: string, itemId: string, options?: Record<string, string>, payload: Element = x('entry', { xmlns: node }, itemId)): Element {
  return iq('set', {}, x('pubsub', { xmlns: NS.pubsub },
    x('publish', { node }, x('item', { id: itemId }, payload)),
    options && x('publish-options', {}, submitForm(`${NS.pubsub}#publish-options`, options))));
}

/**
 * Publishes one item for a case whose requirement is the publish itself (§3) and returns the
 * response. Node work on a busy service may be answered with a temporary error, so this and the
 * owner's other node requests retry those.
 */
export function publish(session: Session, node: string, itemId: string, options?: Record<string, string>, payload?: Element): Promise<Element> {
  return session.iqRetryingWait(publishRequest(node, itemId, options, payload));
}

/**
 * Publishes on the way to what a case checks: preparation, so a refusal ends the case as ERROR
 * naming the step (a temporary error is tried once more). Whether the owner's publish works is
 * XEP-0163 §3's matter, judged by its own cases (XEP0163-3-1), not by the case it sets the scene for.
 */
export async function published(t: CaseContext, session: Session, node: string, itemId: string): Promise<void> {
  await t.setupIq(`publish ${itemId} to ${node} as ${session.jid}`, session, publishRequest(node, itemId));
}

/** Creates a node with a configuration (XEP-0060 §8.1.3), as a preparation step. */
export async function createConfigured(t: CaseContext, session: Session, node: string, config: Record<string, string>): Promise<void> {
  await t.setupIq(`create ${node} with ${JSON.stringify(config)}`, session, iq('set', {}, x('pubsub', { xmlns: NS.pubsub },
    x('create', { node }), x('configure', {}, submitForm(`${NS.pubsub}#node_config`, config)))));
}

/** Subscribes `session` (its full JID) to `node` of `owner`'s service (XEP-0060 §6.1), as a preparation step. */
export async function subscribed(t: CaseContext, session: Session, owner: string, node: string): Promise<void> {
  await t.setupIq(`subscribe ${session.jid} to ${node}`, session, iq('set', { to: owner }, x('pubsub', { xmlns: NS.pubsub }, x('subscribe', { node, jid: session.jid }))));
}

/** The owner's node deletion (XEP-0060 §8.4). */
export function deleteNode(session: Session, node: string): Promise<Element> {
  return session.iqRetryingWait(iq('set', {}, x('pubsub', { xmlns: NS.pubsubOwner }, x('delete', { node }))));
}

/** Registers the deletion of `node` by its owner when the case ends. */
export function deferDelete(t: CaseContext, owner: Session, node: string): void {
  t.deferAs(owner, (s) => deleteNode(s, node));
}

/** An items request (XEP-0060 §6.5) to `service`, the owner's bare JID. */
export function requestItems(session: Session, service: string, node: string): Promise<Element> {
  return session.iq(iq('get', { to: service }, x('pubsub', { xmlns: NS.pubsub }, x('items', { node }))));
}

/** The ids of the items in an items result or an event notification. */
export function itemIds(el: Element): string[] {
  const items = el.getChild('pubsub', NS.pubsub)?.getChild('items') ?? el.getChild('event', NS.pubsubEvent)?.getChild('items');
  return (items?.getChildren('item') ?? []).map((i) => i.attrs.id as string);
}

/** An event notification (XEP-0060 §7.1.2.1) for `node`, carrying item `itemId` when given. */
export function notification(node: string, itemId?: string): Match {
  return message({
    where: (el) => el.getChild('event', NS.pubsubEvent)?.getChild('items')?.attrs.node === node
      && (itemId === undefined || itemIds(el).includes(itemId)),
  }, `an event notification for ${node}${itemId ? ` carrying item ${itemId}` : ''}`);
}

/**
 * Logs `account` in with caps (XEP-0115) that declare `node+notify` for each node (XEP-0163
 * §4.2), and waits until the server has had the chance to learn them: a first ping proves the
 * server's caps query (if any) has arrived and been answered, a second that the answer is in.
 */
export async function loginInterested(t: CaseContext, account: Account, nodes: string[]): Promise<Session> {
  const persona = personaWith(nodes.map((n) => `${n}+notify`));
  const session = await t.login(account, { persona, presence: presenceWithCaps(persona) });
  await t.setup('let the server learn the caps', async () => {
    await session.sync();
    await session.sync();
  });
  return session;
}

/**
 * A publisher (available, no caps) and a contact with a mutual presence subscription: PEP
 * notifications follow 'both' subscriptions (XEP-0163 §2 "Use Presence"). The contact session
 * is plain; interested resources of the contact log in afterwards with loginInterested().
 */
export async function publisherAndContact(t: CaseContext, owner: Account, contact: Account): Promise<[Session, Session]> {
  // interested resources (RFC 6121 §2.1.6): subscription approvals go only to them
  const a = await t.login(owner, { roster: true, presence: true });
  const b = await t.login(contact, { roster: true, presence: true });
  await subscribeBoth(t, b, a);
  return [a, b];
}

/**
 * The parties of a read-access check, with the accounts in the case's order: the owner (first)
 * with item-1 published to a fresh node, a contact (second) with a mutual presence
 * subscription, and a stranger (third) with none: the default access model is 'presence' (§5).
 */
export async function ownerContactStranger(t: CaseContext): Promise<{ owner: Session; contact: Session; stranger: Session; node: string }> {
  const [a, b, c] = t.accounts;
  const [owner, contact] = await publisherAndContact(t, a!, b!);
  const stranger = await t.login(c!);
  const node = freshNode();
  deferDelete(t, owner, node);
  await published(t, owner, node, 'item-1');
  return { owner, contact, stranger, node };
}

/** Whether disco#info identities include pubsub/pep (XEP-0163 §6.1). */
export function hasPepIdentity(identities: { category: string; type: string }[]): boolean {
  return identities.some((i) => i.category === 'pubsub' && i.type === 'pep');
}
