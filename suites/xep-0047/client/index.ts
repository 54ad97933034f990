import { defineCases, type Suite } from '../../../src/engine/case.js';
import { stanzaError, token } from '../../../src/session/stanza.js';
import { x } from '../../../src/xml/element.js';
import { featureProbe } from '../../lib/client.js';

const IBB = 'http://jabber.org/protocol/ibb';

/** XEP-0047 In-Band Bytestreams for clients: data for a stream the client never opened. */
export const xep0047Client: Suite = {
  spec: 'xep-0047',
  role: 'client',
  probe: featureProbe(IBB, 'in-band bytestreams'),
  cases: defineCases({ spec: 'xep-0047', role: 'client' }, [
    {
      id: 'XEP0047-2.2-4',
      cite: { section: '2.2', keyword: 'MUST', quote: '' },
      requirement: 'Data for a stream id the client does not know gets <item-not-found/>.',
      async run(t) {
        const answer = await t.client.iq(x('iq', { type: 'set' }, x('data', { xmlns: IBB, sid: `nosuch-${token(4)}`, seq: '0' }, 'aGVsbG8=')));
        t.check(answer.attrs.type === 'error', 'an error for data of an unknown stream', answer);
        t.check(stanzaError(answer)?.condition === 'item-not-found', 'the condition <item-not-found/>', answer);
      },
    },
  ]),
};
