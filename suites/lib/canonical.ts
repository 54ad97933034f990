import type { Element } from '../../src/authoring.js';

/**
 * An element as a string that ignores attribute order and where namespaces are declared: two
 * elements are the same XML when their canonical forms are equal (text, whitespace included, counts).
 */
export function canonical(el: Element): string {
  const attrs = Object.entries(el.attrs as Record<string, string>)
    .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  const children = el.children.map((c) => (typeof c === 'string' ? JSON.stringify(c) : canonical(c as Element)));
  return `{${el.getNS() ?? ''}}${el.getName()}[${attrs.join(' ')}](${children.join('')})`;
}
