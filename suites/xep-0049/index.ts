import { iq, query, type Suite, x } from '../../src/authoring.js';
import { probeServerFeature } from '../lib/probe.js';
import description from './2.1-description.js';
import elements from './2.3-elements.js';
import security from './4-security.js';
import { freshNamespace, PRIVATE_NS } from './private.js';

/** XEP-0049 Private XML Storage, server side (v1.2). Supported when a get for a fresh namespace is answered with a result. */
export const xep0049: Suite = {
  spec: 'xep-0049',
  role: 'server',
  probe: (t) => probeServerFeature(t, iq('get', {}, query(PRIVATE_NS, {}, x('probe', { xmlns: freshNamespace() }))), PRIVATE_NS, 'a private storage get'),
  cases: [...description, ...elements, ...security],
};
