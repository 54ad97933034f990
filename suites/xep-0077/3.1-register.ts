import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { describe } from '../../src/xml/element.js';
import {
  attemptLogin, createAccount, deferDeletion, describeRegistration, freshAccount, offersRegistration, registrationForm, registrationSet,
} from '../lib/registration.js';
import { REFUSED_BEFORE_AUTH, refusableBeforeAuth } from '../lib/streams.js';

/** XEP-0077 §3.1: an entity registers with the server, before authenticating. */
export default defineCases({ spec: 'xep-0077', role: 'server' }, [
  {
    id: 'XEP0077-3.1-1',
    cite: { section: '3.1', keyword: 'MUST', quote: '' },
    requirement: 'Before authentication, a registration get returns the required fields (or a data form, or a redirect).',
    async run(t) {
      const s = await t.secureStream();
      const form = await registrationForm(s, t.domain);
      t.check(form.response.attrs.type === 'result', `a registration result from server ${t.domain} on an unauthenticated stream`, form.response);
      t.check(offersRegistration(form) || form.redirect, 'the fields to fill in (username and password, or a data form), or a redirect', form.response);
      t.outcome(`server ${t.domain} returned ${describeRegistration(form)}`);
    },
  },
  {
    id: 'XEP0077-3.1-2',
    cite: { section: '3.1', keyword: 'MUST', quote: '' },
    requirement: 'A server without in-band registration answers a registration get with <service-unavailable/> (or, before authentication, ends the stream with <not-authorized/>).',
    // for servers without the feature: runs whatever the probe found, and skips when registration answers
    needsSupport: false,
    async run(t) {
      const s = await t.secureStream();
      const form = await refusableBeforeAuth(s, () => registrationForm(s, t.domain));
      if (!form) return t.outcome(REFUSED_BEFORE_AUTH);
      if (form.response.attrs.type === 'result') return t.skip(`server ${t.domain} answers registration requests (${describeRegistration(form)})`);
      t.expectError(form.response, ['service-unavailable']);
      t.outcome('an error with <service-unavailable/>');
    },
  },
  {
    id: 'XEP0077-3.1-3',
    cite: { section: '3.1', keyword: 'MUST', quote: '' },
    requirement: 'Submitting the fields creates the account, and the new account can then authenticate with SASL.',
    async run(t) {
      const own = freshAccount(t);
      deferDeletion(t, own);
      const s = await t.secureStream();
      const form = await t.setup('get the registration fields', () => registrationForm(s, t.domain));
      if (!offersRegistration(form)) return t.skip(`the server offers no fields to fill in: ${describeRegistration(form)}`);
      const response = await s.iq(registrationSet(form, own.account.local, own.account.password));
      t.check(response.attrs.type === 'result', `a result to the registration of ${own.account.jid}`, response);
      const login = await attemptLogin(t, own.account, own.account.password);
      t.check(login.session !== undefined, `a SASL login as the new account ${own.account.jid}`, login.refusal);
    },
  },
  {
    id: 'XEP0077-3.1-4',
    cite: { section: '3.1', keyword: 'MUST', quote: '' },
    requirement: 'A registration that leaves out a required field, or gives an empty password, gets <not-acceptable/>.',
    async run(t) {
      const variants = [
        { what: 'the password left out', omit: 'password' },
        { what: 'an empty <password/>', empty: true },
      ];
      for (const { what, omit, empty } of variants) {
        const own = freshAccount(t);
        // should the server create the account anyway, it may have taken an empty password
        own.passwords.push('');
        deferDeletion(t, own);
        // a stream each: a server may refuse a second registration attempt on one stream
        const s = await t.secureStream();
        const form = await t.setup('get the registration fields', () => registrationForm(s, t.domain));
        if (!form.fields.includes('password') && !form.form) return t.skip(`the server asks for no password: ${describeRegistration(form)}`);
        const response = await s.iq(registrationSet(form, own.account.local, empty ? '' : own.account.password, omit));
        t.note(`registration of ${own.account.jid} with ${what}: ${describe(response.getChild('error') ?? response)}`);
        t.expectError(response, ['not-acceptable']);
      }
    },
  },
  {
    id: 'XEP0077-3.1-5',
    cite: { section: '3.1', keyword: 'MUST', quote: '' },
    requirement: 'Registering a username that is already taken gets <conflict/>.',
    async run(t) {
      // the taken name is an account of the case's own: a server that wrongly accepted the
      // registration would overwrite the password of a given account
      const own = await createAccount(t);
      const other = freshAccount(t);
      own.passwords.push(other.account.password);
      const s = await t.secureStream();
      const form = await t.setup('get the registration fields', () => registrationForm(s, t.domain));
      const response = await s.iq(registrationSet(form, own.account.local, other.account.password));
      t.expectError(response, ['conflict']);
    },
  },
  {
    id: 'XEP0077-3.1-6',
    cite: { section: '3.1', keyword: 'MUST', quote: '' },
    requirement: 'Once authenticated, a registration get returns <registered/> and the details on file.',
    accounts: 1,
    transports: STANZA_TRANSPORTS,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.login(a!);
      const form = await registrationForm(s);
      t.check(form.registered, `<registered/> in the answer to ${a!.jid}`, form.response);
      const username = form.response.getChild('query')?.getChildText('username');
      t.should(username === a!.local, `the username on file (${a!.local})`, form.response);
    },
  },
]);
