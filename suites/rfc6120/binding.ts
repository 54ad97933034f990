/** Resource binding (RFC 6120 §7, RFC 3920 §7), for the §7 cases and the §4.3.6 case on the JID it yields. */
import { type Element, iq, NS, type Session, x } from '../../src/authoring.js';

/** Sends a bind request (RFC 6120 §7.6, RFC 3920 §7), empty or asking for `resource`, and returns the response. */
export function bindRequest(s: Session, resource?: string): Promise<Element> {
  return s.iq(iq('set', {}, x('bind', { xmlns: NS.bind }, resource === undefined ? undefined : x('resource', {}, resource))));
}

/** The JID a bind result grants, if it is a result that carries one. */
export function boundJid(response: Element): string | undefined {
  return response.attrs.type === 'result' ? response.getChild('bind', NS.bind)?.getChildText('jid') ?? undefined : undefined;
}
