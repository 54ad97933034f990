import type { Suite } from '../../../src/authoring.js';
import { featureProbe } from '../../lib/client.js';

/** XEP-0020 Feature Negotiation for clients: advertised support (its behaviour is exercised through XEP-0095 offers). */
export const xep0020Client: Suite = {
  spec: 'xep-0020',
  role: 'client',
  probe: featureProbe('http://jabber.org/protocol/feature-neg', 'feature negotiation'),
  cases: [],
};
