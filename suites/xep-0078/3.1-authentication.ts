import { defineCases } from '../../src/engine/case.js';
import type { CaseContext } from '../../src/engine/context.js';
import { messageWithBody } from '../../src/session/match.js';
import { sameJid, stanzaError, token } from '../../src/session/stanza.js';
import { Element, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
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
    cite: { section: '3.1', keyword: 'MUST', quote: '' },
    requirement: 'A fields request naming a user returns <username/>, <resource/> and <password/> and/or <digest/>.',
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
    cite: { section: '3.1', keyword: 'SHOULD', quote: '' },
    requirement: 'A fields request naming an unknown user returns the normal fields, not an error.',
    accounts: 1,
    async run(t) {
      const s = await t.secureStream('legacy');
      const known = await authFields(s, t.domain, t.accounts[0]!.local);
      const nobody = `nouser-${token()}`;
      const unknown = await authFields(s, t.domain, nobody);
      t.check(unknown.response.attrs.type === 'result', `a result for the unknown user ${nobody}`, unknown.response);
      t.check([...unknown.fields].sort().join() === [...known.fields].sort().join(), `the same fields as for an existing user (${describeFields(known)})`, describeFields(unknown));
    },
  },
  {
    id: 'XEP0078-3.1-3',
    cite: { section: '3.1', keyword: 'MUST', quote: '' },
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
    cite: { section: '3.1', keyword: 'MUST', quote: '' },
    requirement: 'A plaintext login with username, password and resource gets an empty result and binds user@domain/resource.',
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
    cite: { section: '3.1', keyword: 'MUST', quote: '' },
    requirement: 'A digest login (lowercase hex SHA-1 of stream id and password) succeeds.',
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
    cite: { section: '3.1', keyword: 'MUST', quote: '' },
    requirement: 'Wrong credentials get <not-authorized/> with code 401; a login without resource gets <not-acceptable/> with code 406.',
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
    cite: { section: '3.1', keyword: ['RECOMMENDED', 'MAY'], quote: '' },
    requirement: 'A login to a resource already in use ends the old session (recommended) or is refused with <conflict/> (allowed).',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const resource = `certify-${token(3)}`;
      const first = await t.secureStream('legacy');
      const firstLogin = await t.setup(`log in as ${a!.jid}/${resource}`, () => plaintextLogin(first, a!, resource));
      if (firstLogin.attrs.type !== 'result') return t.skip(`the first plaintext login was refused: ${stanzaError(firstLogin)?.condition ?? 'error'}`);
      const second = await t.secureStream('legacy');
      const secondLogin = await plaintextLogin(second, a!, resource);
      if (secondLogin.attrs.type === 'error') {
        t.expectError(secondLogin, ['conflict']);
        // the allowed alternative: the old session carries on
        await first.sync();
        return t.outcome('the second login was refused with <conflict/> (the MAY)');
      }
      const ended = await first.waitClosed();
      t.check(ended, `the first session of ${a!.jid}/${resource} ended once the second logged in`, 'both sessions stayed open');
      t.outcome('the old session was ended (the RECOMMENDED behaviour)');
    },
  },
  {
    id: 'XEP0078-3.1-8',
    cite: { section: '3.1', keyword: 'SHOULD NOT', quote: '' },
    requirement: 'Errors in the jabber:iq:auth namespace do not echo the credentials submitted.',
    accounts: 1,
    async run(t) {
      const response = await wrongPassword(t);
      t.check(response.attrs.type === 'error', 'an error to a wrong password', response);
      t.check(response.getChild('query', NS.auth) === undefined, 'an error without the submitted <query/> and its password', response);
    },
  },
]);
