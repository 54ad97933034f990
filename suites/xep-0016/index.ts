import { NS, type Suite } from '../../src/authoring.js';
import { probeServerFeature } from '../lib/probe.js';
import { privacyIq } from '../lib/privacy.js';
import syntax from './2.1-syntax.js';
import behaviour from './2.2-blocking-behaviour.js';
import retrieving from './2.3-retrieving-lists.js';
import active from './2.4-active-list.js';
import defaults from './2.5-default-list.js';
import editing from './2.6-editing-lists.js';
import inboundPresence from './2.10-blocking-inbound-presence.js';
import outboundPresence from './2.11-blocking-outbound-presence.js';
import blockedEntity from './2.14-blocked-entity.js';
import discovery from './3-discovery.js';

/** XEP-0016 Privacy Lists (RFC 3921 §10), server side. */
export const xep0016: Suite = {
  spec: 'xep-0016',
  role: 'server',
  probe: (t) => probeServerFeature(t, privacyIq('get'), NS.privacy, 'a privacy list request'),
  cases: [...syntax, ...behaviour, ...retrieving, ...active, ...defaults, ...editing, ...inboundPresence, ...outboundPresence, ...blockedEntity, ...discovery],
};
