import { defineCases } from '../../src/engine/case.js';
import { NS } from '../../src/xml/namespaces.js';
import { awaitStreamEnd, clientHeader, describeEnding, features, rawWithHeader } from '../lib/streams.js';

/** RFC 6120 §4 (RFC 3920 §4): opening, restarting and closing XML streams, and stream errors. */
export default defineCases({ spec: 'xmpp-core', role: 'server' }, [
  {
    id: 'RFC6120-4.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'The server answers the opening stream header with a response header in the streams namespace.',
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t));
      const header = await s.expectHeaderElement();
      t.check(header.getName() === 'stream' && header.getNS() === NS.stream,
        `a <stream> element in ${NS.stream}`, `<${header.name}> in ${header.getNS() ?? 'no namespace'}`);
    },
  },
  {
    id: 'RFC6120-4.3.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.3.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'For a version 1.0 stream the server sends <stream:features/> after its header.',
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t));
      await s.expectHeader();
      await s.expect(features);
    },
  },
  {
    id: 'RFC6120-4.7.1-1',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '4.7.1', keyword: 'MUST', quote: '' },
    },
    requirement: "The response header's 'from' is the served domain (RFC 3920: recommended; RFC 6120: required).",
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t));
      const header = await s.expectHeader();
      t.check(header.from?.toLowerCase() === t.domain.toLowerCase(), `from='${t.domain}'`, header.from === undefined ? 'no from attribute' : `from='${header.from}'`);
    },
  },
  {
    id: 'RFC6120-4.7.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.7.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'Every response header carries a stream id that is new for each stream and not guessable.',
    async run(t) {
      const sessions = await Promise.all(Array.from({ length: 10 }, () => rawWithHeader(t, clientHeader(t))));
      const ids = await Promise.all(sessions.map(async (s) => (await s.expectHeader()).id));
      t.note(`stream ids: ${ids.join(', ')}`);
      t.check(ids.every((id) => typeof id === 'string' && id.length > 0), 'an id on every response header', `${ids.filter((id) => !id).length} of ${ids.length} headers without an id`);
      t.check(new Set(ids).size === ids.length, '10 distinct stream ids', `${new Set(ids).size} distinct`);
      const numbers = ids.map(Number).sort((a, b) => a - b);
      const counter = numbers.every((n) => Number.isInteger(n)) && numbers.every((n, i) => i === 0 || n - numbers[i - 1]! <= 10);
      t.check(!counter, 'ids that are not a counter', `ids form a near-consecutive integer sequence: ${numbers.join(', ')}`);
    },
  },
  {
    id: 'RFC6120-4.7.3-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.7.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'An id in the client header is ignored: the server issues its own and the stream continues.',
    async run(t) {
      const header = clientHeader(t).replace('<stream:stream', "<stream:stream id='client-chosen'");
      const s = await rawWithHeader(t, header);
      const response = await s.expectHeader();
      t.check(response.id !== undefined && response.id !== 'client-chosen', 'a stream id of the server\'s own', `id='${response.id ?? ''}'`);
      await s.expect(features);
    },
  },
  {
    id: 'RFC6120-4.7.5-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.7.5', keyword: 'MUST', quote: '' },
    },
    requirement: "The server answers with the lower of the two versions: 1.0 to a 1.0 client, 1.0 (or <unsupported-version/>) to a 1.5 client.",
    async run(t) {
      const plain = await rawWithHeader(t, clientHeader(t, { version: '1.0' }));
      const first = await plain.expectHeader();
      t.check(first.version === '1.0', "version='1.0' in answer to version='1.0'", `version='${first.version ?? ''}'`);
      const newer = await rawWithHeader(t, clientHeader(t, { version: '1.5' }));
      const second = await newer.expectHeader();
      if (second.version === '1.0') return t.outcome("answered version='1.5' with version='1.0'");
      const ending = await awaitStreamEnd(newer);
      t.check(ending.condition === 'unsupported-version', "version='1.0' or an <unsupported-version/> stream error",
        `version='${second.version ?? ''}', ${describeEnding(ending)}`);
      t.outcome('refused version 1.5 with <unsupported-version/>');
    },
  },
  {
    id: 'RFC6120-4.7.5-2',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '4.7.5', keyword: 'SHOULD', quote: '' },
    },
    requirement: 'A header without a version is a pre-1.0 peer: the server sends no stream features, or refuses the stream.',
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t).replace(" version='1.0'", ''));
      await s.expectHeader();
      const feats = await s.maybe(features, t.silenceMs);
      if (!feats) return t.outcome('no stream features: legacy (pre-1.0) stream');
      const ending = await awaitStreamEnd(s, t.silenceMs);
      t.check(ending.error !== undefined, 'no <stream:features/>, or a stream error', `features sent to a pre-1.0 client: ${feats.toString().slice(0, 200)}`);
    },
  },
  {
    id: 'RFC6120-4.7.4-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.7.4', keyword: 'MUST', quote: '' },
    },
    requirement: "The response header includes xml:lang (the server's default or the client's).",
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t, { lang: 'en' }));
      const header = await s.expectHeader();
      t.check(typeof header['xml:lang'] === 'string' && header['xml:lang'].length > 0, 'an xml:lang attribute', 'no xml:lang on the response header');
    },
  },
  {
    id: 'RFC6120-4.3.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.3.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'After STARTTLS and after SASL the stream restarts with a new header carrying a new stream id.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.connect('A');
      const ids: string[] = [];
      await s.open();
      ids.push(s.streamId ?? '');
      if (s.features?.getChild('starttls', NS.tls)) {
        await t.setup('STARTTLS', () => s.starttls());
        ids.push(s.streamId ?? '');
      }
      await t.setup(`authenticate as ${a!.jid}`, () => s.authenticate({ username: a!.local, password: a!.password, domain: a!.domain }));
      ids.push(s.streamId ?? '');
      t.note(`stream ids by stage: ${ids.join(' → ')}`);
      t.check(ids.every((id) => id !== ''), 'a stream id after every restart', ids.join(' → '));
      t.check(new Set(ids).size === ids.length, 'a different stream id after each restart', ids.join(' → '));
    },
  },
  {
    id: 'RFC6120-4.9.3.12-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.9.3.12', keyword: 'MUST', quote: '' },
    },
    requirement: 'A stanza sent before authentication is not processed: the stream is closed with <not-authorized/>.',
    accounts: 1,
    async run(t) {
      const [b] = t.accounts;
      const receiver = await t.login(b!, { presence: true });
      const s = await t.secureStream();
      const body = `pre-auth ${Date.now()}`;
      s.sendRaw(`<message to='${receiver.jid}' type='chat'><body>${body}</body></message>`);
      const ending = await awaitStreamEnd(s);
      await receiver.sync();
      const leaked = receiver.received({ describe: 'the message', test: (el) => el.getChildText('body') === body });
      t.check(leaked.length === 0, 'the recipient receives nothing', 'the unauthenticated message was delivered');
      const replies = s.received({ describe: 'a stanza', test: (el) => ['message', 'presence', 'iq'].includes(el.name) });
      if (replies.length) t.note(`the server answered the unauthenticated stanza with ${replies.map((r) => r.toString()).join(' ')}`);
      t.check(ending.condition === 'not-authorized', 'the stream closed with a <not-authorized/> stream error (RFC 6120 §4.3.5)', describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-4.4-1',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '4.4', keyword: 'SHOULD', quote: '' },
    },
    requirement: 'When the client closes its stream, the server closes its own and then the TCP connection.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      s.sendRaw('</stream:stream>');
      const closed = await s.waitClosed();
      t.check(s.peerEnded, 'the server sends </stream:stream>', 'no closing tag from the server');
      t.check(closed, `the connection closed within ${s.stepMs} ms`, 'the connection stayed open');
    },
  },
  {
    id: 'RFC6120-4.9.1.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.9.1.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'Stream errors are unrecoverable: after <stream:error/> the server sends </stream:stream> and closes the connection.',
    async run(t) {
      // malformed XML is an error every server must raise (RFC 6120 §11.3)
      const s = await rawWithHeader(t, clientHeader(t));
      await s.expectHeader();
      s.sendRaw('<message><body>x</message>');
      const ending = await awaitStreamEnd(s);
      t.check(ending.error !== undefined, 'a stream error for malformed XML', describeEnding(ending));
      t.check(ending.closedStream, '</stream:stream> after the stream error', describeEnding(ending));
      t.check(ending.closedConnection, 'the connection closed after the stream error', describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-4.9.1.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.9.1.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'An error caused by the opening header still comes inside a response header: opening tag, error, closing tag.',
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t, { to: 'no-such-host.invalid' }));
      const ending = await awaitStreamEnd(s);
      t.check(ending.header !== undefined && ending.error !== undefined, 'a response header, then <stream:error/>', describeEnding(ending) + (ending.header ? '' : ', no response header'));
      t.check(ending.closedStream, 'then </stream:stream>', describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-4.9.3.6-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.9.3.6', keyword: 'MUST', quote: '' },
    },
    requirement: 'A header whose to names a domain the server does not serve gets <host-unknown/>.',
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t, { to: 'no-such-host.invalid' }));
      const ending = await awaitStreamEnd(s);
      t.check(ending.condition === 'host-unknown', 'a <host-unknown/> stream error', describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-4.8.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.8.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'A stream prefix bound to the wrong namespace gets <invalid-namespace/>.',
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t).replace(NS.stream, 'http://example.com/bogus'));
      const ending = await awaitStreamEnd(s);
      t.check(ending.condition === 'invalid-namespace', 'an <invalid-namespace/> stream error', describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-4.8.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.8.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'The client port accepts only the jabber:client content namespace; jabber:server is refused (<invalid-namespace/> expected).',
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t).replace(`xmlns='${NS.client}'`, `xmlns='${NS.server}'`));
      const ending = await awaitStreamEnd(s);
      t.check(ending.error !== undefined, 'a stream error refusing the jabber:server stream', describeEnding(ending));
      t.outcome(`refused with <${ending.condition ?? '?'}/>`);
      t.should(ending.condition === 'invalid-namespace', 'the condition <invalid-namespace/> (RFC 6120 §4.9.3.10)', `<${ending.condition ?? '?'}/>`);
    },
  },
  {
    id: 'RFC6120-4.9.3.24-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.9.3.24', keyword: 'MUST', quote: '' },
    },
    requirement: 'An unknown first-level element in the content namespace gets <unsupported-stanza-type/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      s.sendRaw(`<foo xmlns='${NS.client}'/>`);
      const ending = await awaitStreamEnd(s);
      t.check(ending.condition === 'unsupported-stanza-type', 'an <unsupported-stanza-type/> stream error', describeEnding(ending));
    },
  },
]);
