import { defineCases, iq, NS, x } from '../../src/authoring.js';
import { compressedOffer, loginOverCompression } from './compression.js';

/**
 * XEP-0138 v1.1 §5.1 (the catalogue's §6, implementation notes): zlib flushed after each send.
 * v1.1 itself is not in the XSF archive: the quote is from its successor's first file (2006-10,
 * "1.2 in progress"), which carries v1.1's text.
 */
export default defineCases({ spec: 'xep-0138', role: 'server' }, [
  {
    id: 'XEP0138-6-1',
    cite: {
      section: '5.1', anchor: 'impl-zlib', keyword: 'SHOULD',
      quote: 'When using ZLIB for compression, the sending application SHOULD complete a partial flush of ZLIB when its current send is complete.',
    },
    requirement: 'After each send the server flushes zlib, so a reply never waits for more data: a ping over zlib is answered within a second.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const offer = await compressedOffer(t, a!);
      await loginOverCompression(offer, a!);
      const started = performance.now();
      // a reply that waits in the server's compressor would miss this one-second deadline
      await offer.session.iq(iq('get', { to: t.domain }, x('ping', { xmlns: NS.ping })), 1000);
      t.note(`ping round trip over zlib: ${Math.round(performance.now() - started)} ms`);
    },
  },
]);
