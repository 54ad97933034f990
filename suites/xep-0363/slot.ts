import type { Element } from '../../src/authoring.js';

/** XEP-0363's namespace (v1.1.0 §3). */
export const UPLOAD_NS = 'urn:xmpp:http:upload:0';

/** The headers a slot may name for the PUT (v1.1.0 §4), lower-cased: others are ignored. */
const ALLOWED_HEADERS = ['authorization', 'cookie', 'expires'];

/** A <header/> of a slot's <put/>, as the service sent it. */
export interface SlotHeader {
  name?: string;
  value: string;
}

/** What a slot request was answered with: the PUT URL, its headers, and the GET URL. */
export interface Slot {
  putUrl: string;
  getUrl: string;
  headers: SlotHeader[];
}

/**
 * The slot of a result (v1.1.0 §4: <slot><put url=…><header name=…>…</header></put><get url=…/></slot>),
 * or undefined when the answer carries none with both URLs.
 */
export function slotOf(response: Element): Slot | undefined {
  const slot = response.attrs.type === 'result' ? response.getChild('slot', UPLOAD_NS) : undefined;
  const put = slot?.getChild('put');
  const get = slot?.getChild('get');
  const putUrl = put?.attrs.url as string | undefined;
  const getUrl = get?.attrs.url as string | undefined;
  if (!putUrl || !getUrl) return undefined;
  const headers = put!.getChildren('header').map((h) => ({ name: h.attrs.name as string | undefined, value: h.getText() }));
  return { putUrl, getUrl, headers };
}

/**
 * The headers of the PUT, as v1.1.0 §4 has the requesting entity make them: only Authorization,
 * Cookie and Expires (names case-insensitive), newlines stripped, repeated values of one header
 * kept in order (joined as HTTP joins repeated fields).
 */
export function putHeaders(slot: Slot): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of slot.headers) {
    const name = h.name?.replace(/[\r\n]/g, '');
    if (!name || !ALLOWED_HEADERS.includes(name.toLowerCase())) continue;
    const value = h.value.replace(/[\r\n]/g, '');
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    headers[key] = headers[key] === undefined ? value : `${headers[key]}${key.toLowerCase() === 'cookie' ? '; ' : ', '}${value}`;
  }
  return headers;
}

/** Whether a header name is one v1.1.0 §4 allows in a slot. */
export function allowedHeader(name: string): boolean {
  return ALLOWED_HEADERS.includes(name.toLowerCase());
}

/** The upload form of a disco#info result (XEP-0128): the data form whose FORM_TYPE is the namespace. */
export function uploadForm(forms: Element[]): Element | undefined {
  return forms.find((f) => f.getChildren('field').some((field) => field.attrs.var === 'FORM_TYPE' && field.getChildText('value') === UPLOAD_NS));
}

/** The value of the max-file-size field of an upload form, as text, if it has one. */
export function maxFileSizeText(form: Element | undefined): string | undefined {
  return form?.getChildren('field').find((f) => f.attrs.var === 'max-file-size')?.getChildText('value') ?? undefined;
}

/** A whole number of bytes (v1.1.0 §3: "the value MUST be in bytes"), or undefined. */
export function bytes(text: string | undefined): number | undefined {
  return text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text.trim()) : undefined;
}

/**
 * Why a URL of a slot is not a URI as RFC 3986 has it (v1.1.0 §4: "Both HTTPS URLs MUST adhere
 * to RFC 3986. Non ASCII characters MUST be percent-encoded"): characters outside the URI
 * grammar's set, a '%' not followed by two hex digits, or no scheme and host. Undefined when it is one.
 */
export function uriProblem(url: string): string | undefined {
  const stray = [...url].filter((c) => !/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/.test(c));
  if (stray.length) return `characters outside RFC 3986: ${[...new Set(stray)].map((c) => JSON.stringify(c)).join(' ')}`;
  if (/%(?![0-9A-Fa-f]{2})/.test(url)) return "a '%' not followed by two hex digits";
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]+/.test(url)) return 'no scheme and host';
  return undefined;
}

/** The last path segment of a URL, percent-decoded (the file name a GET URL ends in). */
export function lastSegment(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '';
  }
  const segment = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The part in which two URLs differ: what is left once their common beginning and end are taken
 * away, from the first (v1.1.0 §8.3: "long randomized parts in their URLs").
 */
export function differingPart(a: string, b: string): string {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return a.slice(start, a.length - end);
}

/** The error of a refused request that says the file is too large (v1.1.0 §5): <file-too-large/> and its max-file-size. */
export function fileTooLarge(response: Element): { maxFileSize?: string } | undefined {
  const tooLarge = response.getChild('error')?.getChild('file-too-large', UPLOAD_NS);
  return tooLarge ? { maxFileSize: tooLarge.getChildText('max-file-size') ?? undefined } : undefined;
}
