import { BoshTransport, defineCases, messageWithBody, NS, streamErrorCondition, token, x } from '../../src/authoring.js';
import { RawBosh, type BoshReply } from '../lib/bosh.js';

/** Polls with empty requests until a response carries <stream:features/> (XEP-0206 §4). */
async function untilFeatures(bosh: RawBosh, first: BoshReply, polls = 3): Promise<BoshReply | undefined> {
  let reply = first;
  for (let i = 0; ; i++) {
    if (reply.elements.some((el) => el.getName() === 'features' && el.getNS() === NS.stream)) return reply;
    if (i >= polls) return undefined;
    reply = await bosh.next();
  }
}

const WRAPPER_STREAM_ERROR = "If the BOSH <body/> wrapper is not empty, then it SHOULD contain one of the following: … A <stream:error/> element (in which case the BOSH <body/> element MUST include the namespace xmlns:stream='http://etherx.jabber.org/streams' and it MUST feature the 'remote-stream-error' terminal error condition)";

/** XEP-0206 v1.1: XMPP over BOSH, as the connection manager and server provide it. */
export default defineCases({ spec: 'xep-0206', role: 'server' }, [
  {
    id: 'XEP0206-3-1',
    cite: {
      section: '4', anchor: 'create', keyword: 'SHOULD',
      quote: "The connection manager SHOULD include a 'xmpp:version' attribute (qualified by the 'urn:xmpp:xbosh' namespace) and a <stream:features/> element (qualified by the 'http://etherx.jabber.org/streams' namespace) in a response as soon as they are available",
    },
    requirement: "Asked with xmpp:version='1.0', the manager answers with xmpp:version and sends <stream:features/> as soon as it has them.",
    async run(t) {
      const bosh = new RawBosh(t);
      const created = await bosh.create({ wait: 1 });
      const withFeatures = await untilFeatures(bosh, created);
      t.check(created.attrs['xmpp:version'] !== undefined || withFeatures?.attrs['xmpp:version'] !== undefined, 'an xmpp:version on the session response or the one with the features', created.rawHeader);
      t.check(withFeatures !== undefined, '<stream:features/> in the first responses', 'no features after three polls');
    },
  },
  {
    id: 'XEP0206-2-1',
    cite: {
      section: '2', anchor: 'wrapper', keyword: 'MUST',
      quote: "A complete <stream:features/> element (in which case the BOSH <body/> element MUST include the namespace xmlns:stream='http://etherx.jabber.org/streams').",
    },
    requirement: "A <body/> carrying <stream:features/> declares xmlns:stream='http://etherx.jabber.org/streams'.",
    async run(t) {
      const bosh = new RawBosh(t);
      const withFeatures = await untilFeatures(bosh, await bosh.create({ wait: 1 }));
      if (!withFeatures) return t.skip('no response carried stream features');
      t.check(/xmlns:stream=['"]http:\/\/etherx\.jabber\.org\/streams['"]/.test(withFeatures.rawHeader), "xmlns:stream declared on the <body/>", withFeatures.rawHeader);
    },
  },
  {
    id: 'XEP0206-4-1',
    cite: {
      absent: 'restartlogic comes with v1.3 (2010); v1.1 has the client ask for restarts without the manager advertising them',
      later: {
        doc: 'XEP-0206', version: '1.3', section: '4', anchor: 'create', keyword: 'MUST',
        quote: "If the connection manager supports stream restarts, it MUST advertise that fact by including a 'restartlogic' attribute (qualified by the 'urn:xmpp:xbosh' namespace) whose value is set to \"true\"",
      },
    },
    requirement: "A manager that supports stream restarts (a login over BOSH works) says so with xmpp:restartlogic='true'.",
    accounts: 1,
    async run(t) {
      const created = await new RawBosh(t).create();
      if (created.attrs['xmpp:restartlogic'] === 'true') return t.outcome("xmpp:restartlogic='true' on the session response");
      // the rule is for managers that support restarts: a login over BOSH restarts the stream after SASL
      const restarted = await t.login(t.accounts[0]!, { transport: 'bosh' }).then(() => true, () => false);
      if (!restarted) return t.skip('a login over BOSH failed: no sign that the manager supports stream restarts');
      t.check(false, "xmpp:restartlogic='true' on the session response of a manager that restarted a stream", created.rawHeader);
    },
  },
  {
    id: 'XEP0206-5-1',
    cite: {
      section: '5', anchor: 'preconditions-sasl', keyword: 'SHOULD',
      quote: "Upon receiving any request with the 'xmpp:restart' attribute set to \"true\" the connection manager SHOULD consider the original stream with the XMPP server to be closed … It SHOULD then initiate a new stream … Upon receiving the response from the XMPP server, it SHOULD forward any available features (or an empty element) to the client",
      changed: 'v1.2 (2008-10-29) makes the restart handling MUST',
    },
    requirement: "SASL works over BOSH, and after <success/> a restart request (xmpp:restart='true') brings new features with <bind/>.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.secureStream('A', 'bosh');
      await s.authenticate({ username: a!.local, password: a!.password, domain: a!.domain });
      t.check(s.features?.getChild('bind', NS.bind) !== undefined, '<bind/> in the features after the restart', s.features);
    },
  },
  {
    id: 'XEP0206-5-2',
    cite: {
      doc: 'XEP-0124', version: '1.6', section: '8', anchor: 'stanzas', keyword: ['MUST', 'SHOULD'],
      // v1.6 writes "server" as the entity &server; of its own DTD, which the quote check does not expand
      quote: "In any case it MUST forward the content from different requests in the order specified by their 'rid' attributes. … If the connection manager has received one or more stanzas from the … for delivery to the client, then it SHOULD return the stanzas in the body of its response as soon as possible after receiving them from the …",
    },
    requirement: 'Over a bound BOSH session, a stanza the client sends reaches its recipient (MUST), and one for the client comes back in a response (SHOULD).',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const overBosh = await t.login(a!, { transport: 'bosh', presence: true });
      const overTcp = await t.login(b!, { transport: 'tcp', presence: true });
      const out = `over BOSH ${token()}`;
      overBosh.send(x('message', { to: overTcp.jid, type: 'chat' }, x('body', {}, out)));
      await overTcp.expect(messageWithBody(out, { from: overBosh.jid }));
      const back = `to BOSH ${token()}`;
      overTcp.send(x('message', { to: overBosh.jid, type: 'chat' }, x('body', {}, back)));
      const got = await overBosh.maybe(messageWithBody(back, { from: overTcp.jid }), t.stepMs);
      t.should(got !== undefined, `the message from ${overTcp.jid} in a response to the BOSH client`, 'none within the step deadline');
    },
  },
  {
    id: 'XEP0206-6-1',
    cite: { section: '2', anchor: 'wrapper', keyword: ['SHOULD', 'MUST'], quote: WRAPPER_STREAM_ERROR },
    requirement: "A stream error between manager and server reaches the client in a <body/> with condition='remote-stream-error' (MUST when it carries the <stream:error/>; XEP-0124 §17.2 SHOULD otherwise).",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const resource = `dup-${token(3)}`;
      const overBosh = await t.login(a!, { transport: 'bosh', resource });
      // the manager needs a request to answer with the stream error when it comes
      await overBosh.transportAs(BoshTransport).holding(t.stepMs);
      // a second session binding the same resource: one allowed outcome (RFC 6120 §7.7.2.2)
      // is a <conflict/> stream error to the first one, which is what this case needs
      const overTcp = await t.secureStream('A', 'tcp');
      await t.setup('authenticate the second session', () => overTcp.authenticate({ username: a!.local, password: a!.password, domain: a!.domain }));
      const second = await overTcp.bind(resource).catch(() => undefined);
      if (second !== overBosh.jid) t.skip('the server refused the second session or gave it another resource; no stream error to carry');
      const closed = await overBosh.waitClosed();
      if (!closed) t.skip('the server kept the first session (it refused or replaced the second); no stream error to carry');
      const remote = /remote-stream-error/.test(overBosh.closedReason ?? '');
      if (overBosh.streamError) {
        t.note(`stream error condition: ${streamErrorCondition(overBosh.streamError) ?? '?'}`);
        t.must(remote, "condition='remote-stream-error' on the <body/> that carries the <stream:error/>", overBosh.closedReason ?? '');
      } else {
        t.note('the terminating <body/> carried no <stream:error/> (§6 describes a copy of it there, without a keyword)');
        t.should(remote, "condition='remote-stream-error' (XEP-0124 v1.6 §17.2: fatal XMPP stream errors SHOULD only be reported so)", overBosh.closedReason ?? '');
      }
    },
  },
  {
    id: 'XEP0206-2-2',
    cite: {
      section: '2', anchor: 'wrapper', keyword: 'NOT RECOMMENDED',
      quote: 'Note: Inclusion of TLS negotiation elements is allowed but is NOT RECOMMENDED.',
    },
    requirement: 'STARTTLS inside BOSH is not recommended: TLS belongs to HTTP, so the features should not offer it.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.secureStream('A', 'bosh');
      const before = s.features?.getChild('starttls', NS.tls) !== undefined;
      await t.setup('authenticate over BOSH', () => s.authenticate({ username: a!.local, password: a!.password, domain: a!.domain }));
      const after = s.features?.getChild('starttls', NS.tls) !== undefined;
      t.check(!before && !after, 'no <starttls/> in the BOSH features', `offered ${[before && 'before', after && 'after'].filter(Boolean).join(' and ')} authentication`);
    },
  },
  {
    id: 'XEP0206-7-1',
    cite: {
      // no anchor: v1.1 gives §7 the anchor of §8 ('security')
      section: '7', keyword: ['RECOMMENDED', 'SHOULD'],
      quote: 'it is RECOMMENDED that the connection manager proceed as follows … When an XMPP server receives a <message/> stanza of type "error" containing a <recipient-unavailable/> condition from a connection manager, it SHOULD store the message for later delivery if offline storage is enabled, otherwise route the error stanza to the sender.',
    },
    requirement: 'A message sent to a BOSH client that vanished without terminating is not lost: it is stored offline for the next login, or an error goes back to the sender.',
    accounts: 2,
    slow: { seconds: 75, why: "the connection manager's inactivity timeout" },
    async run(t) {
      const [a, b] = t.accounts;
      const gone = await t.login(a!, { transport: 'bosh', presence: true });
      const sender = await t.login(b!, { presence: true });
      const fullJid = gone.jid!;
      gone.destroy('the BOSH client vanishes without terminating');
      await new Promise((r) => setTimeout(r, 1000));
      const body = `while gone ${token()}`;
      sender.send(x('message', { to: fullJid, type: 'chat' }, x('body', {}, body)));
      await new Promise((r) => setTimeout(r, 70_000));
      const back = await t.login(a!, { presence: true });
      const stored = await back.maybe(messageWithBody(body), t.stepMs);
      const bounced = sender.received({ describe: 'an error for the message', test: (el) => el.getName() === 'message' && el.attrs.type === 'error' });
      if (stored) t.outcome('the message was stored and delivered at the next login');
      if (bounced.length) t.outcome(`the sender got an error: ${bounced[0]!.toString().slice(0, 200)}`);
      t.check(stored !== undefined || bounced.length > 0, 'the message delivered offline at the next login, or an error to the sender', 'neither');
    },
  },
]);
