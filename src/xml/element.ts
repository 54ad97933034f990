import { Element, createElement, escapeXML, escapeXMLText } from 'ltx';

export { Element, escapeXML, escapeXMLText };

type Child = Element | string | null | undefined | false;
type Attrs = Record<string, string | number | undefined | null>;

/**
 * Builds an element: `x('iq', { type: 'get', id }, x('query', { xmlns: NS.discoInfo }))`.
 * Attributes whose value is undefined or null are left out; falsy children are skipped,
 * so optional parts read naturally: `cond && x('show', {}, 'away')`.
 */
export function x(name: string, attrs: Attrs = {}, ...children: Child[]): Element {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) clean[key] = String(value);
  }
  const present = children.filter((c): c is Element | string => c !== null && c !== undefined && c !== false);
  return createElement(name, clean, ...present);
}

/** The first child element (of any name) of `el`, if any. */
export function firstChild(el: Element): Element | undefined {
  return el.getChildElements()[0];
}

/** Depth-first search for descendants matching a name and namespace. */
export function descendants(el: Element, name: string, xmlns?: string): Element[] {
  const found: Element[] = [];
  const visit = (node: Element): void => {
    for (const child of node.getChildElements()) {
      if (child.is(name, xmlns)) found.push(child);
      visit(child);
    }
  };
  visit(el);
  return found;
}

/** A one-line rendering of an element for messages: `<iq type='error' id='x'>…`. */
export function describe(el: Element | undefined, max = 200): string {
  if (!el) return '(nothing)';
  const text = el.toString();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
