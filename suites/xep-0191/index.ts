import { iq, NS, type Suite, x } from '../../src/authoring.js';
import { probeServerFeature } from '../lib/probe.js';
import discovery from './3.1-discovery.js';
import blocklist from './3.2-blocklist.js';
import blocking from './3.3-blocking.js';
import unblocking from './3.4-unblocking.js';
import unblockingAll from './3.5-unblocking-all.js';
import polite from './4-polite-blocking.js';
import privacy from './5-privacy-lists.js';

/** XEP-0191 Blocking Command, server side: case IDs follow v1.3's section numbers, citations v1.1's (the text the 2009 levels cite). */
export const xep0191: Suite = {
  spec: 'xep-0191',
  role: 'server',
  probe: (t) => probeServerFeature(t, iq('get', {}, x('blocklist', { xmlns: NS.blocking })), NS.blocking, 'a blocklist request'),
  cases: [...discovery, ...blocklist, ...blocking, ...unblocking, ...unblockingAll, ...polite, ...privacy],
};
