import { bare, type CaseContext, describe, type Element, iq, query, type Session, stanzaError, token, x } from '../../src/authoring.js';
import { deleteNode, publish, requestItems } from '../xep-0163/pep.js';
import { itemsOf, retract } from './private-pep.js';

/**
 * Bookmarks in their three homes, for the XEP-0048 and XEP-0402 suites: XEP-0402 items in
 * urn:xmpp:bookmarks:1 (one per room), the XEP-0048 list in the PEP node storage:bookmarks (one
 * item 'current'), and the same list in XEP-0049 private storage. A case adds bookmarks of rooms
 * of its own and takes them out of every home when it ends, leaving the account's other
 * bookmarks as they were.
 */

export const BOOKMARKS = 'urn:xmpp:bookmarks:1';
export const LEGACY = 'storage:bookmarks';
const PRIVATE_NS = 'jabber:iq:private';

/** XEP-0402 v1.1.4 §3.3's publish-options. */
export const BOOKMARK_OPTIONS: Readonly<Record<string, string>> = {
  'pubsub#persist_items': 'true',
  'pubsub#max_items': 'max',
  'pubsub#send_last_published_item': 'never',
  'pubsub#access_model': 'whitelist',
};

/** XEP-0048 v1.2 §3.1's publish-options. */
export const LEGACY_OPTIONS: Readonly<Record<string, string>> = {
  'pubsub#persist_items': 'true',
  'pubsub#access_model': 'whitelist',
};

/** What a bookmark says of its room. */
export interface Bookmark {
  jid: string;
  name: string;
  autojoin: boolean;
  nick: string;
}

/** A bookmark of a room no one else bookmarked (RFC 2606's example.org: it is never joined). */
export function freshBookmark(): Bookmark {
  const id = token();
  return { jid: `certify-${id}@muc.example.org`, name: `Certify ${id}`, autojoin: true, nick: `nick-${token(2)}` };
}

/** XEP-0402 §2's <conference/>: the room is the item id. */
export function conference(b: Bookmark): Element {
  return x('conference', { xmlns: BOOKMARKS, name: b.name, autojoin: String(b.autojoin) }, x('nick', {}, b.nick));
}

/** XEP-0048 §2.1's <conference/>, inside a <storage/>. */
export function legacyConference(b: Bookmark): Element {
  return x('conference', { jid: b.jid, name: b.name, autojoin: String(b.autojoin) }, x('nick', {}, b.nick));
}

/** What a <conference/> of either kind says, the room taken from `jid` where it has no jid attribute. */
export function bookmarkIn(el: Element, jid = el.attrs.jid as string): Bookmark {
  const autojoin = el.attrs.autojoin as string | undefined;
  return { jid, name: (el.attrs.name as string | undefined) ?? '', autojoin: autojoin === 'true' || autojoin === '1', nick: el.getChildText('nick') ?? '' };
}

/** How a bookmark of the room differs from the one wanted, field by field, or nothing. */
export function differences(want: Bookmark, got: Bookmark): string[] {
  const found = sameRoom(got.jid, want.jid) ? [] : [`jid '${got.jid}', not '${want.jid}'`];
  for (const k of ['name', 'autojoin', 'nick'] as const) if (got[k] !== want[k]) found.push(`${k} '${String(got[k])}', not '${String(want[k])}'`);
  return found;
}

// ---- XEP-0402 -------------------------------------------------------------------------------

/**
 * Publishes a bookmark as XEP-0402 §3.3 has it: item id the room, §3.3's publish-options, or
 * `options` where a case sets the scene with others the server takes (see the suite's probe).
 */
export function publishBookmark(s: Session, b: Bookmark, options: Readonly<Record<string, string>> = BOOKMARK_OPTIONS): Promise<Element> {
  return publish(s, BOOKMARKS, b.jid, options, conference(b));
}

/** The XEP-0402 bookmarks of the account, from its own PEP service. */
export async function bookmarks(s: Session): Promise<{ response: Element; items: { id: string; payload?: Element }[] }> {
  const response = await requestItems(s, bare(s.jid!), BOOKMARKS);
  return { response, items: itemsOf(response) };
}

// ---- XEP-0048 lists: in private storage (XEP-0049) and in the PEP node storage:bookmarks ----

/** Where a XEP-0048 list lives. */
export type ListHome = 'private' | 'pep';

/** The XEP-0048 list in `home`: its <conference/> elements, and the response they came in. */
export async function legacyList(s: Session, home: ListHome): Promise<{ response: Element; conferences: Element[] }> {
  const response = home === 'private'
    ? await s.iq(iq('get', {}, query(PRIVATE_NS, {}, x('storage', { xmlns: LEGACY }))))
    : await requestItems(s, bare(s.jid!), LEGACY);
  const storage = home === 'private'
    ? response.getChild('query', PRIVATE_NS)?.getChild('storage', LEGACY)
    : itemsOf(response).find((i) => i.id === 'current')?.payload;
  return { response, conferences: storage?.getChildren('conference') ?? [] };
}

/** Stores a whole XEP-0048 list in `home` (a replacement, as XEP-0048 has clients do). */
export function storeLegacyList(s: Session, home: ListHome, conferences: Element[]): Promise<Element> {
  const storage = x('storage', { xmlns: LEGACY }, ...conferences);
  return home === 'private' ? s.iq(iq('set', {}, query(PRIVATE_NS, {}, storage))) : publish(s, LEGACY, 'current', LEGACY_OPTIONS, storage);
}

/** The list in `home` with `b` added (read, add, store): the account's other bookmarks stay. */
export async function addToList(s: Session, home: ListHome, b: Bookmark): Promise<Element> {
  const { conferences } = await legacyList(s, home);
  return storeLegacyList(s, home, [...conferences.filter((c) => !sameRoom(c.attrs.jid, b.jid)), legacyConference(b)]);
}

export function sameRoom(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

// ---- clean-up --------------------------------------------------------------------------------

/**
 * Takes the case's rooms out of every home when it ends, as the account: each XEP-0048 list
 * that holds one of them is stored again without it, and the XEP-0402 items are retracted; where
 * the server unifies the homes, what one step removes the next finds gone already. A
 * storage:bookmarks node that the account did not have before and that is left empty is deleted,
 * so that XEP-0048 clients do not take an empty node for the account's list (XEP-0049 storage has
 * no delete: an empty list there says the same as none).
 */
export async function deferWithdraw(t: CaseContext, s: Session, rooms: Bookmark[]): Promise<void> {
  const before = (await legacyList(s, 'pep')).response;
  const pepNodeNew = before.attrs.type === 'error' && stanzaError(before)?.condition === 'item-not-found';
  t.deferAs(s, async (live) => {
    for (const home of ['private', 'pep'] as const) {
      const { response, conferences } = await legacyList(live, home);
      if (response.attrs.type !== 'result') continue;
      const kept = conferences.filter((c) => !rooms.some((r) => sameRoom(c.attrs.jid, r.jid)));
      if (home === 'pep' && pepNodeNew && kept.length === 0) {
        const deleted = await deleteNode(live, LEGACY);
        if (deleted.attrs.type !== 'result' && stanzaError(deleted)?.condition !== 'item-not-found') expectDone(`delete ${LEGACY}`, deleted);
      } else if (kept.length !== conferences.length) {
        expectDone(`store the ${home} XEP-0048 list without the case's rooms`, await storeLegacyList(live, home, kept));
      }
    }
    const { items } = await bookmarks(live);
    for (const r of rooms.filter((room) => items.some((i) => sameRoom(i.id, room.jid)))) {
      const response = await retract(live, BOOKMARKS, r.jid);
      if (response.attrs.type !== 'result' && stanzaError(response)?.condition !== 'item-not-found') expectDone(`retract ${r.jid}`, response);
    }
  });
}

function expectDone(what: string, response: Element): void {
  if (response.attrs.type !== 'result') throw new Error(`${what}: ${describe(response, 300)}`);
}

