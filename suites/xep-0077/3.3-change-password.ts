import { defineCases } from '../../src/engine/case.js';
import type { CaseContext } from '../../src/engine/context.js';
import { iq, query, token } from '../../src/session/stanza.js';
import { Element, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
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

/** XEP-0077 §3.3: a user changes its password. Always on an account the case created. */
export default defineCases({ spec: 'xep-0077', role: 'server' }, [
  {
    id: 'XEP0077-3.3-1',
    cite: { section: '3.3', keyword: 'MUST', quote: '' },
    requirement: 'A logged-in user changes its password with <username/> and <password/>: the new one works, the old one no longer does.',
    async run(t) {
      const own = await createAccount(t);
      const { jid, password: old } = own.account;
      const s = await t.login(own.account);
      const changed = t.secret(token(9));
      own.passwords.push(changed);
      const response = await s.iq(passwordChange(own.account.local, changed));
      t.check(response.attrs.type === 'result', `a result to the password change of ${jid}`, response);
      const withNew = await attemptLogin(t, own.account, changed);
      t.check(withNew.session !== undefined, `a login as ${jid} with the new password`, withNew.refusal);
      const withOld = await attemptLogin(t, own.account, old);
      t.check(withOld.session === undefined, `the old password of ${jid} refused`, 'the old password still works');
    },
  },
  {
    id: 'XEP0077-3.3-2',
    cite: { section: '3.3', keyword: 'MUST NOT', quote: '' },
    requirement: 'An empty new password never blanks the account: the old password keeps working.',
    async run(t) {
      const { own, response } = await emptyPasswordChange(t);
      const { jid, password } = own.account;
      t.outcome(`the empty password change was answered with ${response.attrs.type === 'error' ? 'an error' : 'a result'}`);
      const withOld = await attemptLogin(t, own.account, password);
      t.check(withOld.session !== undefined, `a login as ${jid} with its password after the empty password change`, withOld.refusal);
      const withEmpty = await attemptLogin(t, own.account, '');
      t.check(withEmpty.session === undefined, `the empty password refused for ${jid}`, 'a login with an empty password succeeded');
    },
  },
  {
    id: 'XEP0077-3.3-3',
    cite: { section: '3.3', keyword: 'SHOULD NOT', quote: '' },
    requirement: 'An error to a password change does not echo the XML submitted.',
    async run(t) {
      const { response } = await emptyPasswordChange(t);
      if (response.attrs.type !== 'error') return t.skip('the empty password change was accepted: no error to inspect (see XEP0077-3.3-2)');
      t.check(response.getChild('query', NS.register) === undefined, 'an error without the submitted <query/>', response);
    },
  },
]);
