import type { Element } from '../xml/element.js';
import { bare, sameJid } from './stanza.js';

/** A predicate over received elements, with the words used when it is not met. */
export interface Match {
  describe: string;
  test(el: Element): boolean;
}

export function match(describe: string, test: (el: Element) => boolean): Match {
  return { describe, test };
}

export interface StanzaFilter {
  /** Exact JID match (case-insensitive on local and domain parts). */
  from?: string;
  /** Bare JID match of `from`. */
  fromBare?: string;
  type?: string | string[];
  id?: string;
  /** A child element (any depth 1) with this namespace. */
  child?: string;
  /** A predicate on top of the above. */
  where?: (el: Element) => boolean;
}

function describeFilter(name: string, f: StanzaFilter): string {
  const parts: string[] = [];
  if (f.type !== undefined) parts.push(`type=${Array.isArray(f.type) ? f.type.join('|') : f.type}`);
  if (f.from) parts.push(`from=${f.from}`);
  if (f.fromBare) parts.push(`from=${f.fromBare}/*`);
  if (f.id) parts.push(`id=${f.id}`);
  if (f.child) parts.push(`with a child in ${f.child}`);
  return `<${name}${parts.length ? ` ${parts.join(' ')}` : ''}>`;
}

function stanzaMatch(name: string, f: StanzaFilter, describe?: string): Match {
  return match(describe ?? describeFilter(name, f), (el) => {
    if (el.name !== name) return false;
    if (f.type !== undefined) {
      const type = el.attrs.type ?? (name === 'message' ? 'normal' : name === 'presence' ? 'available' : undefined);
      if (Array.isArray(f.type) ? !f.type.includes(type) : type !== f.type) return false;
    }
    if (f.from !== undefined && !sameJid(el.attrs.from, f.from)) return false;
    if (f.fromBare !== undefined && !sameJid(el.attrs.from ? bare(el.attrs.from) : undefined, f.fromBare)) return false;
    if (f.id !== undefined && el.attrs.id !== f.id) return false;
    if (f.child !== undefined && !el.getChildElements().some((c) => c.getNS() === f.child)) return false;
    return f.where ? f.where(el) : true;
  });
}

export const message = (f: StanzaFilter = {}, describe?: string): Match => stanzaMatch('message', f, describe);
export const presence = (f: StanzaFilter = {}, describe?: string): Match => stanzaMatch('presence', f, describe);
export const iqStanza = (f: StanzaFilter = {}, describe?: string): Match => stanzaMatch('iq', f, describe);

/** A message whose <body/> is exactly `body`. */
export function messageWithBody(body: string, f: StanzaFilter = {}): Match {
  return message({ ...f, where: (el) => el.getChildText('body') === body && (f.where?.(el) ?? true) }, `${describeFilter('message', f).slice(0, -1)} with body "${body}">`);
}

export function streamError(): Match {
  return match('<stream:error/>', (el) => el.getName() === 'error' && el.getNS() === 'http://etherx.jabber.org/streams');
}

export function anyOf(...matches: Match[]): Match {
  return match(matches.map((m) => m.describe).join(' or '), (el) => matches.some((m) => m.test(el)));
}
