import { NS, type Session } from '../../src/authoring.js';
import { type DiscoInfo, discoInfo, discoItems } from './disco.js';

/** A MUC service found by disco: its JID, the entity a report names, and what its disco#info said. */
export interface MucService {
  jid: string;
  entity: string;
  info: DiscoInfo;
}

const isConference = (info: DiscoInfo): boolean => info.identities.some((i) => i.category === 'conference' && i.type === 'text');

/**
 * The MUC service (XEP-0045 §6.1): the server itself or one of its disco#items whose disco#info
 * shows identity conference/text or the muc feature, one that shows both first. `items` is how
 * many disco#items the server listed, for the report when none is found.
 */
export async function findMucService(s: Session, domain: string): Promise<{ service?: MucService; items: number }> {
  const candidates: MucService[] = [];
  const own = await discoInfo(s, domain);
  if (isConference(own) || own.features.includes(NS.muc)) candidates.push({ jid: domain, entity: `server ${domain}`, info: own });
  const items = await discoItems(s, domain);
  for (const item of items.items.filter((i) => i.node === undefined && i.jid)) {
    const info = await discoInfo(s, item.jid);
    if (info.ok && (isConference(info) || info.features.includes(NS.muc))) candidates.push({ jid: item.jid, entity: `component ${item.jid}`, info });
  }
  return { service: candidates.find((c) => isConference(c.info) && c.info.features.includes(NS.muc)) ?? candidates[0], items: items.items.length };
}
