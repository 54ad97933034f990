import { anyOf, bare, type CaseContext, defineCases, messageWithBody, NS, SaslFailure, streamError, token, x } from '../../src/authoring.js';
import { credentials } from '../lib/sessions.js';
import { awaitStreamEndFor, clientHeader, describeEnding, features, rawWithHeader, stillOpen } from '../lib/streams.js';
import { bindRequest, boundJid } from './binding.js';

/** A version attribute as RFC 6120 §4.7.5 (RFC 3920 §4.4.1) compares them: major, then minor, as integers. */
function parseVersion(v: string | undefined): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(v ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function compareVersions(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * Whether the server services `fqdn`: a stream opened to it gets stream features, not an error
 * (for a response header whose 'from' names a domain other than the one the run targets).
 */
async function services(t: CaseContext, fqdn: string): Promise<boolean | undefined> {
  const s = await rawWithHeader(t, clientHeader(t, { to: fqdn }), 'probe');
  const first = await s.maybe(anyOf(features, streamError()));
  if (!first) return undefined;
  return first.getName() === 'features';
}

/** RFC 6120 §4 (RFC 3920 §4): opening, restarting and closing XML streams, stream errors, and the canonical JID negotiation yields (§4.3.6; RFC 3920 §3.5). */
export default defineCases({ spec: 'xmpp-core', role: 'server' }, [
  {
    id: 'RFC6120-4.2-1',
    cite: {
      '3920': {
        section: '4.1',
        keyword: 'MUST',
        quote: '… in order to enable information exchange from the receiving entity to the initiating entity, the receiving entity MUST negotiate a stream in the opposite direction (the "response stream").',
      },
      '6120': {
        section: '4.1',
        keyword: 'MUST',
        quote: '… in order to enable exchange of stanzas from the receiving entity to the initiating entity, the receiving entity MUST negotiate a stream in the opposite direction (the "response stream").',
      },
    },
    requirement: 'The server answers the opening stream header with a response stream header in the streams namespace.',
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
      '3920': {
        section: '4.6',
        keyword: 'MUST',
        quote: 'If the initiating entity includes the \'version\' attribute set to a value of at least "1.0" in the initial stream header, the receiving entity MUST send a <features/> child element (prefixed by the streams namespace prefix) to the initiating entity …',
      },
      '6120': {
        section: '4.3.2',
        keyword: 'MUST',
        quote: 'If the initiating entity includes in the initial stream header the \'version\' attribute set to a value of at least "1.0" (see Section 4.7.5), after sending the response stream header the receiving entity MUST send a <features/> child element … to the initiating entity …',
      },
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
      '3920': {
        section: '4.4',
        keyword: 'SHOULD',
        quote: "from -- The 'from' attribute SHOULD be used only in the XML stream header from the receiving entity to the initiating entity, …",
        changed: "RFC 6120 §4.7.1 makes the 'from' on the response header a MUST",
      },
      '6120': {
        section: '4.7.1',
        keyword: 'MUST',
        quote: "For response stream headers in both client-to-server and server-to-server communication, the receiving entity MUST include the 'from' attribute and MUST set its value to one of the receiving entity's FQDNs …",
      },
    },
    requirement: "The response header carries a 'from' naming a domain the server services (RFC 3920: the 'from' itself is recommended; RFC 6120: required).",
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t));
      const header = await s.expectHeader();
      const from = header.from || undefined;
      // RFC 3920: SHOULD be used (on the response header); RFC 6120: MUST include
      t.check(from !== undefined, `from='${t.domain}'`, 'no from attribute');
      if (from === undefined) return;
      if (from.toLowerCase() === t.domain.toLowerCase()) return t.outcome(`from='${from}', the domain the client asked for`);
      // another FQDN is allowed (RFC 6120 §4.7.1), as long as the server services it: both texts
      // say MUST ("MUST be set to a hostname serviced by the receiving entity", RFC 3920 §4.4)
      const serviced = await services(t, from);
      if (serviced === undefined) t.skip(`unproven: from='${from}' is not the domain asked for, and a stream opened to it got neither features nor an error`, 'unproven');
      t.must(serviced === true, `from='${from}' naming a domain the server services`, `a stream to '${from}' was refused`);
      t.outcome(`from='${from}', another domain the server services`);
    },
  },
  {
    id: 'RFC6120-4.7.3-1',
    cite: {
      '3920': {
        section: '4.4',
        keyword: 'MUST',
        quote: 'Note well that the stream ID may be security-critical and therefore MUST be both unpredictable and nonrepeating (see [RANDOM] for recommendations regarding randomness for security purposes).',
        changed: "RFC 6120 §4.7.3 also says in so many words that the response header MUST include the 'id'",
      },
      '6120': {
        section: '4.7.3',
        keyword: 'MUST',
        quote: 'The stream ID MUST be both unpredictable and non-repeating because it can be security-critical when reused by an authentication mechanisms, …',
      },
    },
    requirement: 'Response headers carry stream ids that differ from stream to stream and are not a guessable counter (RFC 6120: every response header carries one).',
    async run(t) {
      const sessions = await Promise.all(Array.from({ length: 10 }, () => rawWithHeader(t, clientHeader(t))));
      const all = await Promise.all(sessions.map(async (s) => (await s.expectHeader()).id));
      t.note(`stream ids: ${all.map((id) => id ?? '(none)').join(', ')}`);
      const missing = all.filter((id) => !id).length;
      if (t.baseline === '6120') {
        t.check(missing === 0, "an 'id' on every response header (RFC 6120 §4.7.3: the receiving entity MUST include the 'id' attribute)", `${missing} of ${all.length} headers without an id`);
      } else if (missing > 0) {
        // RFC 6120 §4.7.3 notes that RFC 3920 left the inclusion of the id ambiguous
        t.note(`${missing} of ${all.length} headers carry no id: RFC 3920 does not clearly require one`);
      }
      const ids = all.filter((id): id is string => !!id);
      if (ids.length < 2) t.skip('fewer than two response headers carried a stream id: nothing to compare');
      t.check(new Set(ids).size === ids.length, `${ids.length} distinct stream ids`, `${new Set(ids).size} distinct`);
      const numbers = ids.map(Number).sort((a, b) => a - b);
      const counter = numbers.every((n) => Number.isInteger(n)) && numbers.every((n, i) => i === 0 || n - numbers[i - 1]! <= 10);
      t.check(!counter, 'ids that are not a counter', `ids form a near-consecutive integer sequence: ${numbers.join(', ')}`);
    },
  },
  {
    id: 'RFC6120-4.7.3-2',
    cite: {
      '3920': {
        section: '4.4',
        keyword: 'SHOULD',
        quote: "There SHOULD NOT be an 'id' attribute on the XML stream header sent from the initiating entity to the receiving entity; however, if an 'id' attribute is included, it SHOULD be silently ignored by the receiving entity.",
        changed: 'RFC 6120 §4.7.3: the receiving entity MUST ignore it',
      },
      '6120': {
        section: '4.7.3',
        keyword: 'MUST',
        quote: "For initial stream headers, the initiating entity MUST NOT include the 'id' attribute; however, if the 'id' attribute is included, the receiving entity MUST ignore it.",
      },
    },
    requirement: 'An id in the client header is ignored: the server does not take it as the stream id, and the stream goes on to its features.',
    async run(t) {
      const header = clientHeader(t).replace('<stream:stream', "<stream:stream id='client-chosen'");
      const s = await rawWithHeader(t, header);
      const response = await s.expectHeader();
      t.check(response.id !== 'client-chosen', "a stream id other than the client's", `id='${response.id ?? ''}'`);
      if (response.id === undefined) t.note('the response header carries no id (see RFC6120-4.7.3-1)');
      await s.expect(features);
    },
  },
  {
    id: 'RFC6120-4.7.5-1',
    cite: {
      '3920': {
        section: '4.4.1',
        keyword: 'MUST',
        quote: "The receiving entity MUST set the value of the 'version' attribute on the response stream header to either the value supplied by the initiating entity or the highest version number supported by the receiving entity, whichever is lower.",
      },
      '6120': {
        section: '4.7.5',
        keyword: 'MUST',
        quote: "The receiving entity MUST set the value of the 'version' attribute in the response stream header to either the value supplied by the initiating entity or the highest version number supported by the receiving entity, whichever is lower.",
      },
    },
    requirement: "The response header's version is the lower of the client's and the server's highest: 1.0 to a 1.0 client; at least 1.0 and at most 1.5 to a 1.5 client (a minor version the server does not know is ignored, not refused).",
    async run(t) {
      const plain = await rawWithHeader(t, clientHeader(t, { version: '1.0' }));
      const first = await plain.expectHeader();
      t.check(first.version === '1.0', "version='1.0' in answer to version='1.0'", `version='${first.version ?? ''}'`);
      // a 1.0 server answers 1.0; one that knows a later 1.x answers that, never more than 1.5
      const newer = await rawWithHeader(t, clientHeader(t, { version: '1.5' }));
      const second = await newer.expectHeader();
      const v = parseVersion(second.version);
      t.check(v !== undefined && compareVersions(v, [1, 0]) >= 0 && compareVersions(v, [1, 5]) <= 0,
        "a version from 1.0 to 1.5 in answer to version='1.5'", `version='${second.version ?? ''}'`);
      t.outcome(`answered version='1.5' with version='${second.version}'`);
      const refused = await newer.maybe(streamError(), 500);
      if (refused) t.note(`then a stream error: ${refused.toString().slice(0, 200)} (RFC 6120 §4.7.5 and RFC 3920 §4.4.1 say an entity with a smaller minor version number MUST ignore the minor version)`);
    },
  },
  {
    id: 'RFC6120-4.7.5-2',
    cite: {
      '3920': {
        section: '4.4.1',
        keyword: 'SHOULD NOT',
        quote: 'If either entity receives a stream header with no \'version\' attribute, the entity MUST consider the version supported by the other entity to be "0.0" and SHOULD NOT include a \'version\' attribute in the stream header it sends in reply.',
      },
      '6120': {
        section: '4.7.5',
        keyword: 'SHOULD NOT',
        quote: 'If either entity receives a stream header with no \'version\' attribute, the entity MUST consider the version supported by the other entity to be "0.9" and SHOULD NOT include a \'version\' attribute in the response stream header.',
      },
    },
    requirement: 'A header without a version (a pre-1.0 client) is answered with a header that has no version attribute, or the stream is refused with a stream error.',
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t, { version: '' }));
      const header = await s.expectHeader();
      // stream features belong to version 1.0 (§4.6 / §4.3.2): recorded, not judged
      const next = await s.maybe(anyOf(features, streamError()), 1000);
      if (next?.getName() === 'error') return t.outcome(`the pre-1.0 stream was refused with a stream error: ${next.toString().slice(0, 200)}`);
      if (next) t.note(`stream features were sent to the pre-1.0 client: ${next.toString().slice(0, 200)}`);
      t.check(header.version === undefined, "no 'version' attribute on the response header", `version='${header.version}'`);
    },
  },
  {
    id: 'RFC6120-4.7.4-1',
    cite: {
      '3920': {
        section: '4.4',
        keyword: 'MUST',
        quote: "… if the attribute is not included, the receiving entity SHOULD use a configurable default value for both streams, which it MUST communicate in the header for the response stream.",
        changed: "RFC 6120 §4.7.4: the response header MUST carry 'xml:lang' whether or not the client gave one",
      },
      '6120': {
        section: '4.7.4',
        keyword: 'MUST',
        quote: "For response stream headers, the receiving entity MUST include the 'xml:lang' attribute.",
      },
    },
    requirement: "The response header carries xml:lang: to a client header without one (RFC 3920, RFC 6120), and to one with xml:lang='en' (RFC 6120).",
    async run(t) {
      const headers: [string, string][] = [['without xml:lang', clientHeader(t, { lang: '' })]];
      if (t.baseline === '6120') headers.push(["with xml:lang='en'", clientHeader(t, { lang: 'en' })]);
      for (const [what, text] of headers) {
        const s = await rawWithHeader(t, text);
        const header = await s.expectHeader();
        const lang = header['xml:lang'];
        t.check(typeof lang === 'string' && lang.length > 0, `an xml:lang attribute on the response to a header ${what}`, 'no xml:lang on the response header');
        t.note(`client header ${what}: the response says xml:lang='${lang}'`);
      }
    },
  },
  {
    id: 'RFC6120-4.3.3-1',
    cite: {
      '3920': {
        section: '4.4',
        keyword: 'MUST',
        quote: 'Note well that the stream ID may be security-critical and therefore MUST be both unpredictable and nonrepeating (see [RANDOM] for recommendations regarding randomness for security purposes).',
        changed: 'RFC 6120 §4.3.3 requires a new stream ID at each restart in so many words',
      },
      '6120': {
        section: '4.3.3',
        keyword: 'MUST',
        quote: 'When the receiving entity receives the new initial stream header, it MUST generate a new stream ID (instead of reusing the old stream ID) before sending a new response stream header …',
      },
    },
    requirement: 'After STARTTLS and after SASL the stream restarts with a new response header whose stream id differs from the earlier ones.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.connect('A');
      const ids: (string | undefined)[] = [];
      await t.setup('open a stream', () => s.open());
      ids.push(s.streamId);
      if (s.features?.getChild('starttls', NS.tls)) {
        await t.setup('STARTTLS', () => s.starttls());
        ids.push(s.streamId);
      }
      await t.setup(`authenticate as ${a!.jid}`, () => s.authenticate(credentials(a!)));
      ids.push(s.streamId);
      t.note(`stream ids by stage: ${ids.map((id) => id ?? '(none)').join(' → ')}`);
      if (t.baseline === '6120') t.check(ids.every((id) => !!id), "a stream id on every response header (RFC 6120 §4.7.3: MUST include the 'id')", ids.join(' → '));
      const present = ids.filter((id): id is string => !!id);
      // RFC 3920 left the id's inclusion ambiguous (RFC 6120 §4.7.3): only ids given can repeat
      if (present.length < 2) t.skip('fewer than two of the headers carried a stream id: nothing to compare');
      t.check(new Set(present).size === present.length, 'a different stream id after each restart', ids.join(' → '));
    },
  },
  {
    id: 'RFC6120-4.3.6-1',
    cite: {
      '3920': {
        absent: "RFC 3920 §3.5 requires only that the JID conform to §3 (an upper-case localpart does: Nodeprep applies without failing); replacing it with the canonicalized JID is something the server 'may need to' do",
        later: {
          doc: 'RFC 6120',
          section: '4.3.6',
          keyword: 'MUST',
          quote: 'The server MUST ensure that the resulting JID (including localpart, domainpart, resourcepart, and separator characters) conforms to the canonical format for XMPP addresses defined in [XMPP-ADDR]; …',
        },
      },
      '6120': {
        section: '4.3.6',
        keyword: 'MUST',
        quote: 'The server MUST ensure that the resulting JID (including localpart, domainpart, resourcepart, and separator characters) conforms to the canonical format for XMPP addresses defined in [XMPP-ADDR]; …',
      },
    },
    requirement: 'The JID bound is the canonical form of the authenticated identity: logging in as ALICE yields alice@domain.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const shouted = a!.local.toUpperCase();
      if (shouted === a!.local) t.skip(`the localpart ${a!.local} has no letters to change the case of`);
      const s = await t.secureStream();
      try {
        await s.authenticate(credentials(a!, { username: shouted }));
      } catch (err) {
        if (!(err instanceof SaslFailure)) throw err;
        // SASL usernames may be compared exactly (RFC 5802 prepares them with SASLprep only)
        t.skip(`the server does not accept the username ${shouted} for ${a!.jid}: <${err.condition}/>`);
      }
      const response = await bindRequest(s);
      const jid = boundJid(response);
      t.check(jid !== undefined, 'a bind result', response);
      const canonical = `${a!.local.toLowerCase()}@${a!.domain.toLowerCase()}`;
      t.check(bare(jid!) === canonical, `the canonical bare JID ${canonical}`, jid!);
    },
  },
  {
    id: 'RFC6120-4.9.3.12-1',
    cite: {
      '3920': {
        section: '4.3',
        keyword: ['MUST NOT', 'SHOULD'],
        quote: '… if it does, then the other entity MUST NOT accept such stanzas and SHOULD return a <not-authorized/> stream error and then terminate both the XML stream and the underlying TCP connection …',
        changed: 'RFC 6120 §4.3.5: MUST close the stream with <not-authorized/>',
      },
      '6120': {
        section: '4.3.5',
        keyword: ['MUST NOT', 'MUST'],
        quote: 'Even if the initiating entity does attempt to do so, the receiving entity MUST NOT accept such stanzas and MUST close the stream with a <not-authorized/> stream error (Section 4.9.3.12).',
      },
    },
    requirement: 'A stanza sent before authentication is not accepted (the recipient gets nothing) and the stream is closed with <not-authorized/> (RFC 3920: recommended).',
    accounts: 1,
    async run(t) {
      const [b] = t.accounts;
      const receiver = await t.login(b!, { presence: true });
      const s = await t.secureStream();
      const body = `pre-auth ${token(4)}`;
      s.sendRaw(`<message to='${receiver.jid}' type='chat'><body>${body}</body></message>`);
      const ending = await awaitStreamEndFor(t, s);
      const replies = s.received({ describe: 'a stanza', test: (el) => ['message', 'presence', 'iq'].includes(el.name) });
      if (replies.length) t.note(`the server answered the unauthenticated stanza with ${replies.map((r) => r.toString()).join(' ')}`);
      // proof that the server is past the stanza: it ended the stream, or (stream still open) a
      // marker sent after it on the same stream, once authenticated, reached the recipient
      await t.nothingArrived(receiver, messageWithBody(body), 'message for the recipient (the recipient receives nothing)', async () => {
        if (ending.error || s.peerEnded || s.isClosed) return receiver.sync();
        await s.authenticate(credentials(b!));
        await s.bind(`marker-${token(3)}`);
        const marker = `marker ${token(4)}`;
        s.send(x('message', { to: receiver.jid, type: 'chat' }, x('body', {}, marker)));
        await receiver.expect(messageWithBody(marker));
      }, 'must');
      const expected = 'the stream closed with a <not-authorized/> stream error';
      if (t.baseline === '6120') t.must(ending.condition === 'not-authorized', expected, describeEnding(ending));
      else t.should(ending.condition === 'not-authorized' && ending.closedConnection, `${expected}, and the connection terminated`, describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-4.4-1',
    cite: {
      '3920': {
        section: '4.1',
        keyword: 'SHOULD',
        quote: 'When the client desires to close the stream, it simply sends a closing </stream> tag to the server (alternatively, the stream may be closed by the server), after which both the client and server SHOULD terminate the underlying connection (usually a TCP connection) as well.',
      },
      '6120': {
        absent: 'RFC 6120 §4.4 binds only the entity that sends the closing tag (it waits for the other party\'s before terminating TCP); §9.1.5 shows the server closing its stream and the client terminating the connection, without a keyword for the server',
      },
    },
    requirement: 'When the client closes its stream, the server terminates the TCP connection (whether it sends its own closing tag first is recorded).',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      s.sendRaw('</stream:stream>');
      const closed = await s.waitClosed();
      t.outcome(s.peerEnded ? 'the server sent </stream:stream> before the connection ended' : 'no closing tag from the server');
      t.check(closed, `the connection terminated within ${s.stepMs} ms`, 'the connection stayed open');
    },
  },
  {
    id: 'RFC6120-4.9.1.1-1',
    cite: {
      '3920': {
        section: '4.7.1',
        keyword: 'MUST',
        quote: 'It is assumed that all stream-level errors are unrecoverable; therefore, if an error occurs at the level of the stream, the entity that detects the error MUST send a stream error to the other entity, send a closing </stream> tag, and terminate the underlying TCP connection.',
      },
      '6120': {
        section: '4.9.1.1',
        keyword: 'MUST',
        quote: 'Therefore, if an error occurs at the level of the stream, the entity that detects the error MUST send an <error/> element with an appropriate child element specifying the error condition and then immediately close the stream as described under Section 4.4.',
      },
    },
    requirement: 'Stream errors are unrecoverable: after <stream:error/> the server sends </stream:stream> and the connection ends (RFC 6120: once the client has answered with its own closing tag).',
    async run(t) {
      // malformed XML is an error every server must raise (RFC 3920 §11.3, RFC 6120 §11.3)
      const s = await rawWithHeader(t, clientHeader(t));
      await s.expectHeader();
      s.sendRaw('<message><body>x</message>');
      const ending = await awaitStreamEndFor(t, s);
      t.check(ending.error !== undefined, 'a stream error for malformed XML', describeEnding(ending));
      t.check(ending.closedStream, '</stream:stream> after the stream error', describeEnding(ending));
      t.check(ending.closedConnection, t.baseline === '6120' ? 'the connection terminated once the client closed its stream too (RFC 6120 §4.4)' : 'the connection terminated after the stream error', describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-4.9.1.2-1',
    cite: {
      '3920': {
        section: '4.7.1',
        keyword: 'MUST',
        quote: 'If the error occurs while the stream is being set up, the receiving entity MUST still send the opening <stream> tag, include the <error/> element as a child of the stream element, send the closing </stream> tag, and terminate the underlying TCP connection.',
      },
      '6120': {
        section: '4.9.1.2',
        keyword: 'MUST',
        quote: 'If the error is triggered by the initial stream header, the receiving entity MUST still send the opening <stream> tag, include the <error/> element as a child of the stream element, and send the closing </stream> tag (preferably in the same TCP packet).',
      },
    },
    requirement: 'An error caused by the opening header still comes inside a response header: opening tag, error, closing tag (RFC 3920: then the connection ends).',
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t, { to: 'no-such-host.invalid' }));
      const ending = await awaitStreamEndFor(t, s);
      t.check(ending.header !== undefined && ending.error !== undefined, 'a response header, then <stream:error/>', describeEnding(ending) + (ending.header ? '' : ', no response header'));
      t.check(ending.closedStream, 'then </stream:stream>', describeEnding(ending));
      if (t.baseline === '3920') t.check(ending.closedConnection, 'then the connection terminated', describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-4.9.3.6-1',
    cite: {
      '3920': {
        section: '4.7',
        keyword: 'MUST',
        quote: 'The error child MUST be sent by a compliant entity (usually a server rather than a client) if it perceives that a stream-level error has occurred.',
      },
      '6120': {
        section: '4.9.1.1',
        keyword: 'MUST',
        quote: 'Therefore, if an error occurs at the level of the stream, the entity that detects the error MUST send an <error/> element with an appropriate child element specifying the error condition and then immediately close the stream as described under Section 4.4.',
      },
    },
    requirement: "A header whose 'to' names a domain the server does not service gets a stream error with the condition defined for it, <host-unknown/> (RFC 3920 §4.7.3, RFC 6120 §4.9.3.6).",
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t, { to: 'no-such-host.invalid' }));
      const ending = await awaitStreamEndFor(t, s);
      t.check(ending.condition === 'host-unknown', 'a <host-unknown/> stream error', describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-4.8.1-1',
    cite: {
      '3920': {
        section: '4.7',
        keyword: 'MUST',
        quote: 'The error child MUST be sent by a compliant entity (usually a server rather than a client) if it perceives that a stream-level error has occurred.',
      },
      '6120': {
        section: '4.8.1',
        keyword: ['MUST', 'SHOULD'],
        quote: 'If this rule is violated, the entity that receives the offending stream header MUST close the stream with a stream error, which SHOULD be <invalid-namespace/> (Section 4.9.3.10), although some existing implementations send <bad-format/> (Section 4.9.3.1) instead.',
      },
    },
    requirement: 'A stream header whose stream prefix is bound to another namespace gets a stream error, <invalid-namespace/> (RFC 3920: the condition defined for it in §4.7.3; RFC 6120: recommended).',
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t).replace(NS.stream, 'http://example.com/bogus'));
      const ending = await awaitStreamEndFor(t, s);
      t.must(ending.error !== undefined, 'a stream error', describeEnding(ending));
      const condition = `<${ending.condition ?? '?'}/>`;
      if (t.baseline === '6120') t.should(ending.condition === 'invalid-namespace', 'the condition <invalid-namespace/>', condition);
      else t.must(ending.condition === 'invalid-namespace', 'the condition <invalid-namespace/> (RFC 3920 §4.7.3: "the streams namespace name is something other than …")', condition);
    },
  },
  {
    id: 'RFC6120-4.8.3-1',
    cite: {
      '3920': {
        section: '11.2.2',
        keyword: 'MUST',
        quote: 'This namespace declaration MUST be the same for the initial stream and the response stream so that both streams are qualified consistently.',
      },
      '6120': {
        section: '4.8.2',
        keyword: 'MUST',
        quote: '… (2) the content namespace MUST be the same for the initial stream and the response stream so that both streams are qualified consistently.',
      },
    },
    requirement: "A stream opened on the client port with the content namespace jabber:server is answered in that namespace, or refused with a stream error: never answered as a jabber:client stream.",
    async run(t) {
      const s = await rawWithHeader(t, clientHeader(t).replace(`xmlns='${NS.client}'`, `xmlns='${NS.server}'`));
      const header = await s.expectHeaderElement();
      const answered = header.attrs.xmlns as string | undefined;
      if (answered === NS.server) return t.outcome(`answered as a ${NS.server} stream`);
      const ending = await awaitStreamEndFor(t, s);
      if (ending.error) {
        return t.outcome(`refused: ${describeEnding(ending)}${ending.condition === 'invalid-namespace' ? '' : ' (RFC 6120 §4.9.3.10 defines <invalid-namespace/> for a content namespace that is not supported)'}`);
      }
      if (answered === undefined) return t.outcome('the response header declares no content namespace (prefix-free canonicalization, RFC 6120 §4.8.2): nothing to disagree with');
      t.check(false, `a response stream in the content namespace ${NS.server}, or a stream error`, `response header xmlns='${answered}', and the stream went on`);
    },
  },
  {
    id: 'RFC6120-4.9.3.24-1',
    cite: {
      '3920': {
        absent: 'RFC 3920 defines <unsupported-stanza-type/> (§4.7.3) but states no rule on when a server must send it',
        later: {
          doc: 'RFC 6120',
          section: '4.8.4',
          keyword: ['MUST', 'SHOULD'],
          quote: 'Upon receiving arbitrary first-level XML elements over an input stream, a server MUST either ignore the data or close the stream with a stream error, which SHOULD be <unsupported-stanza-type/> (Section 4.9.3.24).',
        },
      },
      '6120': {
        section: '4.8.4',
        keyword: ['MUST', 'SHOULD'],
        quote: 'Upon receiving arbitrary first-level XML elements over an input stream, a server MUST either ignore the data or close the stream with a stream error, which SHOULD be <unsupported-stanza-type/> (Section 4.9.3.24).',
      },
    },
    requirement: 'A first-level element that is no stanza (<foo/> in jabber:client) is ignored, or the stream is closed with a stream error, preferably <unsupported-stanza-type/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      s.sendRaw(`<foo xmlns='${NS.client}'/>`);
      // a ping round trip on the same stream shows the server is past the element
      if (await stillOpen(s)) return t.outcome('ignored: the stream went on (a ping round trip after the element was answered)');
      const ending = await awaitStreamEndFor(t, s);
      t.check(ending.error !== undefined, 'the element ignored, or the stream closed with a stream error', describeEnding(ending));
      t.outcome(`the stream was closed: ${describeEnding(ending)}`);
      t.should(ending.condition === 'unsupported-stanza-type', 'the condition <unsupported-stanza-type/>', `<${ending.condition ?? '?'}/>`);
    },
  },
]);
