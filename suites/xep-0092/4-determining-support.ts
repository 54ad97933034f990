import { defineCases, NS, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { checkServerFeature } from '../lib/disco.js';

/** XEP-0092 v1.1 §4: discovering support. */
export default defineCases({ spec: 'xep-0092', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0092-4-1',
    cite: { absent: 'v1.1 §4 only says the requesting entity SHOULD send a disco#info request; it sets no rule on what the responder lists' },
    evidence: 'advertisement',
    requirement: 'A server that answers version requests lists jabber:iq:version in its disco#info.',
    accounts: 1,
    run: (t) => checkServerFeature(t, NS.version),
  },
]);
