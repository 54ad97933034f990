/** A payload no server understands, for the RFC 6120 §8 and §10 cases. */
import { type Element, x } from '../../src/authoring.js';

/** A payload namespace no server implements. */
export const UNKNOWN_NS = 'urn:xmpp-certify:unknown';

export function unknownQuery(): Element {
  return x('query', { xmlns: UNKNOWN_NS });
}
