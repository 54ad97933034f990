import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { photoBytes } from '../lib/avatar.js';
import xep0153 from '../requirements/xep-0153.js';
import { convertedPhoto } from './converted.js';

/** XEP-0153 §4.6: the image data, in the vCard the server writes. */
export default defineCases({ spec: 'xep-0153', role: 'server' }, [
  {
    id: 'XEP0153-4.6-2',
    cite: citationOf(xep0153, 'XEP0153-4.6-2'),
    requirement: 'The BINVAL the server writes is base64Binary: it decodes, whitespace aside, to image data.',
    accounts: 1,
    async run(t) {
      const { avatar, photo } = await convertedPhoto(t);
      if (photo.getChild('BINVAL') === undefined) return t.skip('the PHOTO has no BINVAL (XEP0153-4.5-1)');
      const bytes = photoBytes(photo);
      t.check(Buffer.isBuffer(bytes), 'a BINVAL of base64Binary', typeof bytes === 'string' ? bytes : undefined);
      t.note(`the BINVAL decodes to ${(bytes as Buffer).equals(avatar.bytes) ? 'the image published' : `${(bytes as Buffer).length} bytes other than the image published`}`);
    },
  },
]);
