import { bare, defineCases, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { AVATAR_METADATA, avatarPublished, deferRestore, freshAvatar, photoBytes, photoIs, photoOf, publishAvatar, refusal, vcardGet } from '../lib/avatar.js';
import xep0398 from '../requirements/xep-0398.js';

/** What a PHOTO holds, for findings. */
function holds(photo: ReturnType<typeof photoOf>): string {
  const bytes = photoBytes(photo);
  if (photo === undefined) return 'no PHOTO';
  if (Buffer.isBuffer(bytes)) return `a PHOTO of ${bytes.length} bytes, not the image`;
  const external = photo.getChildText('EXTVAL');
  return external ? `a PHOTO with EXTVAL '${external}' and ${bytes}` : bytes;
}

/** XEP-0398 §3.1: from PEP to the vCard. */
export default defineCases({ spec: 'xep-0398', role: 'server' }, [
  {
    id: 'XEP0398-3.1-1',
    cite: citationOf(xep0398, 'XEP0398-3.1-1'),
    requirement: "An avatar published by XEP-0084 (data, then metadata) becomes the PHOTO of the user's vCard: the user's own vCard get returns the same image bytes.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const s = await t.login(a!);
      await deferRestore(t, s);
      const avatar = freshAvatar();
      await avatarPublished(t, s, avatar);
      const own = photoOf(await vcardGet(s));
      t.check(photoIs(own, avatar), `the ${avatar.bytes.length}-byte image (SHA-1 ${avatar.id}) as the PHOTO of the vCard of ${bare(s.jid!)}`, holds(own));
      // the vCard is world-readable (XEP-0054); whether a stranger sees the photo is the server's policy on the avatar nodes
      const stranger = await t.login(b!);
      t.note(`a user without a subscription ${photoIs(photoOf(await vcardGet(stranger, bare(s.jid!))), avatar) ? 'sees' : 'does not see'} the photo in that vCard`);
    },
  },
  {
    id: 'XEP0398-3.1-2',
    cite: citationOf(xep0398, 'XEP0398-3.1-2'),
    requirement: 'Of several <info/> elements in the metadata, the one without a url is converted.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      await deferRestore(t, s);
      const [avatar, elsewhere] = [freshAvatar(), freshAvatar()];
      // an image hosted elsewhere comes first: the service must pick the one in the data node
      const external = x('info', { bytes: String(elsewhere.bytes.length), id: elsewhere.id, type: elsewhere.type, url: `https://avatars.example.org/${elsewhere.id}.png` });
      await t.setup(`publish a XEP-0084 avatar whose metadata names an external image first`, async () => {
        const { data, metadata } = await publishAvatar(s, avatar, [external]);
        for (const r of [data, metadata]) if (r.attrs.type !== 'result') throw new Error(refusal(r));
      });
      const photo = photoOf(await vcardGet(s));
      t.check(photoIs(photo, avatar), `the image of the <info/> without a url (SHA-1 ${avatar.id}) as the PHOTO`, holds(photo));
    },
  },
  {
    id: 'XEP0398-3.1-3',
    cite: citationOf(xep0398, 'XEP0398-3.1-3'),
    requirement: 'Metadata whose id is not the SHA-1 of the published data does not put that image into the vCard.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      await deferRestore(t, s);
      const [good, bad] = [freshAvatar(), freshAvatar()];
      await avatarPublished(t, s, good);
      if (!photoIs(photoOf(await vcardGet(s)), good)) return t.skip('unproven: a XEP-0084 avatar with a correct id did not become the PHOTO either (XEP0398-3.1-1)', 'unproven');
      // the data of `bad` under an id that is not its SHA-1
      const wrongId = freshAvatar().id;
      await t.setup(`publish an image under the id ${wrongId}, which is not its SHA-1, and metadata naming it`, async () => {
        const { data, metadata } = await publishAvatar(s, bad, [], wrongId);
        for (const r of [data, metadata]) if (r.attrs.type !== 'result') throw new Error(refusal(r));
      });
      const photo = photoOf(await vcardGet(s));
      t.check(!photoIs(photo, bad), `no PHOTO of the image whose SHA-1 (${bad.id}) is not the id ${wrongId} of its item in ${AVATAR_METADATA}`, 'the vCard took that image');
    },
  },
]);
