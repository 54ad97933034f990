import type { CaseContext, Session } from '../../src/authoring.js';
import { type Bookmark, BOOKMARK_OPTIONS, deferWithdraw, freshBookmark, publishBookmark } from '../lib/bookmarks.js';
import { PRIVATE_NODE } from '../lib/private-pep.js';

/**
 * The publish-options a case sets its scene with: §3.3's, unless the probe found the server
 * refusing them and taking XEP-0223's (persist_items, whitelist) instead; XEP0402-3.3-1 judges
 * the refusal, the other cases what they are about.
 */
export function sceneOptions(t: CaseContext): Readonly<Record<string, string>> {
  return t.fact('options') === 'xep-0223' ? PRIVATE_NODE : BOOKMARK_OPTIONS;
}

/** Publishes a bookmark as a preparation step. */
export async function bookmarked(t: CaseContext, s: Session, room: Bookmark): Promise<void> {
  await t.setup(`publish the bookmark ${room.jid}`, async () => {
    const response = await publishBookmark(s, room, sceneOptions(t));
    if (response.attrs.type !== 'result') throw new Error(`refused: ${response.toString().slice(0, 300)}`);
  });
}

/** A bookmark of a fresh room, published as a preparation step and withdrawn when the case ends. */
export async function freshBookmarked(t: CaseContext, s: Session): Promise<Bookmark> {
  const room = freshBookmark();
  await deferWithdraw(t, s, [room]);
  await bookmarked(t, s, room);
  return room;
}
