import { type CaseContext, describe, type Element } from '../../src/authoring.js';
import { type Avatar, avatarPublished, deferRestore, freshAvatar, photoOf, vcardGet } from '../lib/avatar.js';

/**
 * The PHOTO the server wrote into the account's vCard for a fresh XEP-0084 avatar (XEP-0398
 * §3.1): the vCard a server writes itself is held to XEP-0153's rules on the PHOTO. A server
 * that wrote none leaves nothing to judge.
 */
export async function convertedPhoto(t: CaseContext): Promise<{ avatar: Avatar; photo: Element }> {
  const s = await t.login(t.accounts[0]!);
  await deferRestore(t, s);
  const avatar = freshAvatar();
  await avatarPublished(t, s, avatar);
  const response = await vcardGet(s);
  const photo = photoOf(response);
  if (!photo) return t.skip(`the server wrote no PHOTO into the vCard for a XEP-0084 avatar: ${describe(response, 300)}`);
  return { avatar, photo };
}
