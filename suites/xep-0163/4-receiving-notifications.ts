import { type CaseContext, defineCases, describe, type Element, NS, sameIn, sameJid, type Session, STANZA_TRANSPORTS, stanzaError, x } from '../../src/authoring.js';
import { Blocks, getBlocklist } from '../lib/blocking.js';
import { presenceWithCaps } from '../lib/caps.js';
import { Privacy, everyone, jidRule, listNames, privacyAbsent } from '../lib/privacy.js';
import { subscribeBoth } from '../lib/roster.js';
import { createConfigured, deferDelete, freshNode, loginInterested, notification, published, publisherAndContact, subscribed } from './pep.js';

/** The jids of the XEP-0033 replyto addresses of a notification. */
function replyTo(event: Element): string[] {
  return (event.getChild('addresses', NS.address)?.getChildren('address') ?? [])
    .filter((a) => a.attrs.type === 'replyto').map((a) => a.attrs.jid as string);
}

/**
 * Blocks every stanza to and from `jid` for `owner`'s account until the case ends, as v1.0/v1.1
 * name it: "communications blocking as specified in XMPP IM", the privacy lists of RFC 3921 §10 (a
 * jid item without children blocks all communication, §10.13). The list is the account's default
 * (it "applies to the user as a whole", §10.2: notifications come from the bare JID, not from a
 * session) and the active list of `owner`'s session, which must be the account's only one (a
 * default list may not be changed while another resource is online, §10.5). Skips where there
 * are no privacy lists.
 */
async function blockWithPrivacyList(t: CaseContext, owner: Session, jid: string): Promise<void> {
  const names = await t.setup('read the privacy lists', () => listNames(owner));
  if (privacyAbsent(names.response)) t.skip(`no privacy lists (RFC 3921 §10) to block a subscriber with: <${stanzaError(names.response)?.condition ?? '?'}/>`);
  const privacy = await Privacy.of(t, owner);
  const name = await privacy.create([jidRule('deny', jid, 1), everyone('allow', 2)]);
  await privacy.makeDefault(name);
  await privacy.activate(name);
}

/**
 * Blocks `jid` for `owner`'s account until the case ends, by the means the cited text names:
 * v1.2.2 names "Privacy Lists (XEP-0016) or Blocking Command (XEP-0191)", so the blocking
 * command where the server has it; privacy lists otherwise, and under v1.0/v1.1.
 */
async function blockSubscriber(t: CaseContext, owner: Session, jid: string): Promise<void> {
  if (t.citation?.version === '1.2.2' && (await getBlocklist(owner)).response.attrs.type === 'result') {
    await (await Blocks.of(t, owner)).blockNow([jid]);
    return;
  }
  await blockWithPrivacyList(t, owner, jid);
}

const FROM_BARE = "The server MUST set the 'from' address on the notification to the bare JID … of the account owner";
const REPLYTO_TAIL = 'However, a server MUST NOT include the "replyto" address when sending a notification to an entity that does not have a presence subscription to the account owner.';
// v1.0 names the spec with a JEP entity, v1.1 with an XEP one (rendered with its number)
const REPLYTO_1_0 = `the server SHOULD include an Extended Stanza Addressing "replyto" extension specifying the publishing resource … ${REPLYTO_TAIL}`;
const REPLYTO_1_1 = `the server SHOULD include an Extended Stanza Addressing (XEP-0033) "replyto" extension specifying the publishing resource … ${REPLYTO_TAIL}`;
// "communiations" as published (v1.0 and v1.1 alike)
const BLOCKED = 'As an exception to the foregoing MUST rules, a PEP service MUST NOT send notifications to a subscriber if the user has blocked the subscriber from receiving all or any kinds of stanza (presence, message, IQ, or any combination thereof) using communiations blocking as specified in XMPP IM.';
const BLOCKED_CHANGED = 'v1.2 (2010) names XEP-0016 or XEP-0191 instead, and only the kind of stanza used for notifications (typically message)';
const BLOCKED_1_2_2 = 'As an exception to the foregoing MUST rules, a PEP service MUST NOT send notifications to a subscriber if the user has blocked the subscriber from receiving the kind of stanza used for notifications (typically message stanzas) by means of communications blocking as specified in Privacy Lists (XEP-0016) or Blocking Command (XEP-0191).';
const LAST_ITEM_1_1 = 'As mentioned, a PEP service MUST send the last published item to all new subscribers and to all newly-available resources for each subscriber, including the account owner itself.';

/** XEP-0163 §4 (v1.0: §8–§11): who receives event notifications, from whom, how many and when. */
export default defineCases({ spec: 'xep-0163', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0163-4.3.1-1',
    cite: {
      '1.0': { section: '8', anchor: 'owner-publish', keyword: 'MUST', quote: FROM_BARE },
      ...sameIn(['1.1', '1.2.2'], { section: '4.3.1', anchor: 'notify-addressing', keyword: 'MUST', quote: FROM_BARE }),
    },
    requirement: "A notification's 'from' is the publisher's bare JID.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const [owner] = await publisherAndContact(t, a!, b!);
      const node = freshNode();
      const contact = await loginInterested(t, b!, [node]);
      deferDelete(t, owner, node);
      await published(t, owner, node, 'item-1');
      const event = await contact.expect(notification(node, 'item-1'));
      t.check(sameJid(event.attrs.from, a!.jid), `from='${a!.jid}'`, event);
    },
  },
  {
    id: 'XEP0163-4.2-1',
    cite: {
      '1.0': {
        section: '9', anchor: 'contact-filter', keyword: 'MUST NOT',
        quote: "The server MUST NOT send notifications related to any data formats that the contact's client has not asked for via the relevant \"namespace+notify\" disco#info feature.",
      },
      '1.1': {
        section: '4.2', anchor: 'notify-filterednotifications', keyword: 'MUST',
        quote: 'A PEP service MUST support the "filtered-notifications" feature defined in Section 10.2 of XEP-0060.',
      },
      '1.2.2': {
        section: '4.2', anchor: 'notify-filterednotifications', keyword: 'MUST',
        quote: 'A PEP service MUST support the "filtered-notifications" feature defined in Section 9.2 of XEP-0060.',
      },
    },
    requirement: "No resource of a contact whose caps do not name node+notify gets a notification for that node (filtered notifications).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const [owner, plain] = await publisherAndContact(t, a!, b!);
      const [unwanted, wanted] = [freshNode(), freshNode()];
      const contact = await loginInterested(t, b!, [wanted]);
      deferDelete(t, owner, unwanted);
      deferDelete(t, owner, wanted);
      await published(t, owner, unwanted, 'item-1');
      await published(t, owner, wanted, 'item-2');
      // one sender's stanzas arrive in order: once the notification for the second node is in, one
      // for the first would be too; the resource without caps gets a ping round trip after that
      await t.nothingArrived(contact, notification(unwanted), `notification for ${unwanted} at ${contact.jid}, whose caps name only ${wanted}`,
        () => contact.expect(notification(wanted, 'item-2')));
      await t.nothingArrived(plain, notification(unwanted), `notification for ${unwanted} at ${plain.jid}, which sent no caps`, () => plain.sync());
    },
  },
  {
    id: 'XEP0163-4.3.2-1',
    cite: {
      '1.0': {
        section: '10.1', anchor: 'notifications-num', keyword: 'MUST',
        quote: "the PEP service MUST send one notification to the full JID … of each of the subscriber's available resources that have specified non-negative presence priority and included JEP-0115 information that indicates an interest in the data format.",
      },
      '1.1': {
        section: '4.3.2', anchor: 'notify-num', keyword: 'MUST',
        quote: "the PEP service MUST send one notification to the full JID … of each of the subscriber's available resources that have specified non-negative presence priority and included XEP-0115 information that indicates an interest in the data format.",
        changed: 'v1.2 (2010) drops the non-negative priority condition',
      },
      '1.2.2': {
        section: '4.3.2', anchor: 'notify-num', keyword: 'MUST',
        quote: "the PEP service MUST send one notification to the full JID … of each of the subscriber's available resources that have included XEP-0115 information indicating an interest in the data format.",
      },
    },
    requirement: 'Each available resource of a subscriber whose caps show interest gets exactly one notification, at its full JID; resources without that interest get none.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const [owner, plain] = await publisherAndContact(t, a!, b!);
      const [node, marker] = [freshNode(), freshNode()];
      const interested = await loginInterested(t, b!, [node, marker]);
      const other = await loginInterested(t, b!, [marker]);
      deferDelete(t, owner, node);
      deferDelete(t, owner, marker);
      await published(t, owner, node, 'item-1');
      await published(t, owner, marker, 'item-2');
      // the marker comes after any notification for the node, from the same sender; the pings
      // then let any further copy in
      const markers = await Promise.all([interested.expect(notification(marker)), other.expect(notification(marker))]);
      await Promise.all([interested.sync(), other.sync(), plain.sync()]);
      const expected: [Session, string, string, number, Element[]][] = [
        [interested, node, 'interested in both nodes', 1, []],
        [interested, marker, 'interested in both nodes', 1, [markers[0]]],
        [other, node, 'interested in the marker only', 0, []],
        [other, marker, 'interested in the marker only', 1, [markers[1]]],
        [plain, node, 'without caps', 0, []],
        [plain, marker, 'without caps', 0, []],
      ];
      for (const [session, n, who, count, taken] of expected) {
        const got = [...taken, ...session.received(notification(n))];
        t.check(got.length === count && got.every((el) => sameJid(el.attrs.to, session.jid)),
          `${count ? 'exactly one notification' : 'no notification'} for ${n} at ${session.jid} (${who})${count ? ', addressed to that full JID' : ''}`,
          got.length ? got.map((el) => describe(el)).join(' ') : 'none');
      }
    },
  },
  {
    id: 'XEP0163-4.3.4-1',
    cite: {
      '1.0': {
        absent: "v1.0 §11 sends the last item to subscribers' newly-available resources only; the owner's own resources, which this case also checks, come in with v1.1",
        later: { doc: 'XEP-0163', version: '1.1', section: '4.3.4', anchor: 'notify-last', keyword: 'MUST', quote: LAST_ITEM_1_1 },
      },
      ...sameIn(['1.1', '1.2.2'], { section: '4.3.4', anchor: 'notify-last', keyword: 'MUST', quote: LAST_ITEM_1_1 }),
    },
    requirement: "A resource that becomes available with interest gets the last published item unasked, the owner's own resources included.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const [owner] = await publisherAndContact(t, a!, b!);
      const node = freshNode();
      deferDelete(t, owner, node);
      await published(t, owner, node, 'item-1');
      await published(t, owner, node, 'item-2');
      const contact = await loginInterested(t, b!, [node]);
      await contact.expect(notification(node, 'item-2'));
      const self = await loginInterested(t, a!, [node]);
      await self.expect(notification(node, 'item-2'));
    },
  },
  {
    id: 'XEP0163-4.3.3-1',
    cite: {
      '1.0': { absent: 'v1.0 §10.2 requires the last item on initial presence (MUST) but sets no rule against sending it again on a later presence' },
      '1.1': { absent: 'v1.1 §4.3.3 requires the last item on initial presence (MUST) but sets no rule against sending it again on a later presence' },
      '1.2.2': {
        section: '4.3.3', anchor: 'notify-when', keyword: 'MUST NOT',
        quote: "any subsequent presence stanza with no 'type' attribute that the PEP service receives after the initial presence notification but before the subscriber against goes offline MUST NOT trigger sending of a new pubsub notification.",
      },
    },
    requirement: 'A further available presence from a resource that is already available does not set off another last-item notification.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const [owner] = await publisherAndContact(t, a!, b!);
      const [node, marker] = [freshNode(), freshNode()];
      deferDelete(t, owner, node);
      deferDelete(t, owner, marker);
      await published(t, owner, node, 'item-1');
      // a first login makes the caps known beforehand, so the last item comes however the
      // server treats a resource whose caps it has yet to learn (that is 4.3.4's matter)
      await (await loginInterested(t, b!, [node, marker])).close();
      const contact = await loginInterested(t, b!, [node, marker]);
      await t.setup('receive the last item on becoming available', () => contact.expect(notification(node, 'item-1')));
      // only what the presence change sets off counts here (extra copies on becoming available are 4.3.2's matter)
      await contact.sync();
      contact.clearInbox();
      contact.send(presenceWithCaps(contact.persona, x('show', {}, 'away')));
      await contact.sync();
      await published(t, owner, marker, 'item-2');
      // the marker is published after the presence change was handled: a repeat would precede it
      await t.nothingArrived(contact, notification(node), 'second notification of the last item after a change of <show/>',
        () => contact.expect(notification(marker, 'item-2')));
    },
  },
  {
    id: 'XEP0163-4.3.3-2',
    cite: {
      '1.0': { section: '10.2', anchor: 'notifications-when', keyword: 'MUST NOT', quote: BLOCKED, changed: BLOCKED_CHANGED },
      '1.1': { section: '4.3.3', anchor: 'notify-when', keyword: 'MUST NOT', quote: BLOCKED, changed: BLOCKED_CHANGED },
      '1.2.2': { section: '4.3.3', anchor: 'notify-when', keyword: 'MUST NOT', quote: BLOCKED_1_2_2 },
    },
    requirement: 'No notification goes to any resource of a subscriber the owner has blocked with a privacy list denying it every stanza (v1.2.2: with the blocking command, where the server has it).',
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const [owner, plain] = await publisherAndContact(t, a!, b!);
      // a second contact, not blocked, whose notification shows when the notifications have gone out
      const other = await t.login(c!, { roster: true, presence: true });
      await subscribeBoth(t, other, owner);
      const node = freshNode();
      const contact = await loginInterested(t, b!, [node]);
      const witness = await loginInterested(t, c!, [node]);
      deferDelete(t, owner, node);
      await blockSubscriber(t, owner, b!.jid);
      await published(t, owner, node, 'item-1');
      // the witness's notification goes out with the one the blocked contact must not get; a ping
      // round trip on each of the contact's streams then lets in anything already on its way
      await t.nothingArrived(contact, notification(node), `notification to the blocked ${contact.jid}`, async () => {
        await witness.expect(notification(node, 'item-1'));
        await contact.sync();
      });
      await t.nothingArrived(plain, notification(node), `notification to the blocked ${plain.jid}`, () => plain.sync());
    },
  },
  {
    id: 'XEP0163-4.3.1-2',
    cite: {
      '1.0': { section: '8', anchor: 'owner-publish', keyword: ['SHOULD', 'MUST NOT'], quote: REPLYTO_1_0 },
      ...sameIn(['1.1', '1.2.2'], { section: '4.3.1', anchor: 'notify-addressing', keyword: ['SHOULD', 'MUST NOT'], quote: REPLYTO_1_1 }),
    },
    requirement: 'A notification to a presence subscriber should carry an XEP-0033 replyto naming the publishing resource; one to a non-subscriber must not.',
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const [owner] = await publisherAndContact(t, a!, b!);
      const node = freshNode();
      deferDelete(t, owner, node);
      // an open node lets a user without a presence subscription subscribe (v1.1 §4, v1.0 §7)
      await createConfigured(t, owner, node, { 'pubsub#access_model': 'open' });
      const contact = await loginInterested(t, b!, [node]);
      const stranger = await t.login(c!, { presence: true });
      await subscribed(t, stranger, a!.jid, node);
      await published(t, owner, node, 'item-1');
      const toStranger = await t.setup('receive the notification as a node subscriber', () => stranger.expect(notification(node, 'item-1')));
      const toContact = await t.setup('receive the notification as a presence subscriber', () => contact.expect(notification(node, 'item-1')));
      t.must(replyTo(toStranger).length === 0, `no replyto address on the notification to ${c!.jid}, who has no presence subscription`, toStranger);
      t.should(replyTo(toContact).some((jid) => sameJid(jid, owner.jid)), `a replyto address naming the publishing resource ${owner.jid}`, toContact);
    },
  },
]);
