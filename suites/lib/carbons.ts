import { type Account, type CaseContext, type Element, iq, match, type Match, message, type Session, token, x } from '../../src/authoring.js';

/** XEP-0280 Message Carbons and the XEP-0297 wrapper it copies messages in. */
export const CARBONS = 'urn:xmpp:carbons:2';
export const FORWARD = 'urn:xmpp:forward:0';
/** XEP-0334 processing hints (<no-copy/>). */
export const HINTS = 'urn:xmpp:hints';

export function carbonsIq(action: 'enable' | 'disable'): Element {
  return iq('set', {}, x(action, { xmlns: CARBONS }));
}

/** Enables carbons for `s` as a preparation step: an error makes the case ERROR. */
export async function enableCarbons(t: CaseContext, s: Session): Promise<void> {
  await t.setupIq(`enable carbons for ${s.jid ?? s.label}`, s, carbonsIq('enable'));
}

/** The message a carbon copy forwards: <received|sent><forwarded><message/></forwarded></…>. */
export function forwarded(copy: Element, kind: 'received' | 'sent'): Element | undefined {
  return copy.getChild(kind, CARBONS)?.getChild('forwarded', FORWARD)?.getChild('message');
}

/** A carbon copy of kind `kind` whose forwarded message has the body `body`. */
export function carbonOf(kind: 'received' | 'sent', body: string): Match {
  return message({ where: (el) => forwarded(el, kind)?.getChildText('body') === body }, `a <${kind}/> carbon copy of "${body}"`);
}

/** Any carbon copy of a message whose forwarded body is `body`: what must not arrive. */
export function anyCarbonOf(body: string): Match {
  return match(`a carbon copy of "${body}"`, (el) => el.name === 'message' && (forwarded(el, 'received') ?? forwarded(el, 'sent'))?.getChildText('body') === body);
}

/** A chat message with a fresh body (and id) to `to`, and that body. */
export function chat(to: string, what: string, ...extra: Element[]): { stanza: Element; body: string } {
  const body = `${what} ${token(3)}`;
  return { stanza: x('message', { to, type: 'chat', id: `m-${token(3)}` }, x('body', {}, body), ...extra), body };
}

/** Two available resources of `account`, the second with carbons enabled (and the first too, if asked). */
export async function twoResources(t: CaseContext, account: Account, bothEnabled: boolean): Promise<[Session, Session]> {
  const [a1, a2] = [await t.login(account, { presence: true }), await t.login(account, { presence: true })];
  if (bothEnabled) await enableCarbons(t, a1);
  await enableCarbons(t, a2);
  return [a1, a2];
}
