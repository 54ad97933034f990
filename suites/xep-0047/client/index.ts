import type { Suite } from '../../../src/authoring.js';
import { featureProbe } from '../../lib/client.js';
import sendingData from './2.2-sending-data.js';
import { IBB } from './namespace.js';

/** XEP-0047 In-Band Bytestreams for clients (v1.1): data for a stream the client never opened. */
export const xep0047Client: Suite = {
  spec: 'xep-0047',
  role: 'client',
  probe: featureProbe(IBB, 'in-band bytestreams'),
  cases: sendingData,
};
