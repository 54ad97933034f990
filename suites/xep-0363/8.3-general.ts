import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0363 from '../requirements/xep-0363.js';
import { differingPart } from './slot.js';
import { freshName, slotFor } from './upload.js';

/** Characters of a random part "long" enough: 64 bits in hex, the least of the usual tokens. */
const LONG = 16;

/** XEP-0363 §8.3: general security considerations. */
export default defineCases({ spec: 'xep-0363', role: 'server' }, [
  {
    id: 'XEP0363-8.3-1',
    cite: citationOf(xep0363, 'XEP0363-8.3-1'),
    requirement: `Two slots for the same file name and size get GET URLs that differ in a random part of at least ${LONG} characters.`,
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const name = freshName('txt');
      const first = await slotFor(t, s, name, 100, 'text/plain');
      const second = await slotFor(t, s, name, 100, 'text/plain');
      const part = differingPart(first.getUrl, second.getUrl);
      t.check(part.length >= LONG, `GET URLs for two slots of ${name} that differ in at least ${LONG} characters`,
        part ? `they differ in '${part}' (${part.length} characters): ${first.getUrl} and ${second.getUrl}` : `the same URL twice: ${first.getUrl}`);
    },
  },
]);
