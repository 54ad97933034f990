import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import type { CaseContext } from '../../src/engine/context.js';
import type { Session } from '../../src/session/session.js';
import { iq, sameJid, stanzaError } from '../../src/session/stanza.js';
import { Element, describe, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { presenceWithCaps } from '../lib/caps.js';
import { Blocks, getBlocklist } from '../lib/blocking.js';
import { createConfigured, deferDelete, freshNode, loginInterested, notification, published, publisherAndContact } from './pep.js';

/** The jids of the XEP-0033 replyto addresses of a notification. */
function replyTo(event: Element): string[] {
  return (event.getChild('addresses', NS.address)?.getChildren('address') ?? [])
    .filter((a) => a.attrs.type === 'replyto').map((a) => a.attrs.jid as string);
}

/** Blocks `jid` for `owner` with XEP-0191 until the case ends; skips where there is no blocking command. */
async function block(t: CaseContext, owner: Session, jid: string): Promise<void> {
  const list = await t.setup('read the blocklist', () => getBlocklist(owner));
  const condition = stanzaError(list.response)?.condition;
  if (condition === 'service-unavailable' || condition === 'feature-not-implemented') {
    t.skip(`no XEP-0191 blocking to block a subscriber with: <${condition}/>`);
  }
  await (await Blocks.of(t, owner)).blockNow([jid]);
}

/** XEP-0163 §4: who receives event notifications, from whom, how many and when. */
export default defineCases({ spec: 'xep-0163', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0163-4.3.1-1',
    cite: sameIn(['1.0', '1.1'], { section: '4.3.1', keyword: 'MUST', quote: '' }),
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
    cite: sameIn(['1.0', '1.1'], { section: '4.2', keyword: 'MUST', quote: '' }),
    requirement: 'A contact whose caps lack node+notify gets no notification for that node (filtered notifications).',
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
      // one sender's stanzas arrive in order: a notification for the first node would be in by
      // now; the resource without caps gets a ping to the same end
      await contact.expect(notification(wanted, 'item-2'));
      await plain.sync();
      const leaked = [...contact.received(notification(unwanted)), ...plain.received(notification(unwanted))];
      t.check(leaked.length === 0, `no notification for ${unwanted} at ${b!.jid}'s resources, whose caps do not name it`, leaked.map((el) => describe(el)).join(' '));
    },
  },
  {
    id: 'XEP0163-4.3.2-1',
    cite: sameIn(['1.0', '1.1'], { section: '4.3.2', keyword: 'MUST', quote: '' }),
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
    cite: sameIn(['1.0', '1.1'], { section: '4.3.4', keyword: 'MUST', quote: '' }),
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
    cite: sameIn(['1.0', '1.1'], { section: '4.3.3', keyword: 'MUST NOT', quote: '' }),
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
      await contact.expect(notification(marker, 'item-2'));
      const repeats = contact.received(notification(node));
      t.check(repeats.length === 0, 'no second notification of the last item after a change of <show/>', repeats.map((el) => describe(el)).join(' '));
    },
  },
  {
    id: 'XEP0163-4.3.3-2',
    cite: sameIn(['1.0', '1.1'], { section: '4.3.3', keyword: 'MUST NOT', quote: '' }),
    requirement: 'No notification goes to a subscriber the owner has blocked (XEP-0191).',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const [owner] = await publisherAndContact(t, a!, b!);
      const node = freshNode();
      const contact = await loginInterested(t, b!, [node]);
      // the owner's own interested resource shows when the notifications have gone out
      const self = await loginInterested(t, a!, [node]);
      deferDelete(t, owner, node);
      await block(t, owner, b!.jid);
      await published(t, owner, node, 'item-1');
      await t.setup('receive the notification at the owner\'s own resource', () => self.expect(notification(node, 'item-1')));
      await contact.sync();
      const leaked = contact.received(notification(node));
      t.check(leaked.length === 0, `no notification to the blocked ${b!.jid}`, leaked.map((el) => describe(el)).join(' '));
    },
  },
  {
    id: 'XEP0163-4.3.1-2',
    cite: sameIn(['1.0', '1.1'], { section: '4.3.1', keyword: ['SHOULD', 'MUST NOT'], quote: '' }),
    requirement: 'A notification to a presence subscriber should carry an XEP-0033 replyto naming the publishing resource; one to a non-subscriber must not.',
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const [owner] = await publisherAndContact(t, a!, b!);
      const node = freshNode();
      deferDelete(t, owner, node);
      // an open node lets a user without a presence subscription subscribe (XEP-0163 §4 case 1)
      await createConfigured(t, owner, node, { 'pubsub#access_model': 'open' });
      const contact = await loginInterested(t, b!, [node]);
      const stranger = await t.login(c!, { presence: true });
      await t.setup(`subscribe ${stranger.jid} to ${node}`, async () => {
        const response = await stranger.iqRetryingWait(iq('set', { to: a!.jid }, x('pubsub', { xmlns: NS.pubsub }, x('subscribe', { node, jid: stranger.jid }))));
        if (response.attrs.type !== 'result') throw new Error(describe(response));
      });
      await published(t, owner, node, 'item-1');
      const toStranger = await t.setup('receive the notification as a node subscriber', () => stranger.expect(notification(node, 'item-1')));
      const toContact = await t.setup('receive the notification as a presence subscriber', () => contact.expect(notification(node, 'item-1')));
      t.must(replyTo(toStranger).length === 0, `no replyto address on the notification to ${c!.jid}, who has no presence subscription`, toStranger);
      t.should(replyTo(toContact).some((jid) => sameJid(jid, owner.jid)), `a replyto address naming the publishing resource ${owner.jid}`, toContact);
    },
  },
]);
