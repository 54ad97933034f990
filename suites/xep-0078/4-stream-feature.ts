import { defineCases, NS } from '../../src/authoring.js';
import { stagedFeatures, stagesOffering } from '../lib/streams.js';

/** XEP-0078 §4: the iq-auth stream feature. */
export default defineCases({ spec: 'xep-0078', role: 'server' }, [
  {
    id: 'XEP0078-4-1',
    cite: {
      section: '4',
      anchor: 'streamfeature',
      keyword: 'SHOULD',
      quote: "Upon receiving a stream header qualified by the 'jabber:client' namespace, a server that returns stream features SHOULD also announce support for non-SASL authentication by including the relevant stream feature.",
    },
    requirement: 'A server supporting jabber:iq:auth offers the iq-auth stream feature on client streams (possibly only after TLS, which §4 allows).',
    evidence: 'advertisement',
    async run(t) {
      const stages = stagesOffering(await stagedFeatures(t), 'auth', NS.authFeature);
      t.check(stages.length > 0, `the iq-auth stream feature from server ${t.domain}, before or after TLS`, 'offered at no stage');
      t.outcome(`offered ${stages.join(' and ')}`);
    },
  },
]);
