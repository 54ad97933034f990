import { NS, type Suite } from '../../src/authoring.js';
import { probeServerFeature } from '../lib/probe.js';
import useCases from './4-use-cases.js';
import support from './5-determining-support.js';
import { pingRequest } from './ping.js';

/** XEP-0199 XMPP Ping (informational): supported when the server answers a ping with a result. */
export const xep0199: Suite = {
  spec: 'xep-0199',
  role: 'server',
  probe: (t) => probeServerFeature(t, pingRequest(t.domain), NS.ping, `a ping to ${t.domain}`),
  cases: [...support, ...useCases],
};
