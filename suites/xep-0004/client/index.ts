import { NS, type Suite } from '../../../src/authoring.js';
import { featureProbe } from '../../lib/client.js';

/**
 * XEP-0004 Data Forms for clients. What a client does with a form needs its user (the DRV rows
 * of the catalogue); this version records whether the client says it handles forms.
 */
export const xep0004Client: Suite = {
  spec: 'xep-0004',
  role: 'client',
  probe: featureProbe(NS.dataForms, 'data forms'),
  cases: [],
};
