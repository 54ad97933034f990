import { bare, type CaseContext, defineCases, type Element, presence, type Session, token, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { type Avatar, avatarPublished, deferRestore, freshAvatar, presenceHash, UPDATE_NS } from '../lib/avatar.js';
import xep0398 from '../requirements/xep-0398.js';
import { publisherAndContact } from '../xep-0163/pep.js';

/** The owner with a fresh avatar, and a contact with a presence subscription both ways. */
async function ownerWithAvatar(t: CaseContext): Promise<{ owner: Session; contact: Session; avatar: Avatar }> {
  const [a, b] = t.accounts;
  const [owner, contact] = await publisherAndContact(t, a!, b!);
  await deferRestore(t, owner);
  const avatar = freshAvatar();
  await avatarPublished(t, owner, avatar);
  return { owner, contact, avatar };
}

/** Sends a presence with a fresh status and returns it as `to` received it. */
async function seenBy(owner: Session, to: Session, stanza: (status: string) => Element): Promise<Element> {
  const status = `avatar ${token(3)}`;
  owner.send(stanza(status));
  return to.expect(presence({ fromBare: bare(owner.jid!), where: (el) => el.getChildText('status') === status }, `the presence with status "${status}"`));
}

/** XEP-0398 §4: the hash in presence. */
export default defineCases({ spec: 'xep-0398', role: 'server' }, [
  {
    id: 'XEP0398-4-1',
    cite: citationOf(xep0398, 'XEP0398-4-1'),
    requirement: "Available presence sent without a vcard-temp:x:update element reaches a contact carrying <x xmlns='vcard-temp:x:update'><photo>SHA-1 of the avatar</photo></x>.",
    accounts: 2,
    async run(t) {
      const { owner, contact, avatar } = await ownerWithAvatar(t);
      const got = await seenBy(owner, contact, (status) => x('presence', {}, x('status', {}, status)));
      t.check(presenceHash(got) === avatar.id, `<photo>${avatar.id}</photo> in a ${UPDATE_NS} element`, got);
    },
  },
  {
    id: 'XEP0398-4-2',
    cite: citationOf(xep0398, 'XEP0398-4-2'),
    requirement: 'Available presence with an empty vcard-temp:x:update element reaches a contact with the hash filled in.',
    accounts: 2,
    async run(t) {
      const { owner, contact, avatar } = await ownerWithAvatar(t);
      const got = await seenBy(owner, contact, (status) => x('presence', {}, x('status', {}, status), x('x', { xmlns: UPDATE_NS })));
      t.check(presenceHash(got) === avatar.id, `the empty ${UPDATE_NS} element overwritten with <photo>${avatar.id}</photo>`, got);
    },
  },
  {
    id: 'XEP0398-4-3',
    cite: citationOf(xep0398, 'XEP0398-4-3'),
    requirement: 'Directed available presence to a user without a subscription carries the hash as well.',
    accounts: 3,
    async run(t) {
      const { owner, avatar } = await ownerWithAvatar(t);
      const stranger = await t.login(t.accounts[2]!);
      const got = await seenBy(owner, stranger, (status) => x('presence', { to: stranger.jid! }, x('status', {}, status)));
      t.check(presenceHash(got) === avatar.id, `<photo>${avatar.id}</photo> in the directed presence to ${stranger.jid}`, got);
    },
  },
]);
