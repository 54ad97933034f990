import { defineCases, NS, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { checkServerFeature } from '../lib/disco.js';

/** XEP-0199 v1.0 §5: discovering support. */
export default defineCases({ spec: 'xep-0199', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0199-5-1',
    cite: {
      '1.0': {
        section: '5', anchor: 'disco', keyword: 'MUST',
        quote: 'If an entity supports the XMPP Ping protocol, it MUST report that by including a service discovery feature of "urn:xmpp:ping" in response to a Service Discovery (XEP-0030) information request:',
      },
      '2.0.1': {
        section: '5',
        keyword: 'MUST',
        anchor: 'support',
        quote: 'If an entity supports the XMPP Ping protocol, it MUST report that fact by including a service discovery feature of "urn:xmpp:ping" in response to a Service Discovery (XEP-0030) information request:',
      },
    },
    evidence: 'advertisement',
    requirement: 'A server that answers pings lists urn:xmpp:ping in its disco#info.',
    accounts: 1,
    run: (t) => checkServerFeature(t, NS.ping),
  },
]);
