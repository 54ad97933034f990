import { defineCases, type Suite } from '../../../src/engine/case.js';
import { stanzaError } from '../../../src/session/stanza.js';
import { x } from '../../../src/xml/element.js';
import { featureProbe } from '../../lib/client.js';

const BYTESTREAMS = 'http://jabber.org/protocol/bytestreams';

/** XEP-0065 SOCKS5 Bytestreams for clients: a request the client must refuse. */
export const xep0065Client: Suite = {
  spec: 'xep-0065',
  role: 'client',
  probe: featureProbe(BYTESTREAMS, 'SOCKS5 bytestreams'),
  cases: defineCases({ spec: 'xep-0065', role: 'client' }, [
    {
      id: 'XEP0065-5.3.1-2',
      cite: { section: '5.3.1', keyword: 'MUST', quote: '' },
      requirement: "A bytestream request without a 'sid' gets <bad-request/> (a refused one <not-acceptable/>).",
      async run(t) {
        const answer = await t.client.iq(x('iq', { type: 'set' }, x('query', { xmlns: BYTESTREAMS, mode: 'tcp' }, x('streamhost', { jid: t.client.peer, host: '127.0.0.1', port: '9' }))));
        const condition = stanzaError(answer)?.condition;
        t.outcome(answer.attrs.type === 'error' ? `an error <${condition ?? '?'}/>` : 'a result');
        t.check(answer.attrs.type === 'error' && (condition === 'bad-request' || condition === 'not-acceptable'), 'an error <bad-request/> (or <not-acceptable/>)', answer);
      },
    },
  ]),
};
