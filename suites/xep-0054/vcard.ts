import { bare, type CaseContext, describe, type Element, iq, NS, type Session, x } from '../../src/authoring.js';

/** A <vCard xmlns='vcard-temp'/> with the given fields. */
export function vcard(...fields: Element[]): Element {
  return x('vCard', { xmlns: NS.vcard }, ...fields);
}

/** A vCard get (XEP-0054 §3.1, §3.3): to nobody for one's own, to a bare JID for another's. */
export function vcardGet(session: Session, to?: string): Promise<Element> {
  return session.iq(iq('get', { to }, vcard()));
}

/** A vCard set (XEP-0054 §3.2): with no 'to' it replaces the sender's own vCard. */
export function vcardSet(session: Session, card: Element, to?: string): Promise<Element> {
  return session.iq(iq('set', { to }, card));
}

/** The <vCard/> of a result, if the response is one. */
export function vcardOf(response: Element): Element | undefined {
  return response.attrs.type === 'result' ? response.getChild('vCard', NS.vcard) : undefined;
}

/**
 * Stores `card` as the session's own vCard, as a preparation step, and registers the clean-up
 * that sets an empty <vCard/> again (vcard-temp has no delete).
 */
export async function storeVCard(t: CaseContext, session: Session, card: Element): Promise<void> {
  deferReset(t, session);
  await t.setup(`store a vCard for ${bare(session.jid!)}`, async () => {
    const response = await vcardSet(session, card);
    if (response.attrs.type !== 'result') throw new Error(`the vCard set was refused: ${describe(response)}`);
  });
}

/** Registers the reset of the vCard of `session`'s account to an empty one when the case ends. */
export function deferReset(t: CaseContext, session: Session): void {
  t.deferAs(session, (s) => vcardSet(s, vcard()));
}

/**
 * Every leaf of a vCard by its path, `TEL[2]/NUMBER` → text (trimmed; '' for empty elements
 * such as <WORK/>). Same-named siblings are numbered from the second on, so the path says
 * which TEL a NUMBER belongs to. Names are compared as they are: case matters (XEP-0054 §8).
 */
export function leaves(el: Element, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const child of el.getChildElements()) {
    const n = (seen.get(child.getName()) ?? 0) + 1;
    seen.set(child.getName(), n);
    const path = `${prefix}${child.getName()}${n > 1 ? `[${n}]` : ''}`;
    if (child.getChildElements().length === 0) found.set(path, child.getText().trim());
    else for (const [p, v] of leaves(child, `${path}/`)) found.set(p, v);
  }
  return found;
}
