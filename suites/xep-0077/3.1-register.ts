import { defineCases, describe, STANZA_TRANSPORTS } from '../../src/authoring.js';
import {
  attemptLogin, createAccount, deferDeletion, describeRegistration, freshAccount, offersRegistration, registrationForm, registrationSet,
} from '../lib/registration.js';
import { REFUSED_BEFORE_AUTH, refusableBeforeAuth } from '../lib/streams.js';

/** XEP-0077 §3.1: an entity registers with the server, before authenticating. */
export default defineCases({ spec: 'xep-0077', role: 'server' }, [
  {
    id: 'XEP0077-3.1-1',
    cite: {
      section: '3.1',
      anchor: 'usecases-register',
      keyword: 'MUST',
      quote: 'If the entity is not already registered and the host supports In-Band Registration, the host MUST inform the entity of the required registration fields.',
    },
    requirement: 'Before authentication, a registration get returns the required fields (or a data form, or the redirect §3.1 allows: "MAY return an <instructions/> element only").',
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
    cite: {
      section: '3.1',
      anchor: 'usecases-register',
      keyword: 'MUST',
      quote: 'If the host does not support In-Band Registration, it MUST return a <service-unavailable/> error.',
    },
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
    // XEP-0077 describes the registration succeeding ("Host Informs Entity of Successful
    // Registration") without a keyword; what makes it binding is the suite that names it
    cite: {
      doc: 'XEP-0073',
      version: '1.1',
      section: '3',
      anchor: 'def',
      keyword: 'RECOMMENDED',
      quote: 'Traditionally, Jabber servers (and some services) have also offered the ability for clients to register accounts "in-band" (see In-Band Registration (XEP-0077)) …; support for that protocol is RECOMMENDED but any given server deployment MAY disable in-band registration as a matter of service provisioning.',
    },
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
    cite: {
      section: '3.1',
      anchor: 'usecases-register',
      keyword: 'MUST',
      // the footnote after "information during registration" reads: "This includes providing an
      // empty password element or a password element that contains no XML character data"
      quote: 'If the requesting entity does not provide all of the requested information during registration … then the server or service MUST return a <not-acceptable/> error to the requesting entity.',
    },
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
    cite: {
      absent: 'v2.2 §3.1 names a username conflict among the "possible causes of failure" and shows <conflict/> only in an example; no keyword requires that error (nor does a later version)',
    },
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
    cite: {
      section: '3.1',
      anchor: 'usecases-register',
      keyword: ['MUST', 'SHOULD'],
      quote: "If the host determines (based on the 'from' address) that the entity is already registered, the IQ result … MUST contain an empty <registered/> element (indicating that the entity is already registered), SHOULD contain the registration information currently on file for the entity …",
    },
    requirement: 'Once authenticated, a registration get returns <registered/> (MUST) and the details on file, the username at least (SHOULD).',
    accounts: 1,
    transports: STANZA_TRANSPORTS,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.login(a!);
      const form = await registrationForm(s);
      t.must(form.registered, `<registered/> in the answer to ${a!.jid}`, form.response);
      const username = form.response.getChild('query')?.getChildText('username');
      t.should(username === a!.local, `the username on file (${a!.local})`, form.response);
    },
  },
]);
