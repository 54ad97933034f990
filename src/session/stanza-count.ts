import type { Element } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';

const STANZA_NAMES: ReadonlySet<string> = new Set(['message', 'presence', 'iq']);

/**
 * Whether a first-level element is a stanza (RFC 6120 §8): a message, presence or IQ of the
 * client namespace. Nonzas (stream features, SASL, stream management's own elements) are not.
 */
export function isStanza(el: Element): boolean {
  const ns = el.getNS();
  return STANZA_NAMES.has(el.name) && (ns === undefined || ns === NS.client);
}

/**
 * The stanzas one session sent and received since the count began: the two counters each side
 * of XEP-0198 stream management keeps (§4). The session counts what goes through send() and
 * every stanza that arrives, answers to the server's IQs included; raw text is not counted.
 */
export class StanzaCount {
  sent = 0;
  received = 0;
}
