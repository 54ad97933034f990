import type { Suite } from '../../../src/authoring.js';
import { featureProbe } from '../../lib/client.js';
import refusals from './3-4-refusing-offers.js';
import { SI } from './namespace.js';

/** XEP-0095 Stream Initiation for clients (v1.1): offers the client must refuse, and how. */
export const xep0095Client: Suite = {
  spec: 'xep-0095',
  role: 'client',
  probe: featureProbe(SI, 'stream initiation'),
  cases: refusals,
};
