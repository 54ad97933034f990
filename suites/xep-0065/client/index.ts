import type { Suite } from '../../../src/authoring.js';
import { featureProbe } from '../../lib/client.js';
import requests from './5-bytestream-requests.js';
import { BYTESTREAMS } from './namespace.js';

/** XEP-0065 SOCKS5 Bytestreams for clients (v1.7): a request the client must refuse. */
export const xep0065Client: Suite = {
  spec: 'xep-0065',
  role: 'client',
  probe: featureProbe(BYTESTREAMS, 'SOCKS5 bytestreams'),
  cases: requests,
};
