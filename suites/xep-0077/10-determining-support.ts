import { defineCases, NS, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { checkServerFeature } from '../lib/disco.js';

/** XEP-0077 §10 of v2.4 (2012): discovering support. v2.2, which the levels cite, has no such section. */
export default defineCases({ spec: 'xep-0077', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0077-10-1',
    cite: {
      absent: 'v2.2 has no "Determining Support" section and names no disco feature for in-band registration',
      later: {
        doc: 'XEP-0077',
        version: '2.4',
        section: '10',
        anchor: 'disco',
        keyword: 'SHOULD',
        quote: 'If an entity supports the protocol defined herein, it SHOULD report that by including a Service Discovery feature of "jabber:iq:register" in response to disco#info requests.',
      },
    },
    requirement: 'A server offering in-band registration lists jabber:iq:register in its disco#info (v2.4; for information under v2.2).',
    evidence: 'advertisement',
    accounts: 1,
    run: (t) => checkServerFeature(t, NS.register),
  },
]);
