import { defineCases } from '../../src/engine/case.js';
import { streamError } from '../../src/session/match.js';
import { iq, streamErrorCondition } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { completeLogin, requireOffer } from './compression.js';

/** XEP-0138 §2–§6: negotiating zlib, using it both ways, and the failure cases. */
export default defineCases({ spec: 'xep-0138', role: 'server' }, [
  {
    id: 'XEP0138-2-1',
    cite: { section: '2', keyword: 'MUST', quote: '' },
    requirement: 'An offered <compression/> feature lists at least one <method/>.',
    accounts: 1,
    async run(t) {
      const offer = await requireOffer(t, t.accounts[0]!);
      t.check(offer.methods.length > 0 && offer.methods.every((m) => m.length > 0), 'one or more non-empty <method/> elements', offer.feature);
    },
  },
  {
    id: 'XEP0138-4-1',
    cite: { section: '4', keyword: 'REQUIRED', quote: '' },
    requirement: 'zlib is among the offered methods (mandatory to implement).',
    accounts: 1,
    async run(t) {
      const offer = await requireOffer(t, t.accounts[0]!);
      t.check(offer.methods.includes('zlib'), 'zlib among the methods', `[${offer.methods.join(', ')}]`);
    },
  },
  {
    id: 'XEP0138-2-2',
    cite: { section: '2', keyword: 'MUST', quote: '' },
    requirement: 'A method that is not offered gets <failure><unsupported-method/></failure>, and the stream goes on.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const offer = await requireOffer(t, a!);
      const answer = await offer.session.compress('x-certify-bogus');
      t.check(answer.getName() === 'failure' && answer.getChild('unsupported-method') !== undefined, '<failure><unsupported-method/></failure>', answer);
      // the refusal is not a stream error: negotiation carries on uncompressed
      const jid = await completeLogin(t, offer, a!);
      t.check(jid !== '', 'the stream still negotiates after the refusal', 'binding failed');
    },
  },
  {
    id: 'XEP0138-2-3',
    cite: { section: '2', keyword: 'MUST', quote: '' },
    requirement: 'Accepted compression is answered with <compressed/>; the stream restarts over zlib with a new stream id and features without compression.',
    accounts: 1,
    async run(t) {
      const offer = await requireOffer(t, t.accounts[0]!);
      const before = offer.session.streamId;
      const answer = await offer.session.compress('zlib');
      t.check(answer.getName() === 'compressed', '<compressed/>', answer);
      t.check(offer.session.streamId !== undefined && offer.session.streamId !== before, 'a new stream id after the restart', `${before} → ${offer.session.streamId}`);
      t.check(offer.session.features?.getChild('compression', NS.compressFeature) === undefined, 'no compression feature on the compressed stream', offer.session.features);
    },
  },
  {
    id: 'XEP0138-3-1',
    cite: { section: '3', keyword: 'MUST', quote: '' },
    requirement: 'Once negotiated, compression is used in both directions: stanzas round-trip over the compressed stream.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const offer = await requireOffer(t, a!);
      const answer = await offer.session.compress('zlib');
      t.check(answer.getName() === 'compressed', '<compressed/>', answer);
      // the server inflated our compressed bind and we inflated its answer
      await completeLogin(t, offer, a!);
      await offer.session.iq(iq('get', { to: t.domain }, x('ping', { xmlns: NS.ping })));
    },
  },
  {
    id: 'XEP0138-6-1',
    cite: { section: '6', keyword: 'SHOULD', quote: '' },
    requirement: 'After each stanza the sender flushes zlib (sync flush), so a reply never waits for more data.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const offer = await requireOffer(t, a!);
      await offer.session.compress('zlib');
      await completeLogin(t, offer, a!);
      const started = performance.now();
      // a reply that waits in the server's compressor would miss this one-second deadline
      await offer.session.iq(iq('get', { to: t.domain }, x('ping', { xmlns: NS.ping })), 1000);
      t.note(`ping round trip over zlib: ${Math.round(performance.now() - started)} ms`);
    },
  },
  {
    id: 'XEP0138-2-4',
    cite: { section: '2', keyword: 'SHOULD', quote: '' },
    requirement: 'Data that does not decompress on a compressed stream raises <undefined-condition/> with <processing-failed/> and closes the stream.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const offer = await requireOffer(t, a!);
      await offer.session.compress('zlib');
      // a deflate block with a reserved block type (binary 11) can never be inflated
      offer.session.tcp().sendBytes(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), '(6 bytes that are not valid deflate data)');
      const error = await offer.session.expect(streamError());
      t.check(streamErrorCondition(error) === 'undefined-condition' && error.getChild('processing-failed', NS.compress) !== undefined,
        '<undefined-condition/> with <processing-failed xmlns="http://jabber.org/protocol/compress"/>', error);
    },
  },
  {
    id: 'XEP0138-3-2',
    cite: { section: '3', keyword: ['SHOULD NOT', 'MAY'], quote: '' },
    requirement: 'Stream compression is not stacked on TLS compression: it may be offered after TLS only when TLS compression is not in use.',
    accounts: 1,
    async run(t) {
      await requireOffer(t, t.accounts[0]!);
      // OpenSSL 3, under Node's TLS, never negotiates TLS compression, so the tool cannot create
      // the situation the rule is about
      t.skip('the tool\'s TLS library never negotiates TLS compression, so stacking cannot be provoked');
    },
  },
]);
