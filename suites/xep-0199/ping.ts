import { type Element, iq, NS, type Session, x } from '../../src/authoring.js';

/** An XMPP ping (XEP-0199 §3) to `to` (none: the server, on behalf of the account). */
export function pingRequest(to: string | undefined): Element {
  return iq('get', { to }, x('ping', { xmlns: NS.ping }));
}

/** Pings `to` and resolves with the result or error. */
export function ping(session: Session, to: string | undefined): Promise<Element> {
  return session.iq(pingRequest(to));
}
