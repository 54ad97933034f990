import { bare, type CaseContext, type Element, iq, NS, type Session, x } from '../../src/authoring.js';
import { notification, published, requestItems } from '../xep-0163/pep.js';

/**
 * Private data in the account's own PEP service (XEP-0223), as the private-storage suites
 * (XEP-0223, XEP-0048, XEP-0402) use it: the node configuration XEP-0223 §2 asks for, retracts
 * (XEP-0060 §7.2) and reading items back.
 */

/** XEP-0223 v1.1.1 §2: persist_items true and access_model whitelist, asked for as publish-options. */
export const PRIVATE_NODE: Readonly<Record<string, string>> = {
  'pubsub#persist_items': 'true',
  'pubsub#access_model': 'whitelist',
};

/** A retract of one item from a node of the account's own PEP service, notifying subscribers (XEP-0060 §7.2). */
export function retract(s: Session, node: string, itemId: string): Promise<Element> {
  return s.iqRetryingWait(iq('set', {}, x('pubsub', { xmlns: NS.pubsub }, x('retract', { node, notify: 'true' }, x('item', { id: itemId })))));
}

/** The items of an items result (XEP-0060 §6.5) or an event notification, by id, with their payloads. */
export function itemsOf(el: Element): { id: string; payload?: Element }[] {
  const items = el.getChild('pubsub', NS.pubsub)?.getChild('items') ?? el.getChild('event', NS.pubsubEvent)?.getChild('items');
  return (items?.getChildren('item') ?? []).map((i) => ({ id: i.attrs.id as string, payload: i.getChildElements()[0] }));
}

/** The payload of item `id` in an items result or notification. */
export function payloadOf(el: Element, id: string): Element | undefined {
  return itemsOf(el).find((i) => i.id === id)?.payload;
}

/**
 * Checks that `contact` (a contact of the owner whose caps ask for notifications of `node` and
 * `marker`) is neither notified of item `itemId` of the owner's private `node` nor can read it. A
 * marker item published afterwards to `marker` (the default access model, presence) is the
 * barrier: its notification comes after any for `node`.
 */
export async function hiddenFromContact(t: CaseContext, owner: Session, contact: Session, node: string, itemId: string, marker: string): Promise<void> {
  await published(t, owner, marker, 'marker');
  await t.nothingArrived(contact, notification(node), `notification for ${node} at the contact ${contact.jid}`,
    () => contact.expect(notification(marker, 'marker')));
  const asked = await requestItems(contact, bare(owner.jid!), node);
  t.check(!itemsOf(asked).some((i) => i.id.toLowerCase() === itemId.toLowerCase()), `${itemId} of ${node} not given to the contact ${contact.jid} (an error, or items without it)`, asked);
}
