import { type Account, type CaseContext, type Element, iq, match, NS, type SaslCredentials, type Session, token, x } from '../../src/authoring.js';

/** The SASL credentials of an account; `changes` replace parts (a wrong password, an authzid). */
export function credentials(account: Account, changes: Partial<SaslCredentials> = {}): SaslCredentials {
  return { username: account.local, password: account.password, domain: account.domain, ...changes };
}

/** A localpart no account has: for addresses and credentials that must lead nowhere. */
export function unknownLocalpart(): string {
  return `certify-nobody-${token(4)}`;
}

/** Credentials of an account that does not exist: nothing secret crosses the wire with them. */
export function unknownCredentials(t: CaseContext): SaslCredentials {
  return { username: unknownLocalpart(), password: token(8), domain: t.domain };
}

/** A stream opened in the clear, with its first <stream:features/>. */
export async function clearStream(t: CaseContext, label?: string): Promise<Session> {
  const s = await t.connect(label);
  await t.setup(`open a stream as ${s.label}`, () => s.open());
  return s;
}

/** A stream secured where STARTTLS is offered and authenticated as `account`, no resource bound yet. */
export async function authenticatedStream(t: CaseContext, account: Account, label = 'A'): Promise<Session> {
  const s = await t.secureStream(label);
  await t.setup(`authenticate as ${account.jid}`, () => s.authenticate(credentials(account)));
  return s;
}

/** Waits for the server's next SASL element (<challenge/>, <success/> or <failure/>). */
export function saslAnswer(s: Session): Promise<Element> {
  return s.expect(match('a SASL <challenge/>, <success/> or <failure/>', (el) => el.getNS() === NS.sasl));
}

/** The case's first two accounts logged in: a sender, and a recipient with initial presence. */
export async function loginPair(t: CaseContext): Promise<[Session, Session]> {
  const [a, b] = t.accounts;
  return Promise.all([t.login(a!), t.login(b!, { presence: true })]);
}

/** Waits until the replies to everything `s` sent are in (a ping round trip); false when the stream ended instead. */
export async function settled(s: Session): Promise<boolean> {
  try {
    await s.sync();
    return true;
  } catch (err) {
    if (s.isClosed) return false;
    throw err;
  }
}

/** An XEP-0199 ping: an IQ every entity answers, with a result or an error. */
export function ping(to: string, id?: string): Element {
  return iq('get', { to, id }, x('ping', { xmlns: NS.ping }));
}
