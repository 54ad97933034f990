import { type CaseContext, defineCases, type Element, type Session } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { type Avatar, AVATAR_DATA, AVATAR_METADATA, avatarItems, deferRestore, freshAvatar, refusal, vcardWithPhoto } from '../lib/avatar.js';
import xep0398 from '../requirements/xep-0398.js';
import { loginInterested, notification } from '../xep-0163/pep.js';

/** The items a vCard with a PHOTO of `avatar` led to in the avatar nodes, if any. */
interface Converted {
  /** The data item holding the image, whatever its id. */
  data?: { id: string; payload?: Element };
  /** The metadata item naming the image's SHA-1. */
  metadata?: { id: string; payload?: Element };
  response: Element;
}

/**
 * Stores a vCard with a PHOTO of a fresh image (as a preparation step) and reads the avatar nodes.
 * A service that does not convert vCards to PEP (the text allows it not to) leaves nothing to judge.
 */
async function vcardStored(t: CaseContext, s: Session): Promise<{ avatar: Avatar } & Converted> {
  await deferRestore(t, s);
  const avatar = freshAvatar();
  await t.setup('store a vCard with a PHOTO', async () => {
    const response = await vcardWithPhoto(s, avatar);
    if (response.attrs.type !== 'result') throw new Error(refusal(response));
  });
  const data = await avatarItems(s, AVATAR_DATA);
  const metadata = await avatarItems(s, AVATAR_METADATA);
  const image = avatar.bytes.toString('base64');
  const found: Converted = {
    data: data.items.find((i) => i.payload?.getText().replace(/\s+/g, '') === image),
    metadata: metadata.items.find((i) => i.payload?.getChildren('info').some((info) => info.attrs.id === avatar.id)),
    response: data.response,
  };
  if (!found.data && !found.metadata) t.skip('the service does not convert a vCard PHOTO to XEP-0084 (it MAY): no avatar item holds or names the image');
  return { avatar, ...found };
}

/** XEP-0398 §3.2: from the vCard to PEP, where the service does it. */
export default defineCases({ spec: 'xep-0398', role: 'server' }, [
  {
    id: 'XEP0398-3.2-1',
    cite: citationOf(xep0398, 'XEP0398-3.2-1'),
    requirement: 'A service that converts vCards to PEP publishes the photo of a stored vCard to urn:xmpp:avatar:data, under the SHA-1 of the image.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const { avatar, data, response } = await vcardStored(t, s);
      t.check(data !== undefined, `an item of ${AVATAR_DATA} holding the image`, response);
      t.check(data!.id === avatar.id, `the item id the SHA-1 of the image, ${avatar.id}`, `id '${data!.id}'`);
    },
  },
  {
    id: 'XEP0398-3.2-2',
    cite: citationOf(xep0398, 'XEP0398-3.2-2'),
    requirement: "It then publishes metadata with one <info/> for that image, whose type is the vCard's TYPE.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const { avatar, metadata, response } = await vcardStored(t, s);
      t.check(metadata?.payload !== undefined, `an item of ${AVATAR_METADATA} whose <info/> names ${avatar.id}`, response);
      const infos = metadata!.payload!.getChildren('info');
      t.check(infos.length === 1, 'one <info/> in the metadata', metadata!.payload!);
      t.check(infos[0]!.attrs.type === avatar.type, `type='${avatar.type}' (the vCard's TYPE) on the <info/>`, metadata!.payload!);
    },
  },
  {
    id: 'XEP0398-3.2-3',
    cite: citationOf(xep0398, 'XEP0398-3.2-3'),
    requirement: "The user's resources interested in the metadata node are notified of the converted avatar.",
    accounts: 1,
    async run(t) {
      const account = t.accounts[0]!;
      const s = await t.login(account);
      const watcher = await loginInterested(t, account, [AVATAR_METADATA]);
      watcher.clearInbox();
      const { avatar } = await vcardStored(t, s);
      const told = await watcher.maybe(notification(AVATAR_METADATA, avatar.id), t.stepMs);
      t.check(told !== undefined, `a notification of the metadata item ${avatar.id} at ${watcher.jid}, whose caps ask for ${AVATAR_METADATA}`, 'none arrived');
    },
  },
]);
