import { defineCases, type Suite } from '../../../src/engine/case.js';
import { NS } from '../../../src/xml/namespaces.js';
import { clientPresence, featureProbe } from '../../lib/client.js';

/** XEP-0071 XHTML-IM for clients: advertised support, and no markup where it does not belong. */
export const xep0071Client: Suite = {
  spec: 'xep-0071',
  role: 'client',
  probe: featureProbe(NS.xhtmlIm, 'XHTML-IM'),
  cases: defineCases({ spec: 'xep-0071', role: 'client' }, [
    {
      id: 'XEP0071-8-3',
      cite: { section: '8', keyword: 'SHOULD NOT', quote: '' },
      requirement: 'XHTML is not put into presence (if it is, it is a direct child that mirrors <status/>).',
      async run(t) {
        const presence = clientPresence(t);
        t.check(presence.getChild('html', NS.xhtmlIm) === undefined, 'no XHTML-IM <html/> in the presence', presence);
      },
    },
  ]),
};
