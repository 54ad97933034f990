import { type CaseContext, describe, type Element, iq, query, type Session, token, x } from '../../src/authoring.js';

/** XEP-0049's namespace. */
export const PRIVATE_NS = 'jabber:iq:private';

/** A namespace no earlier run stored anything under: the cases never touch data of the account's own clients. */
export function freshNamespace(): string {
  return `urn:xmpp:certify:private:${token(4)}`;
}

/** A private storage set (v1.2 §2.1) of `children`, to the user's own server unless `to` is given. */
export function privateSet(s: Session, children: Element[], to?: string): Promise<Element> {
  return s.iq(iq('set', { to }, query(PRIVATE_NS, {}, ...children)));
}

/** A private storage get for the element `name` in `ns` (v1.2 §2.1). */
export function privateGet(s: Session, name: string, ns: string, to?: string): Promise<Element> {
  return s.iq(iq('get', { to }, query(PRIVATE_NS, {}, x(name, { xmlns: ns }))));
}

/** The elements of `ns` in a get result's <query/>. */
export function storedIn(response: Element, ns: string): Element[] {
  if (response.attrs.type !== 'result') return [];
  return response.getChild('query', PRIVATE_NS)?.getChildElements().filter((c) => c.getNS() === ns) ?? [];
}

/**
 * Stores `children` (all of one namespace) as a preparation step, and registers the clean-up:
 * XEP-0049 has no delete, so each element is stored again empty.
 */
export async function stored(t: CaseContext, s: Session, children: Element[]): Promise<void> {
  t.deferAs(s, async (live) => {
    for (const c of children) await privateSet(live, [x(c.name, { xmlns: c.getNS() })]);
  });
  await t.setup(`store ${children.map((c) => `<${c.name} xmlns='${c.getNS()}'/>`).join(', ')} in private storage`, async () => {
    const response = await privateSet(s, children);
    if (response.attrs.type !== 'result') throw new Error(`the set was refused: ${describe(response, 300)}`);
  });
}
