import { type CaseContext, defineCases, type Element, iq, NS, query, stanzaError, token, x } from '../../src/authoring.js';
import { attemptLogin, createAccount, type OwnAccount } from '../lib/registration.js';

/** A password change (XEP-0077 §3.3) for the logged-in account. */
function passwordChange(local: string, password: string): Element {
  return iq('set', {}, query(NS.register, {}, x('username', {}, local), x('password', {}, password)));
}

/** A fresh account, logged in, asks to change its password to an empty one. */
async function emptyPasswordChange(t: CaseContext): Promise<{ own: OwnAccount; response: Element }> {
  const own = await createAccount(t);
  // should the server take the empty password, clean-up needs it to log in
  own.passwords.push('');
  const s = await t.login(own.account);
  return { own, response: await s.iq(passwordChange(own.account.local, '')) };
}

/**
 * The refusals §3.3 allows a deployment: it "MAY choose to disable password changes if the
 * stream is not properly encrypted, to disable in-band password changes, or to require
 * additional information" (a data form in the error).
 */
function refusedByPolicy(response: Element): string | undefined {
  if (response.attrs.type !== 'error') return undefined;
  const condition = stanzaError(response)?.condition;
  if (condition === 'not-allowed' || condition === 'not-authorized') return `<${condition}/>`;
  if (response.getChild('query', NS.register)?.getChild('x', NS.dataForms)) return 'a data form asking for more information';
  return undefined;
}

/** XEP-0077 §3.3: a user changes its password. Always on an account the case created. */
export default defineCases({ spec: 'xep-0077', role: 'server' }, [
  {
    id: 'XEP0077-3.3-1',
    // XEP-0077 §3.3 describes the change ("Once registered, the user can change passwords by
    // sending an XML stanza of the following form") without a keyword, and lets a deployment
    // disable it; what makes it binding is the suite that names the protocol
    cite: {
      doc: 'XEP-0073',
      version: '1.1',
      section: '3',
      anchor: 'def',
      keyword: 'RECOMMENDED',
      quote: 'Traditionally, Jabber servers (and some services) have also offered the ability for clients to register accounts "in-band" (see In-Band Registration (XEP-0077)) …; support for that protocol is RECOMMENDED but any given server deployment MAY disable in-band registration as a matter of service provisioning.',
    },
    requirement: 'A logged-in user changes its password with <username/> and <password/>: the new one works, the old one no longer does (a deployment may refuse password changes: not applicable then).',
    async run(t) {
      const own = await createAccount(t);
      const { jid, password: old } = own.account;
      const s = await t.login(own.account);
      const changed = t.secret(token(9));
      own.passwords.push(changed);
      const response = await s.iq(passwordChange(own.account.local, changed));
      const policy = refusedByPolicy(response);
      if (policy) return t.skip(`server ${t.domain} does not take in-band password changes here (§3.3 lets a deployment refuse them): ${policy}`);
      t.check(response.attrs.type === 'result', `a result to the password change of ${jid}`, response);
      const withNew = await attemptLogin(t, own.account, changed);
      t.check(withNew.session !== undefined, `a login as ${jid} with the new password`, withNew.refusal);
      const withOld = await attemptLogin(t, own.account, old);
      t.check(withOld.session === undefined, `the old password of ${jid} refused`, 'the old password still works');
    },
  },
  {
    id: 'XEP0077-3.3-2',
    cite: {
      section: '3.3',
      anchor: 'usecases-changepw',
      keyword: ['MUST NOT', 'MUST'],
      quote: 'If the user provides an empty password element or a password element that contains no XML character data (i.e., either <password/> or <password></password>), the server or service MUST NOT change the password to a null value, but instead MUST maintain the existing password.',
    },
    requirement: 'An empty new password never blanks the account (MUST NOT): the old password keeps working (MUST), and the empty one does not log in.',
    async run(t) {
      const { own, response } = await emptyPasswordChange(t);
      const { jid, password } = own.account;
      t.outcome(`the empty password change was answered with ${response.attrs.type === 'error' ? 'an error' : 'a result'}`);
      const withOld = await attemptLogin(t, own.account, password);
      t.must(withOld.session !== undefined, `a login as ${jid} with its password after the empty password change`, withOld.refusal);
      const withEmpty = await attemptLogin(t, own.account, '');
      t.must(withEmpty.session === undefined, `the empty password refused for ${jid}`, 'a login with an empty password succeeded');
    },
  },
  {
    id: 'XEP0077-3.3-3',
    cite: {
      section: '3.3',
      anchor: 'usecases-changepw',
      keyword: 'SHOULD NOT',
      quote: 'The server or service SHOULD NOT return the original XML sent in IQ error stanzas related to password changes.',
    },
    requirement: 'An error to a password change does not echo the XML submitted (its <username/> and <password/>).',
    async run(t) {
      const { response } = await emptyPasswordChange(t);
      if (response.attrs.type !== 'error') return t.skip('the empty password change was accepted: no error to inspect (see XEP0077-3.3-2)');
      // a data form asking for more (§3.3: "SHOULD return a Data Form in the error stanza") is not an echo
      const q = response.getChild('query', NS.register);
      const echoed = q !== undefined && (q.getChild('username') !== undefined || q.getChild('password') !== undefined);
      t.check(!echoed, 'an error without the submitted <username/> and <password/>', response);
    },
  },
]);
