import { defineCases } from '../../../src/authoring.js';
import { loginRecord } from '../../lib/client.js';

/** XEP-0138 §2: the method a client negotiates when the tool offers zlib. */
export default defineCases({ spec: 'xep-0138', role: 'client' }, [
  {
    id: 'XEP0138-2-5',
    cite: {
      section: '4', anchor: 'mandatory', keyword: 'MUST',
      quote: 'A compliant implementation MUST implement the ZLIB compression method as specified in RFC 1950.',
      changed: 'v1.2 (2007-08-22) has compression negotiated after SASL, where the tool offers it (v1.1 §3: SHOULD be completed before SASL); v1.3: "… is REQUIRED"',
    },
    requirement: 'A client that asks for compression implements zlib: offered zlib alone, it negotiates zlib.',
    async run(t) {
      const { negotiation } = loginRecord(t);
      t.check(negotiation.compression === 'zlib', 'the stream compressed with zlib', `asked for: ${negotiation.compressionAsked.join(', ') || 'nothing'}`);
    },
  },
]);
