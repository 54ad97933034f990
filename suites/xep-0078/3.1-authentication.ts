import { type CaseContext, defineCases, type Element, messageWithBody, NS, sameJid, stanzaError, token, x } from '../../src/authoring.js';
import { REFUSED_BEFORE_AUTH, refusableBeforeAuth } from '../lib/streams.js';
import { authDigest, authFields, authSet, describeFields, plaintextLogin, usableFields } from './iq-auth.js';

/** A plaintext login of the case's first account with a wrong password, on a stream of its own. */
async function wrongPassword(t: CaseContext): Promise<Element> {
  const s = await t.secureStream('legacy');
  return plaintextLogin(s, t.accounts[0]!, `certify-${token(3)}`, `wrong-${token(6)}`);
}

/** XEP-0078 §3.1: a client authenticates with jabber:iq:auth instead of SASL. */
export default defineCases({ spec: 'xep-0078', role: 'server' }, [
  {
    id: 'XEP0078-3.1-1',
    cite: {
      section: '3.1',
      anchor: 'usecases-auth',
      keyword: 'MUST',
      quote: 'The <username/> and <resource/> elements MUST be included in the IQ result returned by the server in response to the initial IQ get, and also MUST be included in the IQ set sent by the client when providing authentication credentials.',
    },
    requirement: 'A fields request naming a user returns <username/> and <resource/>, and <password/> and/or <digest/> (without one of them no client could log in: §3.1 has it "provide … one of password or digest").',
    accounts: 1,
    async run(t) {
      const s = await t.secureStream('legacy');
      const answer = await authFields(s, t.domain, t.accounts[0]!.local);
      t.check(answer.response.attrs.type === 'result', `a jabber:iq:auth result from server ${t.domain}`, answer.response);
      t.check(usableFields(answer.fields), '<username/>, <resource/>, and <password/> or <digest/>', describeFields(answer));
    },
  },
  {
    id: 'XEP0078-3.1-2',
    cite: {
      section: '3.1',
      anchor: 'usecases-auth',
      keyword: ['SHOULD NOT', 'SHOULD'],
      quote: 'If the client included a username with the IQ-get but there is no such username, the server SHOULD NOT return an error, but instead SHOULD return the normal authentication fields (this helps to prevent unknown users from discovering which usernames are in use).',
    },
    requirement: 'A fields request naming an unknown user is not answered with an error, but with the fields an existing user gets.',
    accounts: 1,
    async run(t) {
      const s = await t.secureStream('legacy');
      // the answer for an existing user is XEP0078-3.1-1's requirement: here it only sets the standard
      const known = await t.setup('get the authentication fields for an existing user', async () => {
        const answer = await authFields(s, t.domain, t.accounts[0]!.local);
        if (answer.response.attrs.type !== 'result') throw new Error(`the server answered ${describeFields(answer)} (see XEP0078-3.1-1)`);
        return answer;
      });
      const nobody = `nouser-${token()}`;
      const unknown = await authFields(s, t.domain, nobody);
      t.check(unknown.response.attrs.type === 'result', `no error, a result for the unknown user ${nobody}`, unknown.response);
      t.check([...unknown.fields].sort().join() === [...known.fields].sort().join(), `the same fields as for an existing user (${describeFields(known)})`, describeFields(unknown));
    },
  },
  {
    id: 'XEP0078-3.1-3',
    cite: {
      section: '3.1',
      anchor: 'usecases-auth',
      keyword: 'MUST',
      quote: 'If the server does not support non-SASL authentication (e.g., because it supports only SASL authentication as defined in RFC 3920), it MUST return a <service-unavailable/> error.',
    },
    requirement: 'A server without jabber:iq:auth answers the fields request with <service-unavailable/> (or ends the stream with <not-authorized/>).',
    accounts: 1,
    // for servers without the feature: runs whatever the probe found, and skips when it answers
    needsSupport: false,
    async run(t) {
      const s = await t.secureStream('legacy');
      const answer = await refusableBeforeAuth(s, () => authFields(s, t.domain, t.accounts[0]!.local));
      if (!answer) return t.outcome(REFUSED_BEFORE_AUTH);
      if (answer.response.attrs.type === 'result') return t.skip(`server ${t.domain} answers jabber:iq:auth requests (${describeFields(answer)})`);
      t.expectError(answer.response, ['service-unavailable']);
      t.outcome('an error with <service-unavailable/>');
    },
  },
  {
    id: 'XEP0078-3.1-4',
    // XEP-0078 describes the successful login ("If the credentials provided match those known by
    // the server, the client will be successfully authenticated") without a keyword; what makes
    // it binding is the suite that names the protocol, at the strength it names it
    cite: {
      doc: 'XEP-0073',
      version: '1.1',
      section: '3',
      anchor: 'def',
      keyword: 'RECOMMENDED',
      quote: 'For the sake of backward compatibility, support for Non-SASL Authentication (XEP-0078) is RECOMMENDED for servers (but not clients) as a fallback method of authentication by older deployed clients.',
    },
    requirement: 'A plaintext login with username, password and resource gets an empty result and binds user@domain/resource (seen as the sender of a message).',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const receiver = await t.login(b!);
      const s = await t.secureStream('legacy');
      const resource = `certify-${token(3)}`;
      const response = await plaintextLogin(s, a!, resource);
      t.check(response.attrs.type === 'result' && response.getChildElements().length === 0, `an empty result to the plaintext login of ${a!.jid}`, response);
      const body = `legacy ${token()}`;
      s.send(x('message', { to: receiver.jid, type: 'chat' }, x('body', {}, body)));
      const delivered = await receiver.expect(messageWithBody(body));
      t.check(sameJid(delivered.attrs.from, `${a!.jid}/${resource}`), `the message from ${a!.jid}/${resource}`, delivered);
    },
  },
  {
    id: 'XEP0078-3.1-5',
    cite: {
      section: '3.1',
      anchor: 'usecases-auth',
      keyword: 'MUST',
      quote: 'The value of the <digest/> element MUST be computed according to the following algorithm:',
    },
    requirement: 'Where the server offers <digest/>, a digest login (lowercase hex SHA-1 of stream id and password, as §3.1 computes it) succeeds.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.secureStream('legacy');
      const fields = await t.setup('get the authentication fields', () => authFields(s, t.domain, a!.local));
      if (!fields.fields.includes('digest')) return t.skip(`server ${t.domain} offers no <digest/> field (${describeFields(fields)})`);
      const response = await s.iq(authSet({ username: a!.local, digest: authDigest(s.streamId ?? '', a!.password), resource: `certify-${token(3)}` }));
      t.check(response.attrs.type === 'result', `a result to the digest login of ${a!.jid} (stream id '${s.streamId ?? ''}')`, response);
    },
  },
  {
    id: 'XEP0078-3.1-6',
    // the conditions are those §3.1 shows for the two failures; §5 makes the pair binding
    cite: {
      section: '5',
      anchor: 'errors',
      keyword: 'MUST',
      quote: "As defined herein, the 'jabber:iq:auth' namespace supports both the old (HTTP-style) error codes and the extensible error classes and conditions specified in RFC 3920. A compliant server or service implementation MUST support both old-style and new-style error handling.",
    },
    requirement: 'Failed logins get both error forms §3.1 shows: wrong credentials <not-authorized/> with code 401, a login without resource <not-acceptable/> with code 406.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.secureStream('legacy');
      const noResource = await s.iq(authSet({ username: a!.local, password: a!.password }));
      const failures: [string, Element, string, string][] = [
        ['a wrong password', await wrongPassword(t), 'not-authorized', '401'],
        ['no <resource/>', noResource, 'not-acceptable', '406'],
      ];
      for (const [what, response, condition, code] of failures) {
        const error = t.expectError(response, [condition]);
        t.check(error?.code === code, `code='${code}' beside <${condition}/> for ${what} (both error forms)`, response);
      }
    },
  },
  {
    id: 'XEP0078-3.1-7',
    cite: {
      section: '3.1',
      anchor: 'usecases-auth',
      keyword: ['RECOMMENDED', 'MAY'],
      quote: 'The RECOMMENDED behavior is for the server to terminate the existing session and create the new one; however, the server MAY provide the opposite behavior if desired, leading to a conflict error for the newly requested login.',
    },
    requirement: 'A login to a resource already in use ends the old session (recommended) or is refused with <conflict/>, the old session going on (allowed).',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const resource = `certify-${token(3)}`;
      const first = await t.secureStream('legacy');
      const firstLogin = await t.setup(`log in as ${a!.jid}/${resource}`, () => plaintextLogin(first, a!, resource));
      // a refused plaintext login is XEP0078-3.1-4's finding; without one there is no resource in use
      if (firstLogin.attrs.type !== 'result') return t.skip(`the first plaintext login was refused (see XEP0078-3.1-4): ${stanzaError(firstLogin)?.condition ?? 'error'}`);
      const second = await t.secureStream('legacy');
      const secondLogin = await plaintextLogin(second, a!, resource);
      if (secondLogin.attrs.type === 'error') {
        t.expectError(secondLogin, ['conflict']);
        // the allowed alternative: the old session carries on
        const alive = await first.sync().then(() => true, () => false);
        t.check(alive, `the first session of ${a!.jid}/${resource} still open after the second login was refused`, 'it ended');
        return t.outcome('the second login was refused with <conflict/> (the MAY)');
      }
      const ended = await first.waitClosed();
      t.check(ended, `the first session of ${a!.jid}/${resource} ended once the second logged in`, 'both sessions stayed open');
      t.outcome('the old session was ended (the RECOMMENDED behaviour)');
    },
  },
  {
    id: 'XEP0078-3.1-8',
    cite: {
      section: '3.1',
      anchor: 'usecases-auth',
      keyword: 'SHOULD NOT',
      quote: "Although RFC 3920 specifies that error stanzas SHOULD include the original XML sent, error stanzas qualified by the 'jabber:iq:auth' namespace SHOULD NOT do so given the sensitive nature of the information being exchanged.",
    },
    requirement: 'Errors in the jabber:iq:auth namespace do not echo the credentials submitted.',
    accounts: 1,
    async run(t) {
      const response = await wrongPassword(t);
      if (response.attrs.type !== 'error') return t.skip(`the wrong password was not answered with an error (see XEP0078-3.1-6): ${response.attrs.type ?? '?'}`);
      t.check(response.getChild('query', NS.auth) === undefined, 'an error without the submitted <query/> and its password', response);
    },
  },
]);
