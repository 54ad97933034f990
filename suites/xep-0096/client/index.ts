import type { Suite } from '../../../src/authoring.js';
import { featureProbe } from '../../lib/client.js';

/** XEP-0096 SI File Transfer for clients: advertised support (transfers need the user to accept them). */
export const xep0096Client: Suite = {
  spec: 'xep-0096',
  role: 'client',
  probe: featureProbe('http://jabber.org/protocol/si/profile/file-transfer', 'SI file transfer'),
  cases: [],
};
