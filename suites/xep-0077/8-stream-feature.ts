import { defineCases, NS } from '../../src/authoring.js';
import { describeRegistration, offersRegistration, registrationForm } from '../lib/registration.js';
import { stagedFeatures, stagesOffering } from '../lib/streams.js';

/** XEP-0077 §8: the iq-register stream feature, which announces in-band registration. */
export default defineCases({ spec: 'xep-0077', role: 'server' }, [
  {
    id: 'XEP0077-8-1',
    // §8 only lets the server announce the feature ("MAY announce support for in-band
    // registration"); what an announcement commits it to is §3.1: a host that supports
    // in-band registration MUST inform the entity of the fields
    cite: {
      section: '3.1',
      anchor: 'usecases-register',
      keyword: 'MUST',
      quote: 'If the entity is not already registered and the host supports In-Band Registration, the host MUST inform the entity of the required registration fields.',
    },
    requirement: 'Where the server announces in-band registration with the iq-register stream feature (§8: it MAY), a registration get on that stream returns the fields, or a redirect (server streams are not tested).',
    // a feature announced by a server without registration is the very fault: run either way
    needsSupport: false,
    async run(t) {
      const staged = await stagedFeatures(t);
      const stages = stagesOffering(staged, 'register', NS.registerFeature);
      if (stages.length === 0) return t.skip(`server ${t.domain} does not announce the iq-register feature on client streams (§8 lets it: MAY)`);
      t.outcome(`server ${t.domain} announces the iq-register feature ${stages.join(' and ')}`);
      const form = await registrationForm(staged.session, t.domain);
      t.check(form.response.attrs.type === 'result' && (offersRegistration(form) || form.redirect), `the registration fields (or a redirect) from server ${t.domain}, which announces in-band registration`, form.response);
      t.outcome(`the registration get returned ${describeRegistration(form)}`);
    },
  },
]);
