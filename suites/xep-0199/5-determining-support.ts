import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { NS } from '../../src/xml/namespaces.js';
import { checkServerFeature } from '../lib/disco.js';

/** XEP-0199 §5: discovering support. */
export default defineCases({ spec: 'xep-0199', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0199-5-1',
    cite: { section: '5', keyword: 'MUST', quote: '' },
    requirement: 'A server that answers pings lists urn:xmpp:ping in its disco#info.',
    accounts: 1,
    run: (t) => checkServerFeature(t, NS.ping),
  },
]);
