import { defineCases, describe, NS, streamError, streamErrorCondition, TcpTransport } from '../../src/authoring.js';
import { compressedOffer, completeLogin, requireOffer } from './compression.js';

/**
 * XEP-0138 v1.1 §2: negotiating zlib, and the failure cases. v1.1 itself is
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
    id: 'XEP0138-2-4',
    cite: {
      section: '2', anchor: 'usecase', keyword: 'SHOULD',
      quote: 'If compression processing fails after the new (compressed) stream has been established, the entity that detects the error SHOULD generate a stream error and close the stream:',
    },
    requirement: 'Data that does not decompress on a compressed stream raises a stream error before the stream closes (its condition is recorded; the example shows <undefined-condition/> with <processing-failed/>).',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const offer = await compressedOffer(t, a!);
      // a deflate block with a reserved block type (binary 11) can never be inflated
      offer.session.transportAs(TcpTransport).sendBytes(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), '(6 bytes that are not valid deflate data)');
      const error = await offer.session.expect(streamError());
      // the example shows <undefined-condition/> with <processing-failed/>; the rule asks for a stream error
      t.outcome(`stream error <${streamErrorCondition(error) ?? '?'}/>${error.getChild('processing-failed', NS.compress) ? ' with <processing-failed/>' : ''}`);
    },
  },
]);
