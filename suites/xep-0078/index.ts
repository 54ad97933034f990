import { ExpectationError, NS, type Suite } from '../../src/authoring.js';
import { stagedFeatures, stagesOffering } from '../lib/streams.js';
import authentication from './3.1-authentication.js';
import streamFeature from './4-stream-feature.js';
import security from './7-security.js';
import { authFields, describeFields, usableFields } from './iq-auth.js';

/**
 * XEP-0078 Non-SASL Authentication, server side. Supported when a jabber:iq:auth fields request
 * on an unauthenticated stream (after STARTTLS) returns usable fields; the iq-auth stream
 * feature is recorded as what is advertised.
 */
export const xep0078: Suite = {
  spec: 'xep-0078',
  role: 'server',
  async probe(t) {
    const staged = await stagedFeatures(t);
    const stages = stagesOffering(staged, 'auth', NS.authFeature);
    // a server may close the stream on a stanza before authentication: that is "unsupported"
    const answer = await authFields(staged.session, t.domain, t.accounts[0]!.local).catch((err: unknown) => {
      if (err instanceof ExpectationError) return err;
      throw err;
    });
    const supported = !(answer instanceof ExpectationError) && usableFields(answer.fields);
    return {
      supported,
      advertised: stages.length > 0,
      entity: `server ${t.domain}`,
      detail: `a jabber:iq:auth fields request before authentication ${answer instanceof ExpectationError ? `had no answer: ${answer.actual}` : `returned ${describeFields(answer)}`}; iq-auth stream feature: ${stages.join(', ') || 'not offered'}`,
    };
  },
  cases: [...streamFeature, ...authentication, ...security],
};
