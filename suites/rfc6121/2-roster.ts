import { type Account, bare, type CaseContext, defineCases, describe, type Element, iq, NS, presence, query, resourceOf, type Session, STANZA_TRANSPORTS, token, x } from '../../src/authoring.js';
import { available, markerFrom } from '../lib/presence.js';
import {
  deferRemoval, describeItem, getRoster, removeRosterItem, rosterItem, rosterItems, rosterPushFor, setRosterItem, startOver,
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

/**
 * A roster push is one the client accepts: without 'from' or from the account's bare JID (RFC 6121
 * §2.1.6); RFC 3921 §7.2 also lets it come from the session's own full JID.
 */
function checkPushOrigin(t: CaseContext, s: Session, push: Element): void {
  const from = push.attrs.from;
  const own = bare(s.jid!).toLowerCase();
  const ok = from === undefined || (bare(from).toLowerCase() === own
    && (resourceOf(from) === undefined || (t.baseline === '3920' && from.toLowerCase() === s.jid!.toLowerCase())));
  t.check(ok, t.baseline === '3920'
    ? `a roster push without 'from', or from ${bare(s.jid!)} or ${s.jid} (RFC 3921 §7.2)`
    : `a roster push without 'from' or from ${bare(s.jid!)} (RFC 6121 §2.1.6)`, push);
}

/**
 * A resource the server must send roster pushes to under the run's baseline: RFC 6121 §2.2 pushes
 * to every interested resource (one that fetched the roster); RFC 3921 §8.1 only to available
 * resources that fetched it ("MUST NOT send ... roster pushes to unavailable resources").
 */
function pushedResource(t: CaseContext, account: Account): Promise<Session> {
  return t.baseline === '3920' ? available(t, account) : t.login(account, { roster: true });
}

/** Skips unless the post-authentication stream features offer roster versioning (RFC 6121 §2.6.1). */
function requireVersioning(t: CaseContext, s: Session): void {
  if (!s.features?.getChild('ver', NS.rosterVer)) t.skip(`roster versioning is not offered (no <ver xmlns='${NS.rosterVer}'/> stream feature)`);
}

/** A roster get carrying a 'ver' attribute (RFC 6121 §2.6.2). */
function versionedGet(s: Session, ver: string): Promise<Element> {
  return s.iq(iq('get', {}, query(NS.roster, { ver })));
}

/** RFC 6121 §2 (RFC 3921 §7, §8): roster get, add, update and delete, and roster versioning. */
export default defineCases({ spec: 'xmpp-im', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6121-2.2-1',
    cite: {
      '3920': {
        section: '12.1',
        keyword: 'MUST',
        quote: 'an instant messaging and presence server MUST additionally support the following protocols: … All server-related instant messaging and presence syntax and semantics defined in this document, including … roster storage and manipulation',
      },
      '6120': {
        section: '2.1.4',
        keyword: ['MUST', 'MUST NOT'],
        quote: 'If the roster exists but there are no contacts in the roster, then the server MUST return an IQ-result containing a child <query/> element that in turn contains no <item/> children (i.e., the server MUST NOT return an empty <iq/> stanza of type "error").',
      },
    },
    requirement: 'A roster get is answered with a result holding a jabber:iq:roster <query/>; under RFC 6121 it is there even when the roster is empty.',
    accounts: 1,
    freshAccounts: true,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const result = await getRoster(s);
      t.check(result.attrs.type === 'result', 'an IQ result to the roster get', result);
      t.check(result.getChild('query', NS.roster) !== undefined, `a <query xmlns='${NS.roster}'/> in the result`, result);
      const items = rosterItems(result);
      if (items.length === 0) return t.outcome('an empty roster: a <query/> with no items');
      const seen = `the account's roster holds ${items.length} items, so the answer for an empty roster was not seen`;
      // RFC 6121 §2.1.4 rules on the empty roster; RFC 3921 on any roster get
      if (t.baseline === '6120') return t.skip(seen);
      t.note(seen);
    },
  },
  {
    id: 'RFC6121-2.1.5-1',
    cite: {
      '3920': { absent: 'RFC 3921 §7.1 lets a <query/> hold one or more items and defines no limit or error for a roster set with several; RFC 6121 §2.1.5 and §2.3.3 added <bad-request/>' },
      '6120': {
        section: '2.3.3',
        keyword: 'MUST',
        quote: 'The server MUST return a <bad-request/> stanza error to the client if the roster set contains any of the following violations: 1. The <query/> element contains more than one <item/> child element.',
      },
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
      '3920': {
        section: '7.6',
        keyword: 'MUST',
        quote: "a compliant server MUST ignore any other values of the 'subscription' attribute when received from a client",
      },
      '6120': {
        section: '2.1.5',
        keyword: 'MUST',
        quote: 'The server MUST ignore any value of the \'subscription\' attribute other than "remove" (see Section 2.1.2.5).',
      },
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
      t.check(subscriptionOf(item) === 'none', "subscription='none' (the client's value ignored)", describeItem(item));
    },
  },
  {
    id: 'RFC6121-2.1.5-3',
    cite: {
      '3920': {
        section: '7.2',
        keyword: 'MUST',
        quote: 'A server MUST ignore any \'to\' address on a roster "set", and MUST treat any roster "set" as applying to the sender.',
        changed: 'RFC 6121 §2.1.5 drops this special case: the set goes to the addressee, who returns <forbidden/>',
      },
      '6120': {
        section: '2.1.5',
        keyword: 'MUST',
        quote: 'Therefore, the entity that processes a roster set MUST verify that the sender of the roster set is authorized to update the roster, and if not return a <forbidden/> error.',
      },
    },
    requirement: "A roster set addressed to another user's bare JID never changes that user's roster: RFC 6121 refuses it with <forbidden/>, RFC 3921 applies it to the sender's own roster.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await t.login(a!);
      const sb = await t.login(b!);
      const jid = contactJid(t);
      deferRemoval(t, sb, jid);
      deferRemoval(t, sa, jid);
      const request = rosterSet(rosterEntry(jid, 'planted', []));
      request.attrs.to = b!.jid;
      const response = await sa.iq(request);
      const planted = await rosterItem(sb, jid);
      t.check(planted === undefined, `no item for ${jid} in ${b!.jid}'s roster`, describe(planted));
      if (t.baseline === '6120') {
        t.expectError(response, ['forbidden']);
        return;
      }
      t.check(response.attrs.type === 'result', `an IQ result: the set applied to ${a!.jid}'s own roster, its 'to' ignored`, response);
      const own = await rosterItem(sa, jid);
      t.check(own?.attrs.name === 'planted', `the item for ${jid} (name 'planted') in the sender's own roster`, describeItem(own));
    },
  },
  {
    id: 'RFC6121-2.3.2-1',
    cite: {
      '3920': {
        section: '7.4',
        keyword: 'MUST',
        quote: 'The server MUST update the roster information in persistent storage, and also push the change out to all of the user\'s available resources that have requested the roster.',
      },
      '6120': {
        section: '2.3.2',
        keyword: 'MUST',
        quote: 'If the server can successfully process the roster set for the new item (i.e., if no error occurs), it MUST create the item in the user\'s roster and proceed as follows. The server MUST return an IQ stanza of type "result" to the connected resource that sent the roster set.',
      },
    },
    requirement: 'A valid roster add is answered with an IQ result to the resource that sent it, and the item is stored as given.',
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
      '3920': {
        section: '7.4',
        keyword: 'MUST',
        quote: 'The server MUST update the roster information in persistent storage, and also push the change out to all of the user\'s available resources that have requested the roster.',
      },
      '6120': {
        section: '2.3.2',
        keyword: 'MUST',
        quote: "The server MUST also send a roster push containing the new roster item to all of the user's interested resources, including the resource that generated the roster set.",
      },
    },
    requirement: "An added item is pushed to every resource that fetched the roster (RFC 3921: and is available), the sender included, as a push the client accepts ('from' absent or the account's); RFC 6121: one item per push.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const a1 = await pushedResource(t, a!);
      const a2 = await pushedResource(t, a!);
      const jid = contactJid(t);
      deferRemoval(t, a1, jid);
      await setRosterItem(a1, jid, { name: 'Pushed' });
      for (const s of [a1, a2]) {
        const push = await s.expect(rosterPushFor(jid));
        // one item per push is RFC 6121 §2.1.6; RFC 3921 sets no such rule
        if (t.baseline === '6120') t.check(rosterItems(push).length === 1, `exactly one item in the push to ${s.jid} (RFC 6121 §2.1.6)`, push);
        else if (rosterItems(push).length !== 1) t.note(`the push to ${s.jid} held ${rosterItems(push).length} items`);
        checkPushOrigin(t, s, push);
      }
    },
  },
  {
    id: 'RFC6121-2.3.3-1',
    cite: {
      '3920': { absent: 'RFC 3921 §7.1 only says the <group/> character data is opaque; the duplicate-group rule and its <bad-request/> came with RFC 6121 §2.3.3' },
      '6120': {
        section: '2.3.3',
        keyword: 'MUST',
        quote: 'The server MUST return a <bad-request/> stanza error to the client if the roster set contains any of the following violations: … 2. The <item/> element contains more than one <group/> element, but there are duplicate groups',
      },
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
      '3920': { absent: 'RFC 3921 §7.1 only says the <group/> character data is opaque and defines no error for an empty group; RFC 6121 §2.3.3 added <not-acceptable/>' },
      '6120': {
        section: '2.3.3',
        keyword: 'MUST',
        quote: 'The server MUST return a <not-acceptable/> stanza error to the client if the roster set contains any of the following violations: … 2. The XML character data of the <group/> element is of zero length',
      },
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
      '3920': { absent: "RFC 3921 §7.1 makes the 'name' attribute opaque and sets no length limit or error for it; RFC 6121 §2.3.3 added <not-acceptable/>" },
      '6120': {
        section: '2.3.3',
        keyword: 'MUST',
        quote: "The server MUST return a <not-acceptable/> stanza error to the client if the roster set contains any of the following violations: 1. The length of the 'name' attribute is greater than a server-configured limit.",
      },
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
      '3920': {
        section: '7.5',
        keyword: 'MUST',
        quote: "As with adding a roster item, when updating a roster item the server MUST update the roster information in persistent storage, and also initiate a roster push to all of the user's available resources that have requested the roster.",
      },
      '6120': {
        section: '2.4.1',
        keyword: 'MUST',
        quote: 'Because a roster item is atomic, the item MUST be updated exactly as provided in the roster set.',
      },
    },
    requirement: 'An update replaces the whole item (a group or the name left out is removed); it is answered and pushed.',
    accounts: 1,
    async run(t) {
      const s = await pushedResource(t, t.accounts[0]!);
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
      '3920': {
        section: '7.6',
        keyword: 'MUST',
        quote: 'when deleting a roster item the server MUST update the roster information in persistent storage, initiate a roster push to all of the user\'s available resources that have requested the roster (with the \'subscription\' attribute set to a value of "remove"), and send an IQ result to the initiating resource.',
      },
      '6120': {
        section: '2.5.2',
        keyword: 'MUST',
        quote: 'As with adding a roster item, if the server can successfully process the roster set then it MUST update the item in the user\'s roster, send a roster push to all of the user\'s interested resources (with the \'subscription\' attribute set to a value of "remove"), and send an IQ result to the initiating resource',
      },
    },
    requirement: "A removal is answered and pushed with subscription='remove' to every resource that fetched the roster (RFC 3921: and is available).",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const a1 = await pushedResource(t, a!);
      const a2 = await pushedResource(t, a!);
      const jid = contactJid(t);
      deferRemoval(t, a1, jid);
      await t.setup(`add ${jid}`, async () => {
        await t.setupIq(`add ${jid}`, a1, rosterSet(rosterEntry(jid, undefined, [])));
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
      '3920': {
        section: '8.6',
        keyword: 'MUST',
        quote: "When the user removes a contact from his or her roster by setting the 'subscription' attribute to a value of \"remove\", the user's server (1) MUST automatically cancel any existing presence subscription between the user and the contact (both 'to' and 'from' as appropriate)",
      },
      '6120': {
        section: '2.5.2',
        keyword: 'MUST',
        quote: 'If the user has a presence subscription to the contact, then the user\'s server MUST send a presence stanza of type "unsubscribe" to the contact … If the contact has a presence subscription to the user, then the user\'s server MUST send a presence stanza of type "unsubscribed" to the contact',
      },
    },
    requirement: "Removing a contact cancels the subscriptions: the contact gets 'unsubscribe' if the user was subscribed, 'unsubscribed' if the contact was, both if mutual, from the user's bare JID.",
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
      '3920': { absent: 'RFC 3921 §7.6 defines no error for removing an item that is not in the roster; RFC 6121 §2.5.3 added <item-not-found/>' },
      '6120': {
        section: '2.5.3',
        keyword: 'MUST',
        quote: "If the value of the 'jid' attribute specifies an item that is not in the roster, then the server MUST return an <item-not-found/> stanza error.",
      },
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
      '3920': { absent: 'RFC 3921 has no roster versioning: RFC 6121 §2.6 added it (from XEP-0237)' },
      '6120': {
        section: '2.6.3',
        keyword: 'MUST',
        quote: 'Whether or not the roster has been modified since the version ID enumerated by the client, the server MUST either return the complete roster as described under Section 2.1.4 (including a \'ver\' attribute that signals the latest version) or return an empty IQ-result',
      },
    },
    requirement: "With roster versioning offered, a versioned get (ver='' and then the current ver) returns the full roster with a 'ver', or an empty result with the changes as pushes.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      requireVersioning(t, s);
      const jid = contactJid(t);
      deferRemoval(t, s, jid);
      await t.setupIq(`add ${jid}`, s, rosterSet(rosterEntry(jid, undefined, [])));
      const full = await versionedGet(s, '');
      let ver = versionOf(full);
      if (full.attrs.type === 'result' && !full.getChild('query', NS.roster)) {
        // allowed for ver='' too: every item then comes as an interim push, with its version
        const push = await s.expect(rosterPushFor(jid));
        ver = versionOf(push);
        t.check(ver !== undefined, "a 'ver' on the interim push", push);
        t.outcome("ver='' was answered with an empty result and the items as pushes");
      } else {
        t.check(full.attrs.type === 'result' && ver !== undefined, "a roster result whose <query/> has a 'ver' attribute", full);
        t.check(rosterItems(full).some((i) => i.attrs.jid === jid), `the full roster (with ${jid})`, full);
      }
      s.clearInbox();
      const again = await versionedGet(s, ver!);
      if (again.getChild('query', NS.roster)) {
        t.check(again.attrs.type === 'result' && versionOf(again) !== undefined, "the full roster with a 'ver' attribute, or an empty result", again);
        return t.outcome('the current version was answered with the full roster');
      }
      t.check(again.attrs.type === 'result', 'an empty IQ result for the current version', again);
      await s.sync();
      // "the server will simply not send any roster pushes": no keyword, so recorded only
      const pushes = s.received(rosterPushFor(jid));
      if (pushes.length) t.note(`after the empty result for the current version the server still pushed: ${pushes.map((p) => describe(p)).join(' ')}`);
      t.outcome('the current version was answered with an empty result');
    },
  },
  {
    id: 'RFC6121-2.6.3-2',
    cite: {
      '3920': { absent: 'RFC 3921 has no roster versioning: RFC 6121 §2.6 added it (from XEP-0237)' },
      '6120': {
        section: '2.6.3',
        keyword: 'MUST',
        quote: 'When roster versioning is enabled, the server MUST include the updated roster version with each roster push. Roster pushes MUST occur in order of modification and the version contained in a roster push MUST be unique.',
      },
    },
    requirement: 'With roster versioning, every push carries a new, unique ver; a client behind gets the changed items as pushes in order of change, or the full roster.',
    accounts: 1,
    freshAccounts: true,
    async run(t) {
      const [a] = t.accounts;
      const a1 = await t.login(a!);
      requireVersioning(t, a1);
      const a2 = await t.login(a!);
      const start = versionOf(await t.setupIq('fetch the versioned roster', a1, iq('get', {}, query(NS.roster, { ver: '' }))));
      t.check(start !== undefined, "a 'ver' on the roster result", 'no ver attribute');
      const jids = [contactJid(t), contactJid(t), contactJid(t)];
      for (const jid of jids) {
        deferRemoval(t, a2, jid);
        await t.setupIq(`add ${jid}`, a2, rosterSet(rosterEntry(jid, undefined, [])));
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
