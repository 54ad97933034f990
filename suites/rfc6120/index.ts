import type { Suite } from '../../src/authoring.js';
import streams from './4-xml-streams.js';
import starttls from './5-starttls.js';
import sasl from './6-sasl.js';
import binding from './7-resource-binding.js';
import stanzas from './8-stanzas.js';
import serverRules from './10-server-rules.js';
import xmlUsage from './11-xml-usage.js';
import security from './13-security.js';
import addressing from './6122-addressing.js';

/** RFC 6120 / RFC 3920 XMPP Core, client-to-server, with the RFC 6122 addressing rules. */
export const xmppCore: Suite = {
  spec: 'xmpp-core',
  role: 'server',
  cases: [...streams, ...starttls, ...sasl, ...binding, ...stanzas, ...serverRules, ...xmlUsage, ...security, ...addressing],
};
