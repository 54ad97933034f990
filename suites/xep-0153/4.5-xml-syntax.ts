import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0153 from '../requirements/xep-0153.js';
import { convertedPhoto } from './converted.js';

/** XEP-0153 §4.5: the XML of the PHOTO, in the vCard the server writes. */
export default defineCases({ spec: 'xep-0153', role: 'server' }, [
  {
    id: 'XEP0153-4.5-1',
    cite: citationOf(xep0153, 'XEP0153-4.5-1'),
    requirement: 'The PHOTO the server writes from a XEP-0084 avatar carries the image as BINVAL.',
    accounts: 1,
    async run(t) {
      const { photo } = await convertedPhoto(t);
      t.check(photo.getChild('BINVAL') !== undefined, 'a <BINVAL/> in the PHOTO', photo);
    },
  },
  {
    id: 'XEP0153-4.5-2',
    cite: citationOf(xep0153, 'XEP0153-4.5-2'),
    requirement: 'The PHOTO the server writes carries no EXTVAL.',
    accounts: 1,
    async run(t) {
      const { photo } = await convertedPhoto(t);
      t.check(photo.getChild('EXTVAL') === undefined, 'no <EXTVAL/> in the PHOTO', photo);
    },
  },
  {
    id: 'XEP0153-4.5-3',
    cite: citationOf(xep0153, 'XEP0153-4.5-3'),
    requirement: 'The PHOTO the server writes names the content type of the image in TYPE.',
    accounts: 1,
    async run(t) {
      const { avatar, photo } = await convertedPhoto(t);
      const type = photo.getChildText('TYPE')?.trim();
      t.check(Boolean(type), `a <TYPE/> in the PHOTO (the image is ${avatar.type})`, photo);
      t.outcome(`TYPE '${type}'`);
    },
  },
  {
    id: 'XEP0153-4.5-4',
    cite: citationOf(xep0153, 'XEP0153-4.5-4'),
    requirement: "The PHOTO the server writes has no 'mime-type' attribute.",
    accounts: 1,
    async run(t) {
      const { photo } = await convertedPhoto(t);
      t.check(photo.attrs['mime-type'] === undefined, "no 'mime-type' attribute on the PHOTO", photo);
    },
  },
]);
