import { type Element, iq, NS, type Session, x } from '../../src/authoring.js';

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
