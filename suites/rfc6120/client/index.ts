import type { Suite } from '../../../src/authoring.js';
import negotiation from './4-7-negotiation.js';
import stanzas from './8-stanzas.js';

/** RFC 6120 (RFC 3920) for clients: the stream as the client negotiates it, and its stanza semantics. */
export const xmppCoreClient: Suite = {
  spec: 'xmpp-core',
  role: 'client',
  cases: [...negotiation, ...stanzas],
};
