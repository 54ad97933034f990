import crypto from 'node:crypto';
import { DEFAULT_PERSONA, type Persona } from '../../src/session/session.js';
import { Element, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';

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
 * The verification string of XEP-0115 §5.1: `category/type/lang/name<` per identity, then
 * `feature<` per feature, each list sorted by octets; then per XEP-0128 form (sorted by its
 * FORM_TYPE) the FORM_TYPE value and `<`, and per other field (sorted by var) `var<` and each
 * value `<` (values sorted).
 */
export function verificationString(identities: CapsIdentity[], features: string[], forms: Element[] = []): string {
  const ids = identities.map((i) => `${i.category}/${i.type}/${i.lang ?? ''}/${i.name ?? ''}<`).sort(byOctets);
  const feats = [...features].sort(byOctets).map((f) => `${f}<`);
  const values = (field: Element): string[] => field.getChildren('value').map((v) => v.getText()).sort(byOctets);
  const typed = forms.map((form) => {
    const fields = form.getChildren('field');
    const formType = fields.find((f) => f.attrs.var === 'FORM_TYPE');
    const rest = fields.filter((f) => f !== formType).sort((a, b) => byOctets(a.attrs.var ?? '', b.attrs.var ?? ''));
    return { type: formType ? values(formType)[0] ?? '' : '', text: rest.map((f) => `${f.attrs.var ?? ''}<${values(f).map((v) => `${v}<`).join('')}`).join('') };
  }).sort((a, b) => byOctets(a.type, b.type));
  return [...ids, ...feats, ...typed.map((f) => `${f.type}<${f.text}`)].join('');
}

/** The 'ver' of XEP-0115 §5.1 step 7–8: base64 of the SHA-1 of the verification string. */
export function capsVer(identities: CapsIdentity[], features: string[], forms: Element[] = []): string {
  return crypto.createHash('sha1').update(verificationString(identities, features, forms), 'utf8').digest('base64');
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
