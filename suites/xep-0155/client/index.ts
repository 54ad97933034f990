import type { Suite } from '../../../src/authoring.js';
import { featureProbe } from '../../lib/client.js';
import refusal from './4.3-refusing-a-session.js';
import { SSN } from './namespace.js';

/** XEP-0155 Stanza Session Negotiation for clients (v1.1, which intermediate-client cites). */
export const xep0155Client: Suite = {
  spec: 'xep-0155',
  role: 'client',
  probe: featureProbe(SSN, 'stanza session negotiation'),
  cases: refusal,
};
