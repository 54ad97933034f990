import { x, type Element } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';

/**
 * The people and rooms a client under certification meets on the host, scripted and the same
 * in every run: two contacts in its roster (subscription both), a stranger who is not, and a
 * MUC service whose rooms exist on demand with one occupant already inside.
 */
export interface World {
  domain: string;
  /** Contacts in the client's roster, by bare JID. */
  contacts: { jid: string; name: string; group: string }[];
  /** The contact stanzas from the tool come from, unless a case says otherwise. */
  peer: string;
  /** Someone the client has no subscription with. */
  stranger: string;
  /** The MUC service. */
  conference: string;
  /** The occupant every room already has. */
  occupant: { nick: string; jid: string };
}

/** Whether `bare` is one of the world's people (the others are unknown, and offline). */
export function isPerson(world: World, bare: string): boolean {
  const known = [...world.contacts.map((c) => c.jid), world.peer, world.stranger, world.occupant.jid].map((j) => j.split('/')[0]!.toLowerCase());
  return known.includes(bare.toLowerCase());
}

/** The resource every scripted person is online with. */
export const WORLD_RESOURCE = 'certify';

export function worldFor(domain: string): World {
  return {
    domain,
    contacts: [
      { jid: `romeo@${domain}`, name: 'Romeo', group: 'Friends' },
      { jid: `mercutio@${domain}`, name: 'Mercutio', group: 'Friends' },
    ],
    peer: `romeo@${domain}/${WORLD_RESOURCE}`,
    stranger: `tybalt@${domain}/${WORLD_RESOURCE}`,
    conference: `conference.${domain}`,
    occupant: { nick: 'Nurse', jid: `nurse@${domain}/${WORLD_RESOURCE}` },
  };
}

/** What a scripted person answers to disco#info: a plain client (its caps are not the subject). */
export function personInfo(node: string | undefined): Element {
  return x('query', { xmlns: NS.discoInfo, node },
    x('identity', { category: 'client', type: 'pc', name: 'xmpp-certify contact' }),
    x('feature', { var: NS.discoInfo }));
}

/** A MUC service's or room's disco#info (XEP-0045 §6.2, §6.4): an open, non-anonymous room. */
export function conferenceInfo(room: boolean, node: string | undefined): Element {
  if (!room) {
    return x('query', { xmlns: NS.discoInfo, node },
      x('identity', { category: 'conference', type: 'text', name: 'Chatrooms' }),
      x('feature', { var: NS.discoInfo }), x('feature', { var: NS.muc }));
  }
  return x('query', { xmlns: NS.discoInfo, node },
    x('identity', { category: 'conference', type: 'text', name: 'A room' }),
    ...[NS.discoInfo, NS.muc, 'muc_open', 'muc_public', 'muc_nonanonymous', 'muc_unmoderated', 'muc_persistent'].map((v) => x('feature', { var: v })));
}

/** Occupant presence from a room (XEP-0045 §7.2.2): the item, and status codes. */
export function occupantPresence(from: string, to: string, item: { jid?: string; affiliation: string; role: string }, codes: string[] = [], type?: string): Element {
  return x('presence', { from, to, type },
    x('x', { xmlns: NS.mucUser },
      x('item', item),
      ...codes.map((code) => x('status', { code }))));
}
