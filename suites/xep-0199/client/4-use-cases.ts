import { defineCases, NS, stanzaError, x } from '../../../src/authoring.js';

/** XEP-0199 §4.1: the client's answer to a ping from its server. */
export default defineCases({ spec: 'xep-0199', role: 'client' }, [
  {
    id: 'XEP0199-4.1-1',
    cite: {
      section: '4.1', anchor: 's2c', keyword: 'MUST',
      quote: 'If the client supports the ping namespace, it MUST return an IQ-result, which functions as a "pong": … If the client does not support the ping namespace, it MUST return a <service-unavailable/> error:',
    },
    requirement: 'A client answers a ping with a result, or with a well-formed <service-unavailable/> error if it does not support ping.',
    async run(t) {
      const answer = await t.client.iq(x('iq', { type: 'get' }, x('ping', { xmlns: NS.ping })));
      if (answer.attrs.type === 'result') return t.outcome('a result');
      t.outcome(`an error <${stanzaError(answer)?.condition ?? '?'}/>`);
      t.expectError(answer, ['service-unavailable']);
    },
  },
]);
