import { defineCases } from '../../src/engine/case.js';
import { iq } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { awaitStreamEnd, clientHeader, describeEnding, rawWithHeader } from '../lib/streams.js';

/** RFC 6120 §11 (RFC 3920 §11): the XML that may travel on a stream, and what is refused. */
export default defineCases({ spec: 'xmpp-core', role: 'server' }, [
  {
    id: 'RFC6120-11.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '11.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'Malformed XML is never accepted: the stream is closed with <not-well-formed/> (RFC 3920: <xml-not-well-formed/>).',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      s.sendRaw('<message><body>x</message>');
      const ending = await awaitStreamEnd(s);
      // RFC 3920 named the condition xml-not-well-formed; RFC 6120 renamed it, and servers of
      // either age are in use, so the 3920 baseline accepts both names
      const accepted = t.baseline === '3920' ? ['not-well-formed', 'xml-not-well-formed'] : ['not-well-formed'];
      t.check(accepted.includes(ending.condition ?? ''), `a stream error ${accepted.map((c) => `<${c}/>`).join(' or ')}`, describeEnding(ending));
      t.check(ending.closedConnection, 'the connection closed', describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-11.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '11.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'Comments, processing instructions, DTDs and entity declarations are refused with <restricted-xml/>.',
    async run(t) {
      const variants: [string, string][] = [
        ['a comment', '<!-- c -->'],
        ['a processing instruction', '<?pi x?>'],
        ['a document type declaration', '<!DOCTYPE foo>'],
        ['an internal entity declaration', "<!DOCTYPE foo [<!ENTITY e 'x'>]>"],
      ];
      const endings = await Promise.all(variants.map(async ([, text]) => {
        const s = await t.secureStream();
        s.sendRaw(text);
        return awaitStreamEnd(s);
      }));
      variants.forEach(([what], i) => t.note(`${what}: ${describeEnding(endings[i]!)}`));
      variants.forEach(([what], i) => {
        t.must(endings[i]!.error !== undefined, `a stream error for ${what}`, describeEnding(endings[i]!));
      });
      variants.forEach(([what], i) => {
        t.should(endings[i]!.condition === 'restricted-xml', `<restricted-xml/> for ${what} (RFC 6120 §4.9.3.18)`, `<${endings[i]!.condition}/>`);
      });
    },
  },
  {
    id: 'RFC6120-11.6-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '11.6', keyword: 'MUST', quote: '' },
    },
    requirement: 'Only UTF-8 is allowed: a stream that declares another encoding is closed with <unsupported-encoding/>.',
    async run(t) {
      const header = clientHeader(t).replace("<?xml version='1.0'?>", "<?xml version='1.0' encoding='ISO-8859-1'?>");
      const s = await rawWithHeader(t, header);
      const ending = await awaitStreamEnd(s);
      t.check(ending.condition === 'unsupported-encoding', 'an <unsupported-encoding/> stream error', describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-11.7-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '11.7', keyword: 'MUST', quote: '' },
    },
    requirement: 'Whitespace between first-level elements (keepalives) is allowed and does not break the stream.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      for (let i = 0; i < 5; i++) {
        s.sendRaw(i % 2 ? '\n' : ' ');
        await new Promise((r) => setTimeout(r, 100));
      }
      // the stream must still carry an IQ round trip; a closed stream fails the wait
      await s.iq(iq('get', { to: t.domain }, x('ping', { xmlns: NS.ping })));
    },
  },
]);
