import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import type { CaseContext } from '../../src/engine/context.js';
import { presence } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { bare, iq, query, resourceOf, token } from '../../src/session/stanza.js';
import { describe, x, type Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { available, markerFrom } from '../lib/presence.js';
import {
  deferRemoval, getRoster, removeRosterItem, rosterItem, rosterItems, rosterPushFor, setRosterItem, startOver,
  subscribe, subscribeBoth, subscriptionOf,
} from '../lib/roster.js';

/** A JID on the served domain that is nobody's account: roster items need no real contact. */
function contactJid(t: CaseContext): string {
  return `contact-${token()}@${t.domain}`;
}

/** A roster set whose <query/> holds exactly the given children. */
function rosterSet(...items: Element[]): Element {
  return iq('set', {}, query(NS.roster, {}, ...items));
}

function rosterEntry(jid: string, name: string | undefined, groups: string[]): Element {
  return x('item', { jid, name }, ...groups.map((g) => x('group', {}, g)));
}

/** "name='N' groups [F, L]": the parts of an item that a roster set replaces. */
function itemContent(item: Element | undefined): string {
  if (!item) return 'no item';
  const groups = item.getChildren('group').map((g) => g.getText()).sort();
  return `name='${item.attrs.name ?? ''}' groups [${groups.join(', ')}]`;
}

/** The version of a roster result or push (RFC 6121 §2.6), if it carries one. */
function versionOf(el: Element): string | undefined {
  return el.getChild('query', NS.roster)?.attrs.ver;
}

/** Roster pushes must come without 'from' or from the account's bare JID (RFC 6121 §2.1.6). */
function checkPushOrigin(t: CaseContext, s: Session, push: Element): void {
  const from = push.attrs.from;
  t.check(from === undefined || (bare(from).toLowerCase() === bare(s.jid!).toLowerCase() && resourceOf(from) === undefined),
    `a roster push without 'from' or from ${bare(s.jid!)}`, push);
}

/** Skips unless the post-authentication stream features offer roster versioning (RFC 6121 §2.6.1). */
function requireVersioning(t: CaseContext, s: Session): void {
  if (!s.features?.getChild('ver', NS.rosterVer)) t.skip(`roster versioning is not offered (no <ver xmlns='${NS.rosterVer}'/> stream feature)`);
}

/** A roster get carrying a 'ver' attribute (RFC 6121 §2.6.2). */
function versionedGet(s: Session, ver: string): Promise<Element> {
  return s.iq(iq('get', {}, query(NS.roster, { ver })));
}

/** RFC 6121 §2 (RFC 3921 §7): roster get, add, update and delete, and roster versioning. */
export default defineCases({ spec: 'xmpp-im', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6121-2.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'A roster get is answered with a result holding a jabber:iq:roster <query/>, present even when the roster is empty.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const result = await getRoster(s);
      t.check(result.attrs.type === 'result', 'an IQ result to the roster get', result);
      t.check(result.getChild('query', NS.roster) !== undefined, `a <query xmlns='${NS.roster}'/> in the result`, result);
      const items = rosterItems(result);
      if (items.length) t.note(`the account's roster holds ${items.length} items, so the empty-roster form was not seen`);
    },
  },
  {
    id: 'RFC6121-2.1.5-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.1.5', keyword: 'MUST', quote: '' },
    },
    requirement: 'A roster set with more than one <item/> is refused with <bad-request/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const [one, two] = [contactJid(t), contactJid(t)];
      deferRemoval(t, s, one);
      deferRemoval(t, s, two);
      const response = await s.iq(rosterSet(rosterEntry(one, undefined, []), rosterEntry(two, undefined, [])));
      t.expectError(response, ['bad-request']);
    },
  },
  {
    id: 'RFC6121-2.1.5-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.1.5', keyword: 'MUST', quote: '' },
    },
    requirement: "A roster set ignores any 'subscription' value other than 'remove': the item is stored with subscription 'none'.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const jid = contactJid(t);
      deferRemoval(t, s, jid);
      const response = await setRosterItem(s, jid, { subscription: 'both' });
      t.check(response.attrs.type === 'result', "the roster set processed as if 'subscription' were absent (an IQ result)", response);
      const item = await rosterItem(s, jid);
      t.check(item !== undefined, `an item for ${jid} in the roster`, 'no item');
      t.check(subscriptionOf(item) === 'none', "subscription='none' (the client's value ignored)", describe(item));
    },
  },
  {
    id: 'RFC6121-2.1.5-3',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.1.5', keyword: 'MUST', quote: '' },
    },
    requirement: "Only the account itself may change its roster: a roster set addressed to another user's bare JID gets <forbidden/>.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await t.login(a!);
      const sb = await t.login(b!);
      const jid = contactJid(t);
      deferRemoval(t, sb, jid);
      const request = rosterSet(rosterEntry(jid, 'planted', []));
      request.attrs.to = b!.jid;
      const response = await sa.iq(request);
      const planted = await rosterItem(sb, jid);
      t.check(planted === undefined, `no item for ${jid} in ${b!.jid}'s roster`, describe(planted));
      t.expectError(response, ['forbidden']);
    },
  },
  {
    id: 'RFC6121-2.3.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.3.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'A valid roster add is answered with an IQ result to the resource that sent it, and the item is stored.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const jid = contactJid(t);
      deferRemoval(t, s, jid);
      const response = await setRosterItem(s, jid, { name: 'Contact' }, ['Friends']);
      t.check(response.attrs.type === 'result', 'an IQ result to the roster set', response);
      const item = await rosterItem(s, jid);
      t.check(itemContent(item) === "name='Contact' groups [Friends]", "the stored item with name='Contact' and group Friends", itemContent(item));
    },
  },
  {
    id: 'RFC6121-2.3.2-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.3.2', keyword: 'MUST', quote: '' },
    },
    requirement: "An added item is pushed to every interested resource, the sender included: one item per push, no 'from' or the account's bare JID.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const a1 = await t.login(a!, { roster: true });
      const a2 = await t.login(a!, { roster: true });
      const jid = contactJid(t);
      deferRemoval(t, a1, jid);
      await setRosterItem(a1, jid, { name: 'Pushed' });
      for (const s of [a1, a2]) {
        const push = await s.expect(rosterPushFor(jid));
        t.check(rosterItems(push).length === 1, `exactly one item in the push to ${s.jid}`, push);
        checkPushOrigin(t, s, push);
      }
    },
  },
  {
    id: 'RFC6121-2.3.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.3.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'An item naming the same group twice is refused with <bad-request/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const jid = contactJid(t);
      deferRemoval(t, s, jid);
      t.expectError(await setRosterItem(s, jid, {}, ['Friends', 'Friends']), ['bad-request']);
    },
  },
  {
    id: 'RFC6121-2.3.3-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.3.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'An empty <group/> is refused with <not-acceptable/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const jid = contactJid(t);
      deferRemoval(t, s, jid);
      t.expectError(await s.iq(rosterSet(x('item', { jid }, x('group')))), ['not-acceptable']);
    },
  },
  {
    id: 'RFC6121-2.3.3-3',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.3.3', keyword: 'MUST', quote: '' },
    },
    requirement: "A 'name' over the server's configured limit is refused with <not-acceptable/>; a name within it is stored intact.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const jid = contactJid(t);
      deferRemoval(t, s, jid);
      const name = 'n'.repeat(5000);
      const response = await setRosterItem(s, jid, { name });
      if (response.attrs.type === 'error') {
        t.expectError(response, ['not-acceptable']);
        return t.outcome('a 5,000-character name is over the limit: refused with <not-acceptable/>');
      }
      const item = await rosterItem(s, jid);
      const stored = item?.attrs.name as string | undefined;
      t.check(stored === name, 'the 5,000-character name stored intact (or refused with <not-acceptable/>)',
        stored === undefined ? describe(item) : `a name of ${stored.length} characters`);
      t.outcome('a 5,000-character name is within the limit: stored intact');
    },
  },
  {
    id: 'RFC6121-2.4.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.4.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'An update replaces the whole item (a group or the name left out is removed); it is answered and pushed.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!, { roster: true });
      const jid = contactJid(t);
      deferRemoval(t, s, jid);
      await t.setup(`add ${jid} with groups F and L`, async () => {
        const added = await setRosterItem(s, jid, { name: 'First' }, ['F', 'L']);
        if (added.attrs.type !== 'result') throw new Error(describe(added));
        await s.expect(rosterPushFor(jid));
      });
      // rename and drop group L; then drop the name
      for (const [name, groups] of [['Second', ['F']], [undefined, ['F']]] as const) {
        const wanted = itemContent(rosterEntry(jid, name, [...groups]));
        const response = await s.iq(rosterSet(rosterEntry(jid, name, [...groups])));
        t.check(response.attrs.type === 'result', 'an IQ result to the update', response);
        const push = await s.expect(rosterPushFor(jid));
        t.check(itemContent(rosterItems(push)[0]) === wanted, `a push with the updated item: ${wanted}`, itemContent(rosterItems(push)[0]));
        const stored = itemContent(await rosterItem(s, jid));
        t.check(stored === wanted, `the stored item replaced as a whole: ${wanted}`, stored);
      }
    },
  },
  {
    id: 'RFC6121-2.5.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.5.2', keyword: 'MUST', quote: '' },
    },
    requirement: "A removal is answered and pushed to every interested resource with subscription='remove'.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const a1 = await t.login(a!, { roster: true });
      const a2 = await t.login(a!, { roster: true });
      const jid = contactJid(t);
      deferRemoval(t, a1, jid);
      await t.setup(`add ${jid}`, async () => {
        await setRosterItem(a1, jid);
        await Promise.all([a1, a2].map((s) => s.expect(rosterPushFor(jid))));
      });
      const response = await removeRosterItem(a1, jid);
      t.check(response.attrs.type === 'result', 'an IQ result to the removal', response);
      for (const s of [a1, a2]) {
        const push = await s.expect(rosterPushFor(jid));
        t.check(rosterItems(push)[0]?.attrs.subscription === 'remove', `a push with subscription='remove' to ${s.jid}`, push);
      }
    },
  },
  {
    id: 'RFC6121-2.5.2-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.5.2', keyword: 'MUST', quote: '' },
    },
    requirement: "Removing a contact cancels the subscriptions: the contact gets 'unsubscribe' if the user was subscribed, 'unsubscribed' if the contact was, both if mutual.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const cases: { state: string; build: () => Promise<void>; expected: string[] }[] = [
        { state: 'both', build: () => subscribeBoth(t, sa, sb), expected: ['unsubscribe', 'unsubscribed'] },
        { state: 'to', build: () => subscribe(t, sa, sb), expected: ['unsubscribe'] },
        { state: 'from', build: () => subscribe(t, sb, sa), expected: ['unsubscribed'] },
      ];
      for (const { state, build, expected } of cases) {
        await startOver(t, sa, sb);
        await build();
        await removeRosterItem(sa, b!.jid);
        for (const type of expected) {
          const cancel = await sb.expect(presence({ type, fromBare: a!.jid }));
          t.check(resourceOf(cancel.attrs.from) === undefined, `'${type}' from the bare JID ${a!.jid} (user's state '${state}')`, cancel);
        }
        await markerFrom(t, sa, sb);
        const extra = sb.received(presence({ type: ['unsubscribe', 'unsubscribed'], fromBare: a!.jid }));
        if (extra.length) t.note(`with the user's state '${state}' the contact also got: ${extra.map((e) => e.attrs.type).join(', ')}`);
      }
    },
  },
  {
    id: 'RFC6121-2.5.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.5.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'Removing an item that is not in the roster gets <item-not-found/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      t.expectError(await removeRosterItem(s, contactJid(t)), ['item-not-found']);
    },
  },
  {
    id: 'RFC6121-2.6.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.6', keyword: 'MUST', quote: '' },
    },
    requirement: "With roster versioning offered, a get with ver='' returns the full roster with a 'ver'; a get with the current ver returns an empty result and no pushes, or the full roster.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      requireVersioning(t, s);
      const jid = contactJid(t);
      deferRemoval(t, s, jid);
      await t.setup(`add ${jid}`, () => setRosterItem(s, jid));
      const full = await versionedGet(s, '');
      const ver = versionOf(full);
      t.check(full.attrs.type === 'result' && ver !== undefined, "a roster result whose <query/> has a 'ver' attribute", full);
      t.check(rosterItems(full).some((i) => i.attrs.jid === jid), `the full roster (with ${jid})`, full);
      s.clearInbox();
      const again = await versionedGet(s, ver!);
      await s.sync();
      const pushes = s.received(rosterPushFor(jid));
      if (again.getChild('query', NS.roster)) {
        t.check(versionOf(again) !== undefined, "the full roster with a 'ver' attribute, or an empty result", again);
        return t.outcome('the current version was answered with the full roster');
      }
      t.check(again.attrs.type === 'result', 'an empty IQ result for the current version', again);
      t.check(pushes.length === 0, 'no roster pushes after an empty result for the current version', pushes.map((p) => describe(p)).join(' '));
      t.outcome('the current version was answered with an empty result and no pushes');
    },
  },
  {
    id: 'RFC6121-2.6.3-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.6.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'With roster versioning, every push carries a new, unique ver; a client behind gets the changed items as pushes in order of change, or the full roster.',
    accounts: 1,
    freshAccounts: true,
    async run(t) {
      const [a] = t.accounts;
      const a1 = await t.login(a!);
      requireVersioning(t, a1);
      const a2 = await t.login(a!);
      const start = versionOf(await t.setup('fetch the versioned roster', () => versionedGet(a1, '')));
      t.check(start !== undefined, "a 'ver' on the roster result", 'no ver attribute');
      const jids = [contactJid(t), contactJid(t), contactJid(t)];
      for (const jid of jids) {
        deferRemoval(t, a2, jid);
        await t.setup(`add ${jid}`, () => setRosterItem(a2, jid));
      }
      const versions: (string | undefined)[] = [];
      for (const jid of jids) versions.push(versionOf(await a1.expect(rosterPushFor(jid))));
      t.check(versions.every((v) => v !== undefined), "a 'ver' on every roster push", versions.join(', '));
      t.check(new Set([start, ...versions]).size === versions.length + 1, 'a new, unique ver on each push', [start, ...versions].join(' → '));

      const behind = await t.login(a!);
      const answer = await versionedGet(behind, start!);
      await behind.sync();
      if (answer.getChild('query', NS.roster)) {
        t.check(jids.every((jid) => rosterItems(answer).some((i) => i.attrs.jid === jid)), 'the full roster with the three new items', answer);
        return t.outcome('a client behind was sent the full roster');
      }
      const order = behind.received({ describe: 'a roster push', test: (el) => el.name === 'iq' && el.attrs.type === 'set' && rosterItems(el).length > 0 })
        .map((p) => rosterItems(p)[0]!.attrs.jid as string);
      t.check(order.join(' ') === jids.join(' '), `the three changes pushed in order: ${jids.join(', ')}`, order.join(', ') || 'no pushes');
      t.outcome('a client behind was sent an empty result and the changes as pushes');
    },
  },
]);
