import crypto from 'node:crypto';
import { type Element, x } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';

let counter = 0;
/** A fresh stanza id; random enough that two runs against one server never collide. */
export function newId(prefix = 'c'): string {
  counter = (counter + 1) % 1_000_000;
  return `${prefix}${counter.toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
}

/** A random token for localparts, resources, room and list names: lowercase, letters and digits. */
export function token(bytes = 5): string {
  return crypto.randomBytes(bytes).toString('hex');
}

export type IqType = 'get' | 'set' | 'result' | 'error';

export function iq(type: IqType, attrs: { to?: string; id?: string; from?: string }, ...payload: Element[]): Element {
  return x('iq', { type, id: attrs.id ?? newId(), to: attrs.to, from: attrs.from }, ...payload);
}

/** `<query xmlns=NS>` with children: the payload of most IQs. */
export function query(xmlns: string, attrs: Record<string, string | undefined> = {}, ...children: (Element | string)[]): Element {
  return x('query', { xmlns, ...attrs }, ...children);
}

/** The parts of a stanza error (RFC 6120 §8.3) and its legacy code (XEP-0086). */
export interface StanzaError {
  type: string | undefined;
  condition: string | undefined;
  /** Every child in the stanza-errors namespace, in case there is more than one. */
  conditions: string[];
  text: string | undefined;
  code: string | undefined;
  /** Application-specific condition elements (outside the stanza-errors namespace). */
  appConditions: { name: string; xmlns: string | undefined }[];
}

export function isError(el: Element): boolean {
  return el.attrs.type === 'error';
}

/** Reads the <error/> child of an error stanza; undefined when there is none. */
export function stanzaError(el: Element): StanzaError | undefined {
  const error = el.getChild('error');
  if (!error) return undefined;
  const children = error.getChildElements();
  const conditions = children.filter((c) => c.getNS() === NS.stanzaErrors && c.getName() !== 'text').map((c) => c.getName());
  return {
    type: error.attrs.type,
    condition: conditions[0],
    conditions,
    text: error.getChildText('text', NS.stanzaErrors) ?? undefined,
    code: error.attrs.code,
    appConditions: children.filter((c) => c.getNS() !== NS.stanzaErrors).map((c) => ({ name: c.getName(), xmlns: c.getNS() })),
  };
}

/** The stanza error types (RFC 6120 §8.3.2; RFC 3920 §9.3.2 has the same five). */
const ERROR_TYPES = ['auth', 'cancel', 'continue', 'modify', 'wait'];

/**
 * The defined stanza error conditions: RFC 6120 §8.3.3, with RFC 3920 §9.3.3's payment-required
 * (which RFC 6120 dropped) so that a server of either age is understood.
 */
const DEFINED_CONDITIONS = new Set([
  'bad-request', 'conflict', 'feature-not-implemented', 'forbidden', 'gone', 'internal-server-error', 'item-not-found',
  'jid-malformed', 'not-acceptable', 'not-allowed', 'not-authorized', 'payment-required', 'policy-violation',
  'recipient-unavailable', 'redirect', 'registration-required', 'remote-server-not-found', 'remote-server-timeout',
  'resource-constraint', 'service-unavailable', 'subscription-required', 'undefined-condition', 'unexpected-request',
]);

/**
 * What is wrong with an error stanza's structure, or undefined when it is well formed: RFC 6120
 * §8.3.2 (RFC 3920 §9.3.2) wants an <error/> child with a 'type' of the five defined ones and
 * exactly one defined condition, in the stanzas namespace, as its direct child.
 */
export function malformedError(el: Element): string | undefined {
  const error = el.getChild('error');
  if (!error) return 'no <error/> child';
  if (!ERROR_TYPES.includes(error.attrs.type as string)) return error.attrs.type === undefined ? "the <error/> has no 'type'" : `the <error/> has an undefined type '${error.attrs.type as string}'`;
  const conditions = error.getChildElements().filter((c) => c.getNS() === NS.stanzaErrors && c.getName() !== 'text');
  if (conditions.length === 0) return 'the <error/> has no condition in the stanzas namespace';
  if (conditions.length > 1) return `the <error/> has ${conditions.length} conditions`;
  if (!DEFINED_CONDITIONS.has(conditions[0]!.getName())) return `<${conditions[0]!.getName()}/> is not a defined condition`;
  return undefined;
}

/** The condition of a stream error element (RFC 6120 §4.9.3). */
export function streamErrorCondition(el: Element): string | undefined {
  return el.getChildElements().find((c) => c.getNS() === NS.streamErrors && c.getName() !== 'text')?.getName();
}

/** The bare form of a JID string. */
export function bare(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
}

export function resourceOf(jid: string): string | undefined {
  const slash = jid.indexOf('/');
  return slash === -1 ? undefined : jid.slice(slash + 1);
}

export function domainOf(jid: string): string {
  const b = bare(jid);
  const at = b.indexOf('@');
  return at === -1 ? b : b.slice(at + 1);
}

/** Compares JIDs as a server would for ASCII addresses: case-insensitive local and domain parts. */
export function sameJid(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const norm = (j: string): string => {
    const r = resourceOf(j);
    return bare(j).toLowerCase() + (r === undefined ? '' : `/${r}`);
  };
  return norm(a) === norm(b);
}
