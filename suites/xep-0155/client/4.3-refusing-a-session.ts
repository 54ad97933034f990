import { defineCases, match, NS, token, x } from '../../../src/authoring.js';
import { clientBarrier, clientDisco } from '../../lib/client.js';
import { SSN } from './namespace.js';

/** XEP-0155 §4.3 (v1.1): a client without session negotiation refuses a request for it. */
export default defineCases({ spec: 'xep-0155', role: 'client' }, [
  {
    id: 'XEP0155-4.3-2',
    cite: {
      section: '4.3',
      anchor: 'new-reject',
      keyword: 'SHOULD',
      quote: 'If the contact\'s client does not support feature negotiation or does not support the "urn:xmpp:ssn" FORM_TYPE, it SHOULD return a <service-unavailable/> error:',
    },
    requirement: 'A client that does not support session negotiation answers a request with an error, <service-unavailable/> (silence, which §4.3 lets a legacy client keep, is not applicable).',
    // for clients without the feature: it runs whatever the probe found, and skips when the client negotiates
    needsSupport: false,
    async run(t) {
      if ((await clientDisco(t)).features.includes(SSN)) return t.skip(`the client lists ${SSN}: the refusal applies to clients that do not support it`, 'not-applicable');
      const thread = `ssn-${token(4)}`;
      t.client.send(x('message', { type: 'normal', id: thread }, x('thread', {}, thread),
        x('feature', { xmlns: 'http://jabber.org/protocol/feature-neg' },
          x('x', { xmlns: NS.dataForms, type: 'form' },
            x('field', { var: 'FORM_TYPE', type: 'hidden' }, x('value', {}, SSN)),
            x('field', { var: 'accept', type: 'boolean' }, x('value', {}, 'true'), x('required'))))));
      // the client handles its stream in order: once it answered a later disco#info, any answer to the request is in
      const barrier = await clientBarrier(t).then(() => undefined, (err: Error) => err.message);
      if (barrier !== undefined) return t.skip(`unproven: the client did not answer the disco#info sent after the request (${barrier}), so its answer may still be to come`, 'unproven');
      const answer = t.client.received(match(`an answer in thread ${thread}`, (el) => el.name === 'message' && (el.getChildText('thread') === thread || el.attrs.id === thread)))[0];
      if (!answer) return t.skip('the client sent no answer to the request, which §4.3 allows: "if the contact is using a legacy client then it MAY not support returning any response or error"', 'not-applicable');
      if (answer.attrs.type !== 'error') return t.skip('the client negotiates a session: the refusal applies to clients that do not', 'not-applicable');
      t.expectError(answer, ['service-unavailable']);
    },
  },
]);
