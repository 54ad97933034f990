import type { Element } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';

/**
 * Payloads of IQ requests after which the server keeps nothing for the sending resource: what
 * they change belongs to the account (a roster item, a published item, a vCard) or to nobody.
 * A request outside this list may tie state to the resource, so it is presumed to.
 */
const STATELESS_IQ: ReadonlySet<string> = new Set([
  NS.discoInfo, NS.discoItems, NS.vcard, NS.version, NS.ping, NS.register, NS.bind, NS.session,
  NS.pubsubOwner, NS.mucOwner, NS.mucAdmin, 'jabber:iq:last', 'urn:xmpp:time', 'jabber:iq:private',
]);

/**
 * Why the server keeps state for the resource that sent `stanza` (undefined: it keeps none), so
 * a logged-in session is handed to a later case only if nothing it sent left such state:
 * - any presence: availability, directed presence, room occupancy (RFC 6121 §4.6, §4.2);
 * - a roster get makes an interested resource that receives pushes (RFC 6121 §2.1.6), a block
 *   list get likewise (XEP-0191 §3.3); sets change only the account;
 * - privacy lists: the active list belongs to the session (XEP-0016 §2.3);
 * - a pubsub subscription may name the full JID (XEP-0060 §6.1);
 * - anything that is not a stanza (a nonza: compression, stream management, …).
 */
export function residueOf(stanza: Element): string | undefined {
  if (stanza.name === 'message') return undefined;
  if (stanza.name === 'presence') return 'it sent presence (RFC 6121 §4)';
  if (stanza.name !== 'iq') return `it sent <${stanza.name}/>, which is not a stanza`;
  const type = stanza.attrs.type;
  if (type === 'result' || type === 'error') return undefined;
  const payload = stanza.getChildElements()[0];
  const xmlns = payload?.getNS() ?? '';
  if (xmlns === NS.roster) return type === 'get' ? 'it fetched the roster (an interested resource, RFC 6121 §2.1.6)' : undefined;
  if (xmlns === NS.blocking) return type === 'get' ? 'it fetched the block list (XEP-0191 §3.3)' : undefined;
  if (xmlns === NS.pubsub) return payload!.getChild('subscribe') || payload!.getChild('options') ? 'it subscribed to a pubsub node (XEP-0060 §6.1)' : undefined;
  if (STATELESS_IQ.has(xmlns)) return undefined;
  return `it sent an IQ in ${xmlns || 'no namespace'}, which may leave state for the resource`;
}
