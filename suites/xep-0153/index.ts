import type { Suite } from '../../src/authoring.js';
import { probeConversion } from '../lib/avatar.js';
import xmlSyntax from './4.5-xml-syntax.js';
import imageRestrictions from './4.6-image-restrictions.js';

/**
 * XEP-0153 vCard-Based Avatars (v1.1), the server's part beside XEP-0398: the vCard PHOTO it
 * writes itself. Supported when a XEP-0084 avatar becomes the vCard's PHOTO.
 */
export const xep0153: Suite = {
  spec: 'xep-0153',
  role: 'server',
  async probe(t) {
    const { converted, advertised, entity, detail } = await probeConversion(t);
    return { supported: converted, advertised, entity, detail };
  },
  cases: [...xmlSyntax, ...imageRestrictions],
};
