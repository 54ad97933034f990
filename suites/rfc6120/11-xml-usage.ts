import { anyOf, type CaseContext, defineCases, ExpectationError, streamError, token } from '../../src/authoring.js';
import { awaitStreamEndFor, clientHeader, describeEnding, features, rawWithHeader, stillOpen, type StreamEnding } from '../lib/streams.js';

/** Restricted XML (RFC 3920 §11.1, RFC 6120 §11.1), each sent where it is well-formed XML. */
const RESTRICTED: { what: string; text: string; where: 'stream' | 'prolog' }[] = [
  // between first-level elements of a logged-in stream
  { what: 'a comment', text: '<!-- certify -->', where: 'stream' },
  { what: 'a processing instruction', text: '<?certify x?>', where: 'stream' },
  // DTD subsets come with a document type declaration, before the root element: before the
  // stream header
  { what: 'an external DTD subset', text: "<!DOCTYPE stream:stream SYSTEM 'certify.dtd'>", where: 'prolog' },
  { what: 'an internal DTD subset declaring an entity', text: "<!DOCTYPE stream:stream [<!ENTITY certify 'x'>]>", where: 'prolog' },
];

/** What became of a stream after restricted XML: ended (how), or still open (and how that was shown). */
type Fate = { ended: StreamEnding } | { open: string };

async function sendRestricted(t: CaseContext, variant: (typeof RESTRICTED)[number]): Promise<Fate> {
  if (variant.where === 'prolog') {
    const header = clientHeader(t).replace("<?xml version='1.0'?>", `<?xml version='1.0'?>${variant.text}`);
    const s = await rawWithHeader(t, header, `prolog-${token(2)}`);
    // features can only follow once the server has read the prolog and the header after it
    const next = await s.maybe(anyOf(features, streamError()));
    if (next?.getName() === 'features') return { open: 'stream features followed the response header' };
    return { ended: await awaitStreamEndFor(t, s) };
  }
  const s = await t.login(t.accounts[0]!, { resource: `certify-${token(3)}` });
  s.sendRaw(variant.text);
  // a ping round trip on the same stream shows the server has read what came before it
  if (await stillOpen(s)) return { open: 'a ping round trip after it was answered' };
  return { ended: await awaitStreamEndFor(t, s) };
}

/** RFC 6120 §11 (RFC 3920 §11): the XML that may travel on a stream, and what is refused. */
export default defineCases({ spec: 'xmpp-core', role: 'server' }, [
  {
    id: 'RFC6120-11.3-1',
    cite: {
      '3920': {
        section: '11.3',
        keyword: 'MUST NOT',
        quote: '… an implementation MAY choose to provide only validated data elements but this is OPTIONAL (although an implementation MUST NOT accept XML that is not well-formed).',
      },
      '6120': {
        section: '11.3',
        keyword: ['MUST NOT', 'MUST'],
        quote: 'An XMPP entity MUST NOT accept data that is not XML-well-formed; instead it MUST close the stream over which the data was received with a <not-well-formed/> stream error (Section 4.9.3.13).',
      },
    },
    requirement: 'Malformed XML is not accepted: the stream is closed with a stream error, <not-well-formed/> (RFC 3920: <xml-not-well-formed/>; <bad-format/> may stand for either).',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      s.sendRaw('<message><body>x</message>');
      const ending = await awaitStreamEndFor(t, s);
      t.check(ending.error !== undefined, 'the malformed XML refused with a stream error', describeEnding(ending));
      // RFC 3920 §4.7.3 and RFC 6120 §4.9.3.1: <bad-format/> "MAY be used instead of the more
      // specific XML-related errors"; RFC 6120 §4.9.3.13 renamed RFC 3920's condition
      const named = t.baseline === '3920' ? 'xml-not-well-formed' : 'not-well-formed';
      const accepted = [named, 'bad-format'];
      if (t.baseline === '3920' && ending.condition === 'not-well-formed') {
        t.outcome("<not-well-formed/>: RFC 6120's name for RFC 3920's <xml-not-well-formed/> (RFC 6120 §4.9.3.13, Interoperability Note)");
      } else {
        t.check(accepted.includes(ending.condition ?? ''), `the condition <${named}/> (or <bad-format/>)`, describeEnding(ending));
      }
      if (ending.condition === 'bad-format') t.note(`<bad-format/>: allowed in place of <${named}/>, though the specific condition is preferred`);
    },
  },
  {
    id: 'RFC6120-11.1-1',
    cite: {
      '3920': {
        section: '11.1',
        keyword: 'MUST',
        quote: 'With regard to XML processing, if an XMPP implementation receives such restricted XML data, it MUST ignore the data.',
        changed: 'RFC 6120 §11.1 closes the stream with a stream error (preferably <restricted-xml/>) instead',
      },
      '6120': {
        section: '11.1',
        keyword: ['MUST', 'SHOULD'],
        quote: 'If an XMPP implementation receives characters matching such features over an XML stream, it MUST close the stream with a stream error, which SHOULD be <restricted-xml/> (Section 4.9.3.18), although some existing implementations send <bad-format/> (Section 4.9.3.1) instead.',
      },
    },
    requirement: 'Comments, processing instructions and DTD subsets (external; internal, declaring an entity) on a stream: RFC 3920, ignored, the stream goes on; RFC 6120, the stream is closed with a stream error, preferably <restricted-xml/>.',
    accounts: 1,
    async run(t) {
      const fates = await Promise.all(RESTRICTED.map((variant) => sendRestricted(t, variant)));
      const describeFate = (f: Fate): string => ('ended' in f ? describeEnding(f.ended) : `no stream error: the stream went on (${f.open})`);
      RESTRICTED.forEach(({ what }, i) => {
        t.note(`${what}: ${describeFate(fates[i]!)}`);
      });
      if (t.baseline === '3920') {
        RESTRICTED.forEach(({ what }, i) => {
          t.must('open' in fates[i]!, `${what} ignored: the stream goes on`, describeFate(fates[i]!));
        });
        return;
      }
      RESTRICTED.forEach(({ what }, i) => {
        const f = fates[i]!;
        t.must('ended' in f && f.ended.error !== undefined, `the stream closed with a stream error for ${what}`, describeFate(f));
      });
      RESTRICTED.forEach(({ what }, i) => {
        const f = fates[i]!;
        const condition = 'ended' in f ? f.ended.condition : undefined;
        t.should(condition === 'restricted-xml', `<restricted-xml/> for ${what}`, `<${condition ?? '?'}/>`);
      });
    },
  },
  {
    id: 'RFC6120-11.6-1',
    cite: {
      '3920': {
        absent: 'RFC 3920 §11.5 forbids other encodings to the sender ("Implementations MUST NOT attempt to use any other encoding") but states no reaction for the receiver',
        later: {
          doc: 'RFC 6120',
          section: '11.6',
          keyword: ['MUST', 'SHOULD'],
          quote: 'If one party to an XML stream detects that the other party has attempted to send XML data with an encoding other than UTF-8, it MUST close the stream with a stream error, which SHOULD be <unsupported-encoding/> (Section 4.9.3.22), although some existing implementations send <bad-format/> (Section 4.9.3.1) instead.',
        },
      },
      '6120': {
        section: '11.6',
        keyword: ['MUST', 'SHOULD'],
        quote: 'If one party to an XML stream detects that the other party has attempted to send XML data with an encoding other than UTF-8, it MUST close the stream with a stream error, which SHOULD be <unsupported-encoding/> (Section 4.9.3.22), although some existing implementations send <bad-format/> (Section 4.9.3.1) instead.',
      },
    },
    requirement: 'A stream whose XML declaration names an encoding other than UTF-8 is closed with a stream error, preferably <unsupported-encoding/>.',
    async run(t) {
      const header = clientHeader(t).replace("<?xml version='1.0'?>", "<?xml version='1.0' encoding='ISO-8859-1'?>");
      const s = await rawWithHeader(t, header);
      // features can only follow once the server has read the declaration and the header
      const next = await s.maybe(anyOf(features, streamError()));
      const expected = 'a stream error (preferably <unsupported-encoding/>) for the declared encoding ISO-8859-1';
      if (next?.getName() === 'features') {
        t.check(false, expected, 'no stream error: the stream went on, stream features followed the response header');
        return;
      }
      const ending = await awaitStreamEndFor(t, s);
      t.check(ending.error !== undefined, expected, describeEnding(ending));
      t.should(ending.condition === 'unsupported-encoding', 'the condition <unsupported-encoding/>', `<${ending.condition ?? '?'}/>`);
    },
  },
  {
    id: 'RFC6120-11.7-1',
    cite: {
      '3920': {
        absent: 'RFC 3920 says nothing of whitespace between first-level elements, except to forbid it during TLS and SASL negotiation (§5.1, §6.1)',
        later: {
          doc: 'RFC 6120',
          section: '11.7',
          keyword: 'MAY',
          quote: 'Except where explicitly disallowed (e.g., during TLS negotiation (Section 5) and SASL negotiation (Section 6)), either entity MAY send whitespace as separators between XML stanzas or between any other first-level elements sent over the stream.',
        },
      },
      '6120': {
        doc: 'RFC 2119',
        section: '5',
        keyword: 'MUST',
        quote: 'An implementation which does not include a particular option MUST be prepared to interoperate with another implementation which does include the option, though perhaps with reduced functionality.',
      },
    },
    requirement: 'Whitespace between first-level elements, which either side MAY send (RFC 6120 §11.7), does not break the stream: a later IQ round trip still works.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      for (let i = 0; i < 5; i++) {
        s.sendRaw(i % 2 ? '\n' : ' ');
        await new Promise((r) => setTimeout(r, 100));
      }
      let broken: string;
      try {
        if (await stillOpen(s)) return;
        broken = describeEnding(await awaitStreamEndFor(t, s, 1000));
      } catch (err) {
        // a stream that no longer answers is a finding too, at the strength below
        if (!(err instanceof ExpectationError)) throw err;
        broken = err.message;
      }
      // RFC 3920 has no such rule: the RFC 6120 text is reported for information, a miss warns
      (t.baseline === '6120' ? t.must : t.should).call(t, false, 'the stream still carries an IQ round trip after the whitespace', broken);
    },
  },
]);
