import type { Suite } from '../../src/authoring.js';
import { probeConversion } from '../lib/avatar.js';
import discovery from './2-discovery.js';
import pepToVcard from './3.1-from-pep-to-vcard.js';
import vcardToPep from './3.2-from-vcard-to-pep.js';
import presence from './4-presence-broadcast.js';

/** XEP-0398 User Avatar to vCard-Based Avatars Conversion, server side (v0.2.1). */
export const xep0398: Suite = {
  spec: 'xep-0398',
  role: 'server',
  /** Supported when a XEP-0084 avatar becomes the vCard's PHOTO, or the account advertises the conversion (then a conversion that does not happen fails the cases). */
  async probe(t) {
    const { converted, advertised, entity, detail } = await probeConversion(t);
    return { supported: converted || advertised, advertised, entity, detail };
  },
  cases: [...discovery, ...pepToVcard, ...vcardToPep, ...presence],
};
