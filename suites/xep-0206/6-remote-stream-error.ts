import { BoshTransport, defineCases, sameIn, streamErrorCondition, token } from '../../src/authoring.js';

const WRAPPER_STREAM_ERROR = "If the BOSH <body/> wrapper is not empty, then it SHOULD contain one of the following: … A <stream:error/> element (in which case the BOSH <body/> element MUST include the namespace xmlns:stream='http://etherx.jabber.org/streams' and it MUST feature the 'remote-stream-error' terminal error condition)";

/** XEP-0206 v1.1 §6: a stream error between manager and server, as the client sees it. */
export default defineCases({ spec: 'xep-0206', role: 'server' }, [
  {
    id: 'XEP0206-6-1',
    cite: sameIn(['1.1', '1.4'], { section: '2', anchor: 'wrapper', keyword: ['SHOULD', 'MUST'], quote: WRAPPER_STREAM_ERROR }),
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
]);
