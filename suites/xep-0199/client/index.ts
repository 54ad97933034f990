import { defineCases, type Suite } from '../../../src/engine/case.js';
import { stanzaError } from '../../../src/session/stanza.js';
import { x } from '../../../src/xml/element.js';
import { NS } from '../../../src/xml/namespaces.js';

/** XEP-0199 XMPP Ping for clients (informational). */
export const xep0199Client: Suite = {
  spec: 'xep-0199',
  role: 'client',
  cases: defineCases({ spec: 'xep-0199', role: 'client' }, [
    {
      id: 'XEP0199-4.1-1',
      cite: { section: '4.1', keyword: 'MUST', quote: '' },
      requirement: 'A client answers a ping with an empty result, or with <service-unavailable/> if it does not support ping.',
      async run(t) {
        const answer = await t.client.iq(x('iq', { type: 'get' }, x('ping', { xmlns: NS.ping })));
        const condition = stanzaError(answer)?.condition;
        t.outcome(answer.attrs.type === 'result' ? 'a result' : `an error <${condition ?? '?'}/>`);
        t.check(answer.attrs.type === 'result' || condition === 'service-unavailable', 'a result, or <service-unavailable/>', answer);
      },
    },
  ]),
};
