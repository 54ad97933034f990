/** Subscription requests and roster views, for the RFC 6121 §3 cases and the App. A state tables. */
import { bare, type Element, presence, type Session, x } from '../../src/authoring.js';
import { subscriptionOf } from '../lib/roster.js';

/** The four presence types that manage subscriptions (RFC 6121 §3). */
export type SubscriptionType = 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed';

export function request(type: SubscriptionType, to: string): Element {
  return x('presence', { to: bare(to), type });
}

/** `from` asks `to` for a subscription and waits until the request is delivered (RFC 6121 §3.1.1). */
export async function requestDelivered(from: Session, to: Session): Promise<void> {
  from.send(request('subscribe', to.jid!));
  await to.expect(presence({ type: 'subscribe', fromBare: bare(from.jid!) }));
}

export function observedView(item: Element | undefined): string {
  return subscriptionOf(item) + (item?.attrs.ask === 'subscribe' ? '+ask' : '');
}
