import { type Element, iq, NS, query } from '../../src/authoring.js';
import type { Requester } from '../lib/disco.js';

/** An entity's answer to a jabber:iq:version get (XEP-0092 §2), and the values it gave. */
export interface VersionAnswer {
  response: Element;
  /** The <query/> of a result; undefined for an error. */
  query?: Element;
  name?: string;
  version?: string;
  os?: string;
}

/** Asks `to` (a server domain, a client's full JID) for its software version. */
export async function askVersion(via: Requester, to: string): Promise<VersionAnswer> {
  const response = await via.iq(iq('get', { to }, query(NS.version)));
  const q = response.attrs.type === 'result' ? response.getChild('query', NS.version) : undefined;
  const text = (name: string): string | undefined => q?.getChild(name)?.getText().trim();
  return { response, query: q, name: text('name'), version: text('version'), os: text('os') };
}

/** XEP-0092 v1.1 §2: the two elements a result must hold (quoted by the server and the client cases). */
export const NAME_AND_VERSION = '<name/> -- The natural-language name of the software. This element is REQUIRED in a result. <version/> -- The specific version of the software. This element is REQUIRED in a result.';
