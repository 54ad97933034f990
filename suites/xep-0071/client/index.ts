import { NS, type Suite } from '../../../src/authoring.js';
import { featureProbe } from '../../lib/client.js';
import businessRules from './8-business-rules.js';

/** XEP-0071 XHTML-IM for clients (v1.3): advertised support, and no markup where it does not belong. */
export const xep0071Client: Suite = {
  spec: 'xep-0071',
  role: 'client',
  probe: featureProbe(NS.xhtmlIm, 'XHTML-IM'),
  cases: businessRules,
};
