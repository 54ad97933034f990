import type { Session } from '../../src/session/session.js';
import { iq, query } from '../../src/session/stanza.js';
import type { Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';

/** A server's answer to a jabber:iq:version get (XEP-0092 §2), and the values it gave. */
export interface VersionAnswer {
  response: Element;
  /** The <query/> of a result; undefined for an error. */
  query?: Element;
  name?: string;
  version?: string;
  os?: string;
}

/** Asks the server `domain` for its software version. */
export async function askVersion(session: Session, domain: string): Promise<VersionAnswer> {
  const response = await session.iq(iq('get', { to: domain }, query(NS.version)));
  const q = response.attrs.type === 'result' ? response.getChild('query', NS.version) : undefined;
  const text = (name: string): string | undefined => q?.getChild(name)?.getText().trim();
  return { response, query: q, name: text('name'), version: text('version'), os: text('os') };
}
