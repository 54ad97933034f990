import { defineCases } from '../../src/engine/case.js';
import { NS } from '../../src/xml/namespaces.js';
import { describeRegistration, offersRegistration, registrationForm } from '../lib/registration.js';
import { stagedFeatures, stagesOffering } from '../lib/streams.js';

/** XEP-0077 §8: the iq-register stream feature. */
export default defineCases({ spec: 'xep-0077', role: 'server' }, [
  {
    id: 'XEP0077-8-1',
    cite: { section: '8', keyword: ['MAY', 'SHOULD NOT'], quote: '' },
    requirement: 'The server may offer the iq-register feature on client streams, and then registration works there (server streams are not tested).',
    // a feature offered by a server without registration is the very fault: run either way
    needsSupport: false,
    async run(t) {
      const staged = await stagedFeatures(t);
      const stages = stagesOffering(staged, 'register', NS.registerFeature);
      t.note('only client streams are tested: the SHOULD NOT for server-to-server streams needs a server stream');
      if (stages.length === 0) return t.outcome(`server ${t.domain} does not offer the iq-register feature on client streams`);
      t.outcome(`server ${t.domain} offers the iq-register feature ${stages.join(' and ')}`);
      const form = await registrationForm(staged.session, t.domain);
      t.check(offersRegistration(form) || form.redirect, `a working registration get where the feature is offered (server ${t.domain})`, describeRegistration(form));
    },
  },
]);
