import { type Account, type CaseContext, describe, type Element, iq, NS, parseAccount, query, SaslFailure, type Session, stanzaError, token, x } from '../../src/authoring.js';

/** What a registration get (XEP-0077 §3.1) answered. */
export interface RegistrationForm {
  response: Element;
  /** The plain fields asked for (username, password, email, …), <instructions/> left out. */
  fields: string[];
  /** The jabber:x:data form (XEP-0077 §4), if one came. */
  form?: Element;
  /** Instructions and/or an out-of-band URL only: registration happens elsewhere (§5). */
  redirect: boolean;
  /** <registered/>: the requester already has an account. */
  registered: boolean;
}

/** Sends a registration get to the server and reads the answer. */
export async function registrationForm(session: Session, to?: string): Promise<RegistrationForm> {
  const response = await session.iq(iq('get', { to }, query(NS.register)));
  const q = response.attrs.type === 'result' ? response.getChild('query', NS.register) : undefined;
  const children = q?.getChildElements() ?? [];
  const fields = children.filter((c) => c.getNS() === NS.register && !['instructions', 'registered', 'remove'].includes(c.getName())).map((c) => c.getName());
  const form = q?.getChild('x', NS.dataForms);
  return {
    response,
    fields,
    form,
    redirect: q !== undefined && fields.length === 0 && !form,
    registered: q?.getChild('registered') !== undefined,
  };
}

/** Whether a registration form lets an account be created in band: plain fields or a data form. */
export function offersRegistration(form: RegistrationForm): boolean {
  return (form.fields.includes('username') && form.fields.includes('password')) || (form.form?.getChildren('field').length ?? 0) > 0;
}

/** A one-line account of a registration answer, for notes and probe details. */
export function describeRegistration(form: RegistrationForm): string {
  if (form.response.attrs.type !== 'result') return `an error <${stanzaError(form.response)?.condition ?? '?'}/>`;
  if (form.registered) return 'an answer saying the requester is already registered';
  if (form.redirect) return 'a redirect (instructions or an out-of-band URL only)';
  const plain = form.fields.length ? `fields ${form.fields.map((f) => `<${f}/>`).join(' ')}` : 'no plain fields';
  return `${plain}${form.form ? ' and a data form' : ''}`;
}

/**
 * The registration set for `local`/`password` (XEP-0077 §3.1), answering every field the form
 * asked for, as the spec requires, except `omit` (to provoke the "information missing" error).
 * Fields other than username and password get harmless placeholder values.
 */
export function registrationSet(form: RegistrationForm, local: string, password: string, omit?: string): Element {
  const value = (name: string): string => name === 'username' ? local : name === 'password' ? password : name === 'email' ? `${local}@example.invalid` : 'certify';
  if (form.form && form.fields.length === 0) {
    const submitted = form.form.getChildren('field').filter((f) => f.attrs.var && f.attrs.var !== omit).map((f) => {
      const fixed = f.attrs.type === 'hidden' || f.attrs.type === 'fixed' ? f.getChildText('value') : undefined;
      return x('field', { var: f.attrs.var }, x('value', {}, fixed ?? value(f.attrs.var as string)));
    });
    return iq('set', {}, query(NS.register, {}, x('x', { xmlns: NS.dataForms, type: 'submit' }, ...submitted)));
  }
  return iq('set', {}, query(NS.register, {}, ...form.fields.filter((f) => f !== omit).map((f) => x(f, {}, value(f)))));
}

/** An account the case created itself; `passwords` lists every password it may have now. */
export interface OwnAccount {
  account: Account;
  passwords: string[];
}

/** A fresh, unused account name on the domain under test, and a random password. */
export function freshAccount(t: CaseContext): OwnAccount {
  const account = parseAccount(`certify-${token(5)}@${t.domain}`, t.secret(token(9)));
  return { account, passwords: [account.password] };
}

/**
 * Deletes `own` when the case ends, however it ends: logs in with each password it may have
 * now (a case may have changed or blanked it) and sends <remove/> (XEP-0077 §3.2). An account
 * that no password opens is taken as never created or already gone.
 */
export function deferDeletion(t: CaseContext, own: OwnAccount): void {
  t.defer(async () => {
    for (const password of [...new Set(own.passwords)]) {
      const attempt = await attemptLogin(t, own.account, password, 'clean-up');
      if (!attempt.session) continue;
      await attempt.session.iq(iq('set', {}, query(NS.register, {}, x('remove')))).catch(() => undefined);
      return;
    }
    t.note(`clean-up: ${own.account.jid} does not exist (never created, or already removed)`);
  });
}

/**
 * Registers a fresh account in band on a stream of its own, as preparation for a case: any
 * refusal is an ERROR of the case. The account is deleted when the case ends.
 */
export async function createAccount(t: CaseContext): Promise<OwnAccount> {
  const own = freshAccount(t);
  deferDeletion(t, own);
  await t.setup(`register ${own.account.jid} in band`, async () => {
    const s = await t.secureStream('register');
    const form = await registrationForm(s, t.domain);
    if (!offersRegistration(form)) throw new Error(`the registration get returned ${describeRegistration(form)}`);
    const response = await s.iq(registrationSet(form, own.account.local, own.account.password));
    if (response.attrs.type !== 'result') throw new Error(`the registration was refused: ${describe(response, 300)}`);
    await s.close();
  });
  return own;
}

/**
 * Tries to log in with `password` (SASL and bind on a new stream). A refusal by SASL is a
 * result, not an error, so cases can check that a password does or does not work.
 */
export async function attemptLogin(t: CaseContext, account: Account, password: string, label = 'login'): Promise<{ session?: Session; refusal?: string }> {
  const session = await t.secureStream(label);
  try {
    await session.authenticate({ username: account.local, password, domain: account.domain });
  } catch (err) {
    if (err instanceof SaslFailure) {
      session.destroy('SASL refused');
      return { refusal: `SASL <${err.condition}/>` };
    }
    throw err;
  }
  await t.setup(`bind a resource for ${account.jid}`, () => session.bind(`certify-${token(3)}`));
  await t.setup(`establish the session for ${account.jid}`, () => session.establishSession());
  return { session };
}
