import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { NS } from '../../src/xml/namespaces.js';
import { checkServerFeature } from '../lib/disco.js';

/** XEP-0077 §10 (v2.4): discovering support. */
export default defineCases({ spec: 'xep-0077', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0077-10-1',
    cite: { section: '10', keyword: 'SHOULD', quote: '' },
    requirement: 'A server offering in-band registration lists jabber:iq:register in its disco#info.',
    accounts: 1,
    run: (t) => checkServerFeature(t, NS.register),
  },
]);
