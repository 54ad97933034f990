import { defineCases, messageWithBody, NS, token, x } from '../../src/authoring.js';

/** XEP-0206 v1.1 §5: authentication, the stream restart after it, and resource binding over BOSH. */
export default defineCases({ spec: 'xep-0206', role: 'server' }, [
  {
    id: 'XEP0206-5-1',
    cite: {
      '1.1': {
        section: '5', anchor: 'preconditions-sasl', keyword: 'SHOULD',
        quote: "Upon receiving any request with the 'xmpp:restart' attribute set to \"true\" the connection manager SHOULD consider the original stream with the XMPP server to be closed … It SHOULD then initiate a new stream … Upon receiving the response from the XMPP server, it SHOULD forward any available features (or an empty element) to the client",
        changed: 'v1.2 (2008-10-29) makes the restart handling MUST',
      },
      '1.4': {
        section: '5',
        anchor: 'preconditions-sasl',
        keyword: 'MUST',
        quote: 'Upon receiving a restart request, the connection manager MUST consider the previous stream with the XMPP server to be closed. It MUST then initiate a new stream by sending an opening <stream:stream> tag over the same TCP connection to the XMPP server. If the connection manager receives a <stream:features/> element from the XMPP server, it MUST forward that element to the client',
      },
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
      '1.1': {
        doc: 'XEP-0124', version: '1.6', section: '8', anchor: 'stanzas', keyword: ['MUST', 'SHOULD'],
        // v1.6 writes "server" as the entity &server; of its own DTD, which the quote check does not expand
        quote: "In any case it MUST forward the content from different requests in the order specified by their 'rid' attributes. … If the connection manager has received one or more stanzas from the … for delivery to the client, then it SHOULD return the stanzas in the body of its response as soon as possible after receiving them from the …",
      },
      '1.4': {
        doc: 'XEP-0124',
        version: '1.11.2',
        section: '8',
        anchor: 'payloads',
        keyword: ['MUST', 'SHOULD'],
        quote: "In any case it MUST forward the content from different requests in the order specified by their 'rid' attributes. … If the connection manager has received one or more payloads from the application server for delivery to the client, then it SHOULD return the payloads in the body of its response as soon as possible after receiving them from the server.",
      },
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
]);
