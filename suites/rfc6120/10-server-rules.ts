import { defineCases, type Element, iq, message, messageWithBody, newId, sameJid, STANZA_TRANSPORTS, stanzaError, token, x } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import { loginPair, ping } from '../lib/sessions.js';
import { unknownQuery } from './unknown-payload.js';

/** How long to wait for a server to give up on an unreachable domain (DNS, connection attempts). */
const REMOTE_WAIT_MS = 20_000;

/** Conditions with which a server refuses inter-domain traffic as a matter of policy. */
const POLICY_REFUSALS = ['not-allowed', 'forbidden', 'policy-violation', 'service-unavailable'];

/** RFC 6120 §10 (RFC 3920 §10): the server's rules for processing and delivering stanzas. */
export default defineCases({ spec: 'xmpp-core', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6120-10.1-1',
    cite: {
      '3920': { section: '10', keyword: 'MUST', quote: 'Compliant server implementations MUST ensure in-order processing of XML stanzas between any two entities.' },
      '6120': {
        section: '10.1',
        keyword: 'MUST',
        quote: 'The server MUST ensure that it delivers stanzas addressed to the intended recipient in the order it receives them over the input stream from the sending client, treating stanzas addressed to the bare JID and the full JID of the intended recipient as equivalent for delivery purposes.',
      },
    },
    requirement: 'Stanzas from one sender to one recipient arrive in the order sent.',
    accounts: 2,
    async run(t) {
      const [a, b] = await loginPair(t);
      const run = token(3);
      const count = 100;
      for (let i = 0; i < count; i++) a.send(x('message', { to: b.jid, type: 'chat' }, x('body', {}, `${run} ${i}`)));
      await b.expect(messageWithBody(`${run} ${count - 1}`));
      const order = b.received(message({ where: (el) => el.getChildText('body')?.startsWith(`${run} `) === true }))
        .map((el) => Number(el.getChildText('body')!.slice(run.length + 1)));
      const firstWrong = order.findIndex((n, i) => n !== i);
      t.check(order.length === count - 1 && firstWrong === -1, `messages 0 to ${count - 2} in order before message ${count - 1}`,
        `${order.length} arrived before the last${firstWrong >= 0 ? `; position ${firstWrong} holds message ${order[firstWrong]}` : ''}`);
    },
  },
  {
    id: 'RFC6120-10.4.3-1',
    cite: {
      '3920': {
        section: '10.2',
        keyword: 'MUST',
        quote: "If routing to the recipient's server is unsuccessful, the sender's server MUST return an error to the sender; …",
        changed: 'RFC 6120 §10.4.3 names the conditions: <remote-server-not-found/>, or <remote-server-timeout/> (MUST)',
      },
      '6120': {
        section: '10.4.3',
        keyword: 'MUST',
        quote: 'If resolution of the remote domain is unsuccessful, the stanza error MUST be <remote-server-not-found/> (Section 8.3.3.16). If resolution succeeds but streams cannot be negotiated, the stanza error MUST be <remote-server-timeout/> (Section 8.3.3.17).',
      },
    },
    requirement: 'A stanza to a domain that cannot be reached is answered with an error: <remote-server-not-found/> or <remote-server-timeout/> (RFC 6120).',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      // .invalid never resolves (RFC 6761), so no server can reach it
      const remote = `certify@${token(4)}.invalid`;
      const id = newId();
      s.send(x('message', { to: remote, type: 'chat', id }, x('body', {}, 'unreachable')));
      const [bounce, response] = await Promise.all([s.expect(message({ id, type: 'error' }), REMOTE_WAIT_MS), s.iq(ping(remote), REMOTE_WAIT_MS)]);
      const refusals = [bounce, response].map((el) => stanzaError(el)?.condition ?? '');
      // inter-domain communication is optional for a deployment (RFC 6120 §10.4, RFC 3920 §10.2): a
      // server that refuses it by policy never tries to reach the domain, and the rule cannot be exercised
      if (refusals.every((c) => POLICY_REFUSALS.includes(c))) {
        t.skip(`the server does not route to remote domains: ${refusals.map((c) => `<${c}/>`).join(' and ')} for ${remote} (${stanzaError(bounce)?.text ?? 'no text'})`);
      }
      const conditions = t.baseline === '6120' ? ['remote-server-not-found', 'remote-server-timeout'] : [];
      const errors = [t.expectError(bounce, conditions), t.expectError(response, conditions)];
      t.outcome(`message: <${errors[0]?.condition}/>, IQ: <${errors[1]?.condition}/>`);
    },
  },
  {
    id: 'RFC6120-10.5.1-1',
    cite: {
      '3920': {
        section: '10.4',
        keyword: 'MUST',
        quote: "If the hostname … of the JID contained in the 'to' attribute matches a configured hostname of the server itself and the JID … is of the form <domain> or <domain/resource>, the server … MUST either process the stanza as appropriate for the stanza kind or return an error stanza to the sender.",
      },
      '6120': {
        section: '10.5.1',
        keyword: 'MUST',
        quote: "If the JID contained in the 'to' attribute is of the form <domainpart>, then the server MUST either (a) handle the stanza as appropriate for the stanza kind or (b) return an error stanza to the sender.",
      },
    },
    requirement: 'The server answers IQs to its own domain itself: disco#info is handled (or refused), an IQ in an unknown namespace gets an error.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const fromDomain = (el: Element): boolean => el.attrs.from === undefined || sameJid(el.attrs.from, t.domain);
      const info = await discoInfo(s, t.domain);
      t.outcome(`disco#info: ${info.ok ? 'a result' : `an error <${stanzaError(info.response)?.condition ?? '?'}/>`}`);
      t.check(fromDomain(info.response), `the disco#info answer from ${t.domain}`, info.response);
      if (!info.ok) t.expectError(info.response, []);
      const response = await s.iq(iq('get', { to: t.domain }, unknownQuery()));
      t.check(fromDomain(response), `the answer to an unknown namespace from ${t.domain}`, response);
      t.check(response.attrs.type === 'error', 'an error for an IQ in an unknown namespace, which the server cannot process', response);
      const error = t.expectError(response, []);
      t.outcome(`unknown namespace: <${error?.condition ?? '?'}/>`);
    },
  },
]);
