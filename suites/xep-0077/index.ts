import { ExpectationError, NS, type Suite } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import { describeRegistration, offersRegistration, registrationForm } from '../lib/registration.js';
import { stagedFeatures, stagesOffering } from '../lib/streams.js';
import register from './3.1-register.js';
import cancel from './3.2-cancel.js';
import changePassword from './3.3-change-password.js';
import streamFeature from './8-stream-feature.js';
import determiningSupport from './10-determining-support.js';

/**
 * XEP-0077 In-Band Registration, server side. Supported when a registration get on an
 * unauthenticated stream (after STARTTLS) returns fields to fill in; the stream feature and
 * the disco feature are recorded as what is advertised.
 */
export const xep0077: Suite = {
  spec: 'xep-0077',
  role: 'server',
  async probe(t) {
    const staged = await stagedFeatures(t);
    const stages = stagesOffering(staged, 'register', NS.registerFeature);
    // a server may close the stream on a stanza before authentication: that is "unsupported"
    const form = await registrationForm(staged.session, t.domain).catch((err: unknown) => {
      if (err instanceof ExpectationError) return err;
      throw err;
    });
    const s = await t.login(t.accounts[0]!);
    const disco = (await discoInfo(s, t.domain)).features.includes(NS.register);
    const advertisedAs = [stages.length ? `the iq-register stream feature (${stages.join(', ')})` : '', disco ? `${NS.register} in disco#info` : ''].filter(Boolean);
    return {
      supported: !(form instanceof ExpectationError) && offersRegistration(form),
      advertised: advertisedAs.length > 0,
      entity: `server ${t.domain}`,
      detail: `a registration get before authentication ${form instanceof ExpectationError ? `had no answer: ${form.actual}` : `returned ${describeRegistration(form)}`}; advertised: ${advertisedAs.join(' and ') || 'nowhere'}`,
    };
  },
  cases: [...streamFeature, ...determiningSupport, ...register, ...changePassword, ...cancel],
};
