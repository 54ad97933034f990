import crypto from 'node:crypto';
import { DEFAULT_PERSONA, type Element, NS, type Persona, x } from '../../src/authoring.js';

/** The caps node of the tool's own resources (XEP-0115 §4: a URI naming the software). */
export const CAPS_NODE = 'urn:xmpp:certify:caps';

export interface CapsIdentity {
  category: string;
  type: string;
  name?: string;
  lang?: string;
}

/** i;octet ordering (XEP-0115 §5.1): plain byte order of the UTF-8 encodings. */
function byOctets(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * A data form's FORM_TYPE, unless the form has none or gives it a type other than hidden
 * (XEP-0115 v1.5 §5.4 step 3.6 ignores such forms; a result form may leave the type out).
 */
function hiddenFormType(form: Element): string | undefined {
  const field = form.getChildren('field').find((f) => f.attrs.var === 'FORM_TYPE');
  return field && (field.attrs.type === undefined || field.attrs.type === 'hidden') ? field.getChildText('value') ?? '' : undefined;
}

/**
 * The verification string of XEP-0115 v1.5 §5.1: `category/type/lang/name<` per identity
 * (sorted by category, then type, then xml:lang), then `feature<` per feature (sorted), then per
 * XEP-0128 form (sorted by its FORM_TYPE) the FORM_TYPE value and `<`, and per other field
 * (sorted by var) `var<` and each value `<` (values sorted). Every sort is i;octet: byte order
 * of the UTF-8 encodings. Forms without a hidden FORM_TYPE are left out, as §5.4 step 3.6 has a
 * verifier do.
 */
export function verificationString(identities: CapsIdentity[], features: string[], forms: Element[] = []): string {
  const sortedIds = [...identities].sort((a, b) => byOctets(a.category, b.category) || byOctets(a.type, b.type) || byOctets(a.lang ?? '', b.lang ?? '') || byOctets(a.name ?? '', b.name ?? ''));
  const ids = sortedIds.map((i) => `${i.category}/${i.type}/${i.lang ?? ''}/${i.name ?? ''}<`);
  const feats = [...features].sort(byOctets).map((f) => `${f}<`);
  const values = (field: Element): string[] => field.getChildren('value').map((v) => v.getText()).sort(byOctets);
  const typed = forms.filter((form) => hiddenFormType(form) !== undefined).map((form) => {
    const rest = form.getChildren('field').filter((f) => f.attrs.var !== 'FORM_TYPE').sort((a, b) => byOctets(a.attrs.var ?? '', b.attrs.var ?? ''));
    return { type: hiddenFormType(form)!, text: rest.map((f) => `${f.attrs.var ?? ''}<${values(f).map((v) => `${v}<`).join('')}`).join('') };
  }).sort((a, b) => byOctets(a.type, b.type));
  return [...ids, ...feats, ...typed.map((f) => `${f.type}<${f.text}`)].join('');
}

/** Node's name for a hash function of the IANA registry XEP-0115 uses ('sha-1' → 'sha1'), if Node has it. */
function nodeHash(algorithm: string): string | undefined {
  const name = algorithm.toLowerCase().replace(/^sha-/, 'sha');
  return /^(md5|sha1|sha224|sha256|sha384|sha512)$/.test(name) && crypto.getHashes().includes(name) ? name : undefined;
}

/**
 * The 'ver' of XEP-0115 v1.5 §5.1 steps 8–9 with the hash function `algorithm` names ('sha-1',
 * 'sha-256', …): base64 of the hash of the verification string; undefined for a function the
 * tool does not have.
 */
export function capsHash(algorithm: string, identities: CapsIdentity[], features: string[], forms: Element[] = []): string | undefined {
  const name = nodeHash(algorithm);
  return name ? crypto.createHash(name).update(verificationString(identities, features, forms), 'utf8').digest('base64') : undefined;
}

/** The 'ver' of XEP-0115 v1.5 §5.1 with SHA-1, the mandatory-to-implement hash (§9.1). */
export function capsVer(identities: CapsIdentity[], features: string[], forms: Element[] = []): string {
  return capsHash('sha-1', identities, features, forms)!;
}

/**
 * Why a disco#info result cannot be verified (XEP-0115 v1.5 §5.4 steps 3.3–3.5: duplicate
 * identities, features or FORM_TYPEs make it ill-formed), or undefined.
 */
export function illFormedCaps(identities: CapsIdentity[], features: string[], forms: Element[] = []): string | undefined {
  const dup = (list: string[]): string | undefined => list.find((v, i) => list.indexOf(v) !== i);
  const identity = dup(identities.map((i) => `${i.category}/${i.type}/${i.lang ?? ''}/${i.name ?? ''}`));
  if (identity !== undefined) return `the identity ${identity} twice`;
  const feature = dup(features);
  if (feature !== undefined) return `the feature ${feature} twice`;
  const formType = dup(forms.map(hiddenFormType).filter((f): f is string => f !== undefined));
  if (formType !== undefined) return `two forms of FORM_TYPE ${formType}`;
  return undefined;
}

/** The <c/> element announcing a persona's capabilities (XEP-0115 §4). */
export function capsElement(persona: Persona): Element {
  return x('c', { xmlns: NS.caps, hash: 'sha-1', node: CAPS_NODE, ver: capsVer([persona.identity], persona.features) });
}

/** The tool's client persona with extra features, e.g. `node+notify` interests (XEP-0163 §4.2). */
export function personaWith(features: string[]): Persona {
  return { identity: DEFAULT_PERSONA.identity, features: [...DEFAULT_PERSONA.features, NS.caps, ...features] };
}

/** Available presence carrying the persona's caps; `children` adds e.g. a <show/> or <status/>. */
export function presenceWithCaps(persona: Persona, ...children: Element[]): Element {
  return x('presence', {}, ...children, capsElement(persona));
}
