import { defineCases } from '../../src/authoring.js';
import { requireOffer } from './compression.js';

/**
 * XEP-0138 v1.1 §4: zlib, the mandatory-to-implement method. v1.1 itself is not in the XSF
 * archive: the quote is from its successor's first file (2006-10, "1.2 in progress"), which
 * carries v1.1's text.
 */
export default defineCases({ spec: 'xep-0138', role: 'server' }, [
  {
    id: 'XEP0138-4-1',
    cite: {
      section: '4', anchor: 'mandatory', keyword: 'MUST',
      quote: 'A compliant implementation MUST implement the ZLIB compression method as specified in RFC 1950.',
      changed: 'v1.3 (2007-09-26): "Support for the ZLIB compression method … is REQUIRED"',
    },
    requirement: 'zlib, mandatory to implement, is among the offered methods.',
    evidence: 'advertisement',
    accounts: 1,
    async run(t) {
      const offer = await requireOffer(t, t.accounts[0]!);
      t.check(offer.methods.includes('zlib'), 'zlib among the methods', `[${offer.methods.join(', ')}]`);
    },
  },
]);
