import { defineCases, type Suite } from '../../../src/engine/case.js';
import { match } from '../../../src/session/match.js';
import { stanzaError, token } from '../../../src/session/stanza.js';
import { x } from '../../../src/xml/element.js';
import { NS } from '../../../src/xml/namespaces.js';
import { featureProbe } from '../../lib/client.js';

const SSN = 'urn:xmpp:ssn';

/** XEP-0155 Stanza Session Negotiation for clients. */
export const xep0155Client: Suite = {
  spec: 'xep-0155',
  role: 'client',
  probe: featureProbe(SSN, 'stanza session negotiation'),
  cases: defineCases({ spec: 'xep-0155', role: 'client' }, [
    {
      id: 'XEP0155-4.3-2',
      cite: { section: '4.3', keyword: 'SHOULD', quote: '' },
      requirement: 'A client that does not support session negotiation answers a request with <service-unavailable/>.',
      // for clients without the feature: it runs whatever the probe found, and skips when the client negotiates
      needsSupport: false,
      async run(t) {
        const thread = `ssn-${token(4)}`;
        t.client.send(x('message', { type: 'normal', id: thread }, x('thread', {}, thread),
          x('feature', { xmlns: 'http://jabber.org/protocol/feature-neg' },
            x('x', { xmlns: NS.dataForms, type: 'form' },
              x('field', { var: 'FORM_TYPE', type: 'hidden' }, x('value', {}, SSN)),
              x('field', { var: 'accept', type: 'boolean' }, x('value', {}, 'true'), x('required'))))));
        const answer = await t.client.maybe(match(`an answer in thread ${thread}`, (el) => el.name === 'message' && (el.getChildText('thread') === thread || el.attrs.id === thread)));
        if (answer && answer.attrs.type !== 'error') return t.skip('the client negotiates a session: the refusal rows apply to clients that do not', 'not-applicable');
        t.check(answer !== undefined && stanzaError(answer)?.condition === 'service-unavailable', 'an error <service-unavailable/>', answer ?? 'no answer');
      },
    },
  ]),
};
