import crypto from 'node:crypto';
import { type Account, type Element, iq, NS, query, type Session, stanzaError, x } from '../../src/authoring.js';

/** The answer to a jabber:iq:auth fields request (XEP-0078 §3.1). */
export interface AuthFields {
  response: Element;
  /** Names of the fields in a result: username, password, digest, resource. */
  fields: string[];
}

/** Asks server `domain` which fields authentication needs, naming `username`. */
export async function authFields(session: Session, domain: string, username: string): Promise<AuthFields> {
  const response = await session.iq(iq('get', { to: domain }, query(NS.auth, {}, x('username', {}, username))));
  const q = response.attrs.type === 'result' ? response.getChild('query', NS.auth) : undefined;
  return { response, fields: (q?.getChildElements() ?? []).map((c) => c.getName()) };
}

/** Whether the fields are what a client needs to log in: username, resource, and a password or digest. */
export function usableFields(fields: string[]): boolean {
  return fields.includes('username') && fields.includes('resource') && (fields.includes('password') || fields.includes('digest'));
}

export function describeFields(answer: AuthFields): string {
  return answer.response.attrs.type === 'result' ? `fields ${answer.fields.map((f) => `<${f}/>`).join(' ') || '(none)'}` : `an error <${stanzaError(answer.response)?.condition ?? '?'}/>`;
}

/** The digest of XEP-0078 §3.1: lowercase hex SHA-1 of the stream id followed by the password. */
export function authDigest(streamId: string, password: string): string {
  return crypto.createHash('sha1').update(streamId + password, 'utf8').digest('hex');
}

/** A jabber:iq:auth set; a field given as undefined is left out. */
export function authSet(fields: { username?: string; password?: string; digest?: string; resource?: string }): Element {
  const children = Object.entries(fields).filter(([, v]) => v !== undefined).map(([name, v]) => x(name, {}, v));
  return iq('set', {}, query(NS.auth, {}, ...children));
}

/** A plaintext jabber:iq:auth login of `account` with `resource`. */
export function plaintextLogin(session: Session, account: Account, resource: string, password = account.password): Promise<Element> {
  return session.iq(authSet({ username: account.local, password, resource }));
}
