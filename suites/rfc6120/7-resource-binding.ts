import { bare, defineCases, describe, type Element, iq, messageWithBody, newId, NS, resourceOf, sameJid, SaslFailure, type Session, stanzaError, token, x } from '../../src/authoring.js';
import { authenticatedStream, credentials } from '../lib/sessions.js';
import { awaitStreamEnd, describeEnding, type StreamEnding } from '../lib/streams.js';

/** Sends a bind request (RFC 6120 §7.6, RFC 3920 §7), empty or asking for `resource`, and returns the response. */
function bindRequest(s: Session, resource?: string): Promise<Element> {
  return s.iq(iq('set', {}, x('bind', { xmlns: NS.bind }, resource === undefined ? undefined : x('resource', {}, resource))));
}

/** The JID a bind result grants, if it is a result that carries one. */
function boundJid(response: Element): string | undefined {
  return response.attrs.type === 'result' ? response.getChild('bind', NS.bind)?.getChildText('jid') ?? undefined : undefined;
}

/**
 * Why a resourcepart breaks the rules of RFC 6122 §2.4 (RFC 3920 §3.4): empty, over 1023 bytes,
 * or with a private-use character, which Resourceprep prohibits (stringprep table C.3).
 */
function resourceProblem(resource: string | undefined): string | undefined {
  if (!resource) return 'no resourcepart';
  if (Buffer.byteLength(resource, 'utf8') > 1023) return `${Buffer.byteLength(resource, 'utf8')} bytes`;
  if (/[\u{E000}-\u{F8FF}\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/u.test(resource)) return 'a private-use character';
  return undefined;
}

/** RFC 6120 §7 (RFC 3920 §7): resource binding, and the identity it yields (RFC 6120 §4.3.6, RFC 3920 §3.5). */
export default defineCases({ spec: 'xmpp-core', role: 'server' }, [
  {
    id: 'RFC6120-7.4-1',
    cite: {
      '3920': {
        section: '7',
        keyword: 'MUST',
        quote: "Specifically, if the server requires the client to bind a resource to the stream after successful SASL negotiation, it MUST include an empty <bind/> element qualified by the 'urn:ietf:params:xml:ns:xmpp-bind' namespace in the stream features list it presents to the client …",
      },
      '6120': {
        section: '7.4',
        keyword: 'MUST',
        quote: "Upon sending a new response stream header to the client after successful SASL negotiation, the server MUST include a <bind/> element qualified by the 'urn:ietf:params:xml:ns:xmpp-bind' namespace in the stream features it presents to the client.",
      },
    },
    requirement: 'The stream features after SASL offer resource binding.',
    accounts: 1,
    async run(t) {
      const s = await authenticatedStream(t, t.accounts[0]!);
      t.check(s.features?.getChild('bind', NS.bind) !== undefined, `<bind xmlns='${NS.bind}'/> in the features after SASL`, s.features!);
    },
  },
  {
    id: 'RFC6120-7.6.1-1',
    cite: {
      '3920': {
        section: '7',
        keyword: 'MUST',
        quote: 'Once the server has generated a resource identifier for the client or accepted the resource identifier provided by the client, it MUST return an IQ stanza of type "result" to the client, which MUST include a <jid/> child element that specifies the full JID for the connected resource …',
      },
      '6120': {
        section: '7.6.1',
        keyword: 'MUST',
        quote: 'Once the server has generated an XMPP resourcepart for the client, it MUST return an IQ stanza of type "result" to the client, which MUST include a <jid/> child element that specifies the full JID for the connected resource as determined by the server.',
      },
    },
    requirement: "An empty bind request gets a result with the full JID: the account's bare JID and a resource the server chose.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await authenticatedStream(t, a!);
      const response = await bindRequest(s);
      const jid = boundJid(response);
      t.check(jid !== undefined, 'a bind result with a <jid/>', response);
      t.check(sameJid(bare(jid!), a!.jid), `the bare JID ${a!.jid}`, jid!);
      t.check((resourceOf(jid!) ?? '') !== '', 'a full JID: a non-empty resource chosen by the server', jid!);
    },
  },
  {
    id: 'RFC6120-7.7.1-1',
    cite: {
      '3920': {
        section: '7',
        keyword: 'SHOULD',
        quote: 'A server SHOULD accept the resource identifier provided by the client, but MAY override it with a resource identifier that the server generates; …',
      },
      '6120': { section: '7.7.1', keyword: 'SHOULD', quote: 'The server SHOULD accept the client-submitted resourcepart.' },
    },
    requirement: 'A resource the client asks for is granted as asked (the server may override it).',
    accounts: 1,
    async run(t) {
      const s = await authenticatedStream(t, t.accounts[0]!);
      const wanted = `certify-${token(4)}`;
      const response = await bindRequest(s, wanted);
      const jid = boundJid(response);
      const granted = jid === undefined ? undefined : resourceOf(jid);
      t.outcome(jid === undefined ? 'refused' : granted === wanted ? 'granted as asked' : `overridden with ${granted ?? 'no resource'}`);
      t.check(granted === wanted, `the resource ${wanted} granted`, jid ?? response);
    },
  },
  {
    id: 'RFC6120-7.5-1',
    cite: {
      '3920': { section: '7', keyword: 'MUST', quote: 'A resource identifier generated by the server MUST be unique for that <node@domain>.' },
      '6120': { section: '7.5', keyword: 'MUST', quote: 'A resourcepart MUST at a minimum be unique among the connected resources for that <localpart@domainpart>.' },
    },
    requirement: "Resources the server generates are unique among an account's sessions: two empty bind requests get different resources.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const [first, second] = await Promise.all([authenticatedStream(t, a!, 'A'), authenticatedStream(t, a!, 'A')]);
      const responses = [await bindRequest(first), await bindRequest(second)];
      const jids = responses.map(boundJid);
      responses.forEach((r, i) => {
        t.check(jids[i] !== undefined, `a bind result for session ${i + 1}`, r);
      });
      t.check(jids[0] !== jids[1], 'two different full JIDs', `${jids[0]} and ${jids[1]}`);
    },
  },
  {
    id: 'RFC6120-7.7.2.1-1',
    cite: {
      '3920': {
        section: '3.5',
        keyword: 'MUST',
        quote: 'The receiving entity MUST ensure that the resulting JID (including node identifier, domain identifier, resource identifier, and separator characters) conforms to the rules and formats defined earlier in this section; …',
      },
      '6120': {
        section: '4.3.6',
        keyword: 'MUST',
        quote: 'The server MUST ensure that the resulting JID (including localpart, domainpart, resourcepart, and separator characters) conforms to the canonical format for XMPP addresses defined in [XMPP-ADDR]; …',
      },
    },
    requirement: 'A resource that breaks the resourcepart rules (over 1023 bytes; a character Resourceprep prohibits) is never bound: the request is refused with an error (<bad-request/> expected), or the server binds a conforming resource of its own.',
    accounts: 1,
    async run(t) {
      const variants: [string, string][] = [
        ['a 1100-byte resource (the limit is 1023)', 'r'.repeat(1100)],
        ['a resource with U+E000 (private use, prohibited by Resourceprep)', `certify-\u{E000}`],
      ];
      const responses = await Promise.all(variants.map(async ([, resource]) => bindRequest(await authenticatedStream(t, t.accounts[0]!), resource)));
      variants.forEach(([what, resource], i) => {
        const r = responses[i]!;
        const jid = boundJid(r);
        if (jid !== undefined) {
          // RFC 6120 §7.7.1 (RFC 3920 §7) lets a server override a requested resource with one of its own making
          const granted = resourceOf(jid);
          t.check(granted !== resource && resourceProblem(granted) === undefined, `${what} not bound: a conforming resource of the server's making instead`, jid);
          t.outcome(`${what}: overridden with ${granted ?? 'no resource'}`);
        } else {
          const error = t.expectError(r, []);
          t.outcome(`${what}: <${error?.condition ?? '?'}/> of type ${error?.type ?? '?'}`);
        }
      });
    },
  },
  {
    id: 'RFC6120-7.7.2.2-1',
    cite: {
      '3920': {
        absent: "RFC 3920 §7 lists <conflict/> only for a resource 'already in use but the server does not allow binding of multiple connected resources with the same identifier'; it does not require one of the outcomes",
        later: {
          doc: 'RFC 6120',
          section: '7.7.2.2',
          keyword: 'MUST',
          quote: 'If there is a currently connected client whose session has the resourcepart being requested by the newly connecting client, the server MUST do one of the following (…)',
        },
      },
      '6120': {
        section: '7.7.2.2',
        keyword: 'MUST',
        quote: 'If there is a currently connected client whose session has the resourcepart being requested by the newly connecting client, the server MUST do one of the following (…)',
      },
    },
    requirement: 'A resource already in use: the new session gets another resource, or <conflict/>, or the old session ends with a <conflict/> stream error.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const old = await authenticatedStream(t, a!, 'old');
      // the resource the first session actually holds (a server may override the one asked for)
      const held = await t.setup('bind a resource on the first session', async () => {
        const jid = boundJid(await bindRequest(old, `dup-${token(4)}`));
        if (!jid) throw new Error('no bind result');
        return resourceOf(jid)!;
      });
      const fresh = await authenticatedStream(t, a!, 'new');
      const response = await bindRequest(fresh, held);
      if (response.attrs.type === 'error') {
        t.expectError(response, ['conflict']);
        return t.outcome('the second bind request got <conflict/>');
      }
      const jid = boundJid(response);
      t.check(jid !== undefined, 'a bind result or a <conflict/> error', response);
      if (resourceOf(jid!) !== held) return t.outcome(`the new session got another resource: ${jid}`);
      // the new session holds the resource now: the old one must have been ended
      const ending = await awaitStreamEnd(old);
      t.check(ending.condition === 'conflict', `the old session (resource ${held}) ended with a <conflict/> stream error`, describeEnding(ending));
      t.outcome('the old session was ended with a <conflict/> stream error');
    },
  },
  {
    id: 'RFC6120-7.1-1',
    cite: {
      '3920': {
        section: '7',
        keyword: ['MUST NOT', 'SHOULD'],
        quote: "If, before completing the resource binding step, the client attempts to send an XML stanza other than an IQ stanza with a <bind/> child …, the server MUST NOT process the stanza and SHOULD return a <not-authorized/> stanza error to the client.",
        changed: 'RFC 6120 §7.1 makes the server close the stream with a <not-authorized/> stream error instead (MUST)',
      },
      '6120': {
        section: '7.1',
        keyword: ['MUST NOT', 'MUST'],
        quote: "If, before completing the resource binding step, the client attempts to send an XML stanza to an entity other than the server itself or the client's account, the server MUST NOT process the stanza and MUST close the stream with a <not-authorized/> stream error (Section 4.9.3.12).",
      },
    },
    requirement: 'A message sent to another account before a resource is bound is not delivered; the server refuses it with <not-authorized/>: a stream error that closes the stream (RFC 6120), a stanza error (RFC 3920).',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const receiver = await t.login(b!, { presence: true });
      const s = await authenticatedStream(t, a!);
      const [id, body, marker] = [newId(), `unbound ${token(4)}`, `marker ${token(4)}`];
      s.send(x('message', { to: receiver.jid, type: 'chat', id }, x('body', {}, body)));
      let ending: StreamEnding | undefined;
      // proof that the server has dealt with the message: the stream ended, or a resource bound
      // afterwards on the same stream and a marker sent from it reached the recipient (RFC 6120 §10.1:
      // one stream's stanzas are processed in order, and delivered to one recipient in order)
      await t.nothingArrived(receiver, messageWithBody(body), 'delivery of the message sent before binding', async () => {
        const response = await bindRequest(s).catch((err: unknown) => {
          if (s.isClosed) return undefined;
          throw err;
        });
        if (!response) {
          ending = await awaitStreamEnd(s);
          return receiver.sync();
        }
        if (!boundJid(response)) throw new Error(`binding a resource after the message failed: ${describe(response, 300)}`);
        s.send(x('message', { to: receiver.jid, type: 'chat' }, x('body', {}, marker)));
        await receiver.expect(messageWithBody(marker));
      });
      const refusal = s.received({ describe: 'an error for the message', test: (el) => el.name === 'message' && el.attrs.id === id && el.attrs.type === 'error' })[0];
      t.outcome(ending ? `the stream ended: ${describeEnding(ending)}` : refusal ? `a stanza error <${stanzaError(refusal)?.condition ?? '?'}/>, the stream left open` : 'no error, the stream left open');
      if (t.baseline === '6120') {
        t.must(ending?.condition === 'not-authorized', 'the stream closed with a <not-authorized/> stream error',
          ending ? describeEnding(ending) : `no stream error: the stream stayed open, and a resource was bound on it afterwards${refusal ? `; the message got ${refusal.toString()}` : ''}`);
      } else {
        t.should(refusal !== undefined && stanzaError(refusal)?.condition === 'not-authorized', 'a <not-authorized/> stanza error for the message',
          refusal ?? (ending ? `the stream ended instead: ${describeEnding(ending)}` : 'no error'));
      }
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
]);
