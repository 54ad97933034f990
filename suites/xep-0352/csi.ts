import { x, type Element } from '../../src/authoring.js';

/** XEP-0352 Client State Indication (v1.0.0): the two nonzas a client sends. */
export const CSI = 'urn:xmpp:csi:0';

export function inactive(): Element {
  return x('inactive', { xmlns: CSI });
}

export function active(): Element {
  return x('active', { xmlns: CSI });
}
