import { describe, x, type Element } from '../../xml/element.js';
import { NS } from '../../xml/namespaces.js';
import { iq } from '../stanza.js';
import type { NegotiatingStream } from './stream.js';

/** Binding was refused; the response is evidence for the binding cases. */
export class BindFailure extends Error {
  constructor(readonly response: Element) {
    super(`resource binding failed: ${describe(response)}`);
    this.name = 'BindFailure';
  }
}

/** Binds a resource (RFC 6120 §7; the server's choice without one) and returns the full JID. */
export async function bindResource(s: NegotiatingStream, resource?: string): Promise<string> {
  const response = await s.iq(iq('set', {}, x('bind', { xmlns: NS.bind }, resource ? x('resource', {}, resource) : undefined)));
  const jid = response.getChild('bind', NS.bind)?.getChildText('jid');
  if (response.attrs.type !== 'result' || !jid) throw new BindFailure(response);
  return jid;
}

/** The RFC 3921 §3 session, when the features offer it and do not mark it optional; its answer, or undefined when not needed. */
export async function establishSession(s: NegotiatingStream): Promise<Element | undefined> {
  const feature = s.features?.getChild('session', NS.session);
  if (!feature || feature.getChild('optional')) return undefined;
  return s.iq(iq('set', {}, x('session', { xmlns: NS.session })));
}
