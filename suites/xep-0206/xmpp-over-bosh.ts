import { defineCases } from '../../src/engine/case.js';
import { messageWithBody } from '../../src/session/match.js';
import { streamErrorCondition, token } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { RawBosh, type BoshReply } from '../lib/bosh.js';

/** Polls with empty requests until a response carries <stream:features/> (XEP-0206 §3). */
async function untilFeatures(bosh: RawBosh, first: BoshReply, polls = 3): Promise<BoshReply | undefined> {
  let reply = first;
  for (let i = 0; ; i++) {
    if (reply.elements.some((el) => el.getName() === 'features' && el.getNS() === NS.stream)) return reply;
    if (i >= polls) return undefined;
    reply = await bosh.next();
  }
}

/** XEP-0206: XMPP over BOSH, as the connection manager and server provide it. */
export default defineCases({ spec: 'xep-0206', role: 'server' }, [
  {
    id: 'XEP0206-3-1',
    cite: { section: '3, 4', keyword: 'SHOULD', quote: '' },
    requirement: "Asked with xmpp:version='1.0', the manager answers with xmpp:version and sends <stream:features/> as soon as it has them.",
    async run(t) {
      const bosh = new RawBosh(t);
      const created = await bosh.create({ wait: 1 });
      t.check(created.attrs['xmpp:version'] !== undefined, 'an xmpp:version on the session response', created.rawHeader);
      const withFeatures = await untilFeatures(bosh, created);
      t.check(withFeatures !== undefined, '<stream:features/> in the first responses', 'no features after three polls');
    },
  },
  {
    id: 'XEP0206-2-1',
    cite: { section: '2', keyword: 'MUST', quote: '' },
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
    cite: { section: '4', keyword: 'MUST', quote: '' },
    // was `introduced: 'XEP-0206 v1.3 (2010); v1.2 of 2008, which XEP-0243 cites, has no restartlogic'`: cite the later text as NotInText.later
    requirement: "A manager that supports stream restarts says so with xmpp:restartlogic='true'.",
    async run(t) {
      const created = await new RawBosh(t).create();
      t.check(created.attrs['xmpp:restartlogic'] === 'true', "xmpp:restartlogic='true' on the session response", created.rawHeader);
    },
  },
  {
    id: 'XEP0206-5-1',
    cite: { section: '5', keyword: 'MUST', quote: '' },
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
    cite: { section: '5', keyword: 'MUST', quote: '' },
    requirement: 'Binding (and the RFC 3921 session) completes over BOSH and stanzas flow both ways.',
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
      await overBosh.expect(messageWithBody(back, { from: overTcp.jid }));
    },
  },
  {
    id: 'XEP0206-6-1',
    cite: { section: '6', keyword: ['SHOULD', 'MUST'], quote: '' },
    requirement: "A stream error reaches the client as type='terminate' condition='remote-stream-error' with the <stream:error/> inside.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const resource = `dup-${token(3)}`;
      const overBosh = await t.login(a!, { transport: 'bosh', resource });
      // the manager needs a request to answer with the stream error when it comes
      await overBosh.bosh().holding(t.stepMs);
      // a second session binding the same resource: one allowed outcome (RFC 6120 §7.7.2.2)
      // is a <conflict/> stream error to the first one, which is what this case needs
      const overTcp = await t.secureStream('A', 'tcp');
      await t.setup('authenticate the second session', () => overTcp.authenticate({ username: a!.local, password: a!.password, domain: a!.domain }));
      const second = await overTcp.bind(resource).catch(() => undefined);
      if (second !== overBosh.jid) t.skip('the server refused the second session or gave it another resource; no stream error to carry');
      const closed = await overBosh.waitClosed();
      if (!closed) t.skip('the server kept the first session (it refused or replaced the second); no stream error to carry');
      t.must(/remote-stream-error/.test(overBosh.closedReason ?? ''), "type='terminate' condition='remote-stream-error'", overBosh.closedReason ?? '');
      t.should(overBosh.streamError !== undefined, 'the <stream:error/> inside the terminating body', 'no stream error element');
      if (overBosh.streamError) t.note(`stream error condition: ${streamErrorCondition(overBosh.streamError) ?? '?'}`);
    },
  },
  {
    id: 'XEP0206-2-2',
    cite: { section: '2, 4', keyword: 'NOT RECOMMENDED', quote: '' },
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
    cite: { section: '7', keyword: ['RECOMMENDED', 'SHOULD'], quote: '' },
    requirement: 'A message for a client whose BOSH session died is bounced to the server with recipient-unavailable, and the server stores it offline.',
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
      const bounced = sender.received({ describe: 'an error for the message', test: (el) => el.attrs.type === 'error' });
      if (bounced.length) t.outcome(`the sender got an error: ${bounced[0]!.toString().slice(0, 200)}`);
      t.check(stored !== undefined, 'the message delivered offline at the next login', 'not delivered');
    },
  },
]);
