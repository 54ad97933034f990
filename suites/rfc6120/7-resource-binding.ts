import { defineCases } from '../../src/engine/case.js';
import { SaslFailure, type Session } from '../../src/session/session.js';
import { bare, iq, resourceOf, sameJid, stanzaError, token } from '../../src/session/stanza.js';
import { describe, x, type Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { authenticatedStream, credentials } from '../lib/sessions.js';
import { awaitStreamEnd, describeEnding } from '../lib/streams.js';

/** Sends a bind request (RFC 6120 §7.6), empty or asking for `resource`, and returns the response. */
function bindRequest(s: Session, resource?: string): Promise<Element> {
  return s.iq(iq('set', {}, x('bind', { xmlns: NS.bind }, resource === undefined ? undefined : x('resource', {}, resource))));
}

/** The JID a bind result grants, if it is a result that carries one. */
function boundJid(response: Element): string | undefined {
  return response.attrs.type === 'result' ? response.getChild('bind', NS.bind)?.getChildText('jid') ?? undefined : undefined;
}

/** RFC 6120 §7 (RFC 3920 §7): resource binding, and the identity it yields (§4.3.6). */
export default defineCases({ spec: 'xmpp-core', role: 'server' }, [
  {
    id: 'RFC6120-7.4-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '7.4', keyword: 'MUST', quote: '' },
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
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '7.6.1', keyword: 'MUST', quote: '' },
    },
    requirement: "An empty bind request gets a full JID: the account's bare JID and a resource the server chose.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await authenticatedStream(t, a!);
      const response = await bindRequest(s);
      const jid = boundJid(response);
      t.check(jid !== undefined, 'a bind result with a <jid/>', response);
      t.check(sameJid(bare(jid!), a!.jid), `the bare JID ${a!.jid}`, jid!);
      t.check((resourceOf(jid!) ?? '') !== '', 'a non-empty resource chosen by the server', jid!);
    },
  },
  {
    id: 'RFC6120-7.7.1-1',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '7.7.1', keyword: 'SHOULD', quote: '' },
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
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '7.5', keyword: 'MUST', quote: '' },
    },
    requirement: "Resources are unique among an account's sessions: two empty bind requests get different resources.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const [first, second] = await Promise.all([authenticatedStream(t, a!, 'A'), authenticatedStream(t, a!, 'A')]);
      const responses = [await bindRequest(first), await bindRequest(second)];
      const jids = responses.map(boundJid);
      responses.forEach((r, i) => t.check(jids[i] !== undefined, `a bind result for session ${i + 1}`, r));
      t.check(jids[0] !== jids[1], 'two different full JIDs', `${jids[0]} and ${jids[1]}`);
    },
  },
  {
    id: 'RFC6120-7.7.2.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '7.7.2.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'A resource that breaks the resourcepart rules is never bound: <bad-request/> (modify), or a resource the server chooses.',
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
        // §7.7.1 lets a server override any requested resource with one of its own making
        if (jid !== undefined) {
          t.check(resourceOf(jid) !== resource, `${what} not granted`, jid);
          return t.outcome(`${what}: overridden with ${resourceOf(jid) ?? 'no resource'}`);
        }
        const error = r.attrs.type === 'error' ? stanzaError(r) : undefined;
        t.check(error?.condition === 'bad-request' && error.type === 'modify', `<bad-request/> of type modify (or a resource of the server's choosing) for ${what}`, r);
        t.outcome(`${what}: <bad-request/>`);
      });
    },
  },
  {
    id: 'RFC6120-7.7.2.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '7.7.2.2', keyword: 'MUST', quote: '' },
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
      const error = response.attrs.type === 'error' ? stanzaError(response) : undefined;
      if (error) {
        t.check(error.condition === 'conflict', 'a <conflict/> error, if the second request is refused', response);
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
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '7.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'A stanza sent before a resource is bound is not processed: the stream is closed with <not-authorized/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const receiver = await t.login(b!, { presence: true });
      const s = await authenticatedStream(t, a!);
      const body = `unbound ${token(4)}`;
      s.send(x('message', { to: receiver.jid, type: 'chat' }, x('body', {}, body)));
      const ending = await awaitStreamEnd(s);
      await receiver.sync();
      const leaked = receiver.received({ describe: 'the message', test: (el) => el.getChildText('body') === body });
      t.check(leaked.length === 0, 'the recipient receives nothing', `delivered: ${describe(leaked[0])}`);
      t.check(ending.condition === 'not-authorized', 'the stream closed with a <not-authorized/> stream error', describeEnding(ending));
    },
  },
  {
    id: 'RFC6120-4.3.6-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.3.6', keyword: 'MUST', quote: '' },
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
