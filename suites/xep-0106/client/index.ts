import type { Suite } from '../../../src/authoring.js';
import { featureProbe } from '../../lib/client.js';
import businessRules from './4-business-rules.js';

const FEATURE = 'jid\\20escaping';

/** XEP-0106 JID Escaping for clients (v1.1): a client that advertises escaping escapes what its user types. */
export const xep0106Client: Suite = {
  spec: 'xep-0106',
  role: 'client',
  probe: featureProbe(FEATURE, 'JID escaping'),
  cases: businessRules,
};
