import { defineCases, describe, iq, NS, streamError, streamErrorCondition, TcpTransport, x } from '../../src/authoring.js';
import { completeLogin, loginOverCompression, requireOffer } from './compression.js';

/** v1.2 (2007-08-22) moved negotiation after SASL, where servers offer it; the cases take it where it is offered. */
const AFTER_SASL = 'v1.2 has compression negotiated after SASL (v1.1 §3: it SHOULD be completed before SASL); the case takes it where the server offers it';

/**
 * XEP-0138 v1.1 §2–§5: negotiating zlib, using it both ways, and the failure cases. v1.1 itself is
 * not in the XSF archive: the quotes are from its successor's first file (2006-10, "1.2 in
 * progress"), which carries v1.1's text.
 */
export default defineCases({ spec: 'xep-0138', role: 'server' }, [
  {
    id: 'XEP0138-2-1',
    cite: {
      section: '2', anchor: 'usecase', keyword: 'MUST',
      quote: 'Note: The <compression/> element MUST contain at least one <method/> child element. Each <method/> element MUST contain XML character data that specifies the name of a compression method',
    },
    requirement: 'An offered <compression/> feature lists at least one non-empty <method/>.',
    evidence: 'advertisement',
    accounts: 1,
    async run(t) {
      const offer = await requireOffer(t, t.accounts[0]!);
      t.check(offer.methods.length > 0 && offer.methods.every((m) => m.length > 0), 'one or more non-empty <method/> elements', offer.feature);
    },
  },
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
  {
    id: 'XEP0138-2-2',
    cite: {
      section: '2', anchor: 'usecase', keyword: ['MUST', 'SHOULD NOT'],
      quote: 'If the initiating entity requests a stream compression method that is not supported by the receiving entity, the receiving entity MUST return an <unsupported-method/> error: … Note: Failure of the negotiation SHOULD NOT be treated as an unrecoverable error and therefore SHOULD NOT result in a stream error.',
    },
    requirement: 'A method that is not offered gets <failure><unsupported-method/></failure> (MUST), and the stream goes on without a stream error (SHOULD NOT end it).',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const offer = await requireOffer(t, a!);
      const answer = await offer.session.compress('x-certify-bogus');
      t.must(answer.getName() === 'failure' && answer.getChild('unsupported-method') !== undefined, '<failure><unsupported-method/></failure>', answer);
      // the refusal is not a stream error: negotiation carries on uncompressed
      const bound = await completeLogin(t, offer, a!).then(() => true, (err: Error) => {
        if (offer.session.isClosed || offer.session.streamError) return false;
        throw err;
      });
      t.should(bound, 'the stream still negotiates after the refusal (no stream error)',
        offer.session.streamError ? describe(offer.session.streamError) : `the stream closed: ${offer.session.closedReason ?? '?'}`);
    },
  },
  {
    id: 'XEP0138-2-3',
    cite: {
      section: '2', anchor: 'usecase', keyword: 'MUST',
      quote: 'the receiving entity MUST inform the initiating entity that compression has been successfully negotiated: … Both entities MUST now consider the previous (uncompressed) stream to be null and void … and MUST begin compressed communications with a new (compressed) stream.',
    },
    requirement: 'Accepted compression is answered with <compressed/>, and a new stream (with a new stream id, RFC 3920 §4.4) follows over zlib.',
    accounts: 1,
    async run(t) {
      const offer = await requireOffer(t, t.accounts[0]!);
      const before = offer.session.streamId;
      const answer = await offer.session.compress('zlib');
      t.check(answer.getName() === 'compressed', '<compressed/>', answer);
      t.check(offer.session.streamId !== undefined && offer.session.streamId !== before, 'a new stream id after the restart (RFC 3920 §4.4: stream ids MUST be unique and nonrepeating)', `${before} → ${offer.session.streamId}`);
      // no text forbids offering compression again: recorded only
      t.outcome(offer.session.features?.getChild('compression', NS.compressFeature) ? 'the compressed stream offers compression again' : 'the compressed stream does not offer compression again');
    },
  },
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
    id: 'XEP0138-6-1',
    cite: {
      section: '5.1', anchor: 'impl-zlib', keyword: 'SHOULD',
      quote: 'When using ZLIB for compression, the sending application SHOULD complete a partial flush of ZLIB when its current send is complete.',
    },
    requirement: 'After each send the server flushes zlib, so a reply never waits for more data: a ping over zlib is answered within a second.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const offer = await requireOffer(t, a!);
      const answer = await offer.session.compress('zlib');
      if (answer.getName() !== 'compressed') return t.skip(`compression refused: ${describe(answer)} (see XEP0138-2-3)`);
      await loginOverCompression(offer, a!);
      const started = performance.now();
      // a reply that waits in the server's compressor would miss this one-second deadline
      await offer.session.iq(iq('get', { to: t.domain }, x('ping', { xmlns: NS.ping })), 1000);
      t.note(`ping round trip over zlib: ${Math.round(performance.now() - started)} ms`);
    },
  },
  {
    id: 'XEP0138-2-4',
    cite: {
      section: '2', anchor: 'usecase', keyword: 'SHOULD',
      quote: 'If compression processing fails after the new (compressed) stream has been established, the entity that detects the error SHOULD generate a stream error and close the stream:',
    },
    requirement: 'Data that does not decompress on a compressed stream raises a stream error before the stream closes (its condition is recorded; the example shows <undefined-condition/> with <processing-failed/>).',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const offer = await requireOffer(t, a!);
      const answer = await offer.session.compress('zlib');
      if (answer.getName() !== 'compressed') return t.skip(`compression refused: ${describe(answer)} (see XEP0138-2-3)`);
      // a deflate block with a reserved block type (binary 11) can never be inflated
      offer.session.transportAs(TcpTransport).sendBytes(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), '(6 bytes that are not valid deflate data)');
      const error = await offer.session.expect(streamError());
      // the example shows <undefined-condition/> with <processing-failed/>; the rule asks for a stream error
      t.outcome(`stream error <${streamErrorCondition(error) ?? '?'}/>${error.getChild('processing-failed', NS.compress) ? ' with <processing-failed/>' : ''}`);
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
