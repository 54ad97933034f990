import type { Suite } from '../../src/authoring.js';
import versions from './3.1.1-protocol-versions.js';
import cipherSuites from './4-cipher-suites.js';

/**
 * RFC 7590 Use of TLS in XMPP: the practice of RFC 7525 it makes binding, as far as the server's
 * STARTTLS handshakes show it. No probe: TLS is no optional feature.
 */
export const rfc7590: Suite = {
  spec: 'rfc7590',
  role: 'server',
  cases: [...versions, ...cipherSuites],
};
