import { defineCases, iq, NS, x } from '../../src/authoring.js';
import { loginOverCompression, requireOffer } from './compression.js';

/** v1.2 (2007-08-22) moved negotiation after SASL, where servers offer it; the cases take it where it is offered. */
const AFTER_SASL = 'v1.2 has compression negotiated after SASL (v1.1 §3: it SHOULD be completed before SASL); the case takes it where the server offers it';

/**
 * XEP-0138 v1.1 §3, business rules: compression used in both directions, and not stacked on TLS
 * compression. v1.1 itself is not in the XSF archive: the quotes are from its successor's first
 * file (2006-10, "1.2 in progress"), which carries v1.1's text.
 */
export default defineCases({ spec: 'xep-0138', role: 'server' }, [
  {
    id: 'XEP0138-3-1',
    cite: {
      section: '3', anchor: 'bizrules', keyword: 'MUST',
      quote: 'If stream compression is negotiated, it MUST be used in both directions.',
      changed: AFTER_SASL,
    },
    requirement: 'Once negotiated, compression is used in both directions: binding and a ping round-trip over the compressed stream.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const offer = await requireOffer(t, a!);
      const answer = await offer.session.compress('zlib');
      t.check(answer.getName() === 'compressed', '<compressed/>', answer);
      // the server inflated our compressed requests and we inflated its answers
      await loginOverCompression(offer, a!);
      await offer.session.iq(iq('get', { to: t.domain }, x('ping', { xmlns: NS.ping })));
    },
  },
  {
    id: 'XEP0138-3-2',
    cite: {
      section: '3', anchor: 'bizrules', keyword: 'SHOULD NOT',
      quote: 'TLS compression and stream compression SHOULD NOT be used simultaneously.',
      changed: 'v1.3 replaces the rule that TLS comes first with "Stream compression MAY be offered after TLS negotiation if TLS compression fails"',
    },
    requirement: 'Stream compression is not stacked on TLS compression.',
    accounts: 1,
    async run(t) {
      await requireOffer(t, t.accounts[0]!);
      // OpenSSL 3, under Node's TLS, never negotiates TLS compression, so the tool cannot create
      // the situation the rule is about
      t.skip('the tool\'s TLS library never negotiates TLS compression, so stacking cannot be provoked');
    },
  },
]);
