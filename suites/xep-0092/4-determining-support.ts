import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { NS } from '../../src/xml/namespaces.js';
import { checkServerFeature } from '../lib/disco.js';

/** XEP-0092 §4: discovering support. */
export default defineCases({ spec: 'xep-0092', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0092-4-1',
    cite: { section: '4', keyword: 'SHOULD', quote: '' },
    requirement: 'A server that answers version requests lists jabber:iq:version in its disco#info.',
    accounts: 1,
    run: (t) => checkServerFeature(t, NS.version),
  },
]);
