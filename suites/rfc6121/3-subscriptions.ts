import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import type { CaseContext } from '../../src/engine/context.js';
import { presence } from '../../src/session/match.js';
import { ExpectationError, type Session } from '../../src/session/session.js';
import { bare, resourceOf, sameJid, token } from '../../src/session/stanza.js';
import { describe, x, type Element } from '../../src/xml/element.js';
import { available, markerFrom, roundTrip } from '../lib/presence.js';
import {
  deferRemoval, deferUnlink, describeItem, rosterItem, rosterItems, rosterPushFor, startOver, subscribe, subscribeBoth, subscriptionOf,
} from '../lib/roster.js';

type SubscriptionType = 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed';

function request(type: SubscriptionType, to: string): Element {
  return x('presence', { to: bare(to), type });
}

/** `from` asks `to` for a subscription and waits until the request is delivered (RFC 6121 §3.1.1). */
async function requestDelivered(from: Session, to: Session): Promise<void> {
  from.send(request('subscribe', to.jid!));
  await to.expect(presence({ type: 'subscribe', fromBare: bare(from.jid!) }));
}

/** Checks that a stanza came from the bare JID `jid` exactly, with no resource. */
function checkFromBare(t: CaseContext, stanza: Element, jid: string, what: string): void {
  t.check(sameJid(stanza.attrs.from, bare(jid)) && resourceOf(stanza.attrs.from) === undefined, `${what} from the bare JID ${bare(jid)}`, stanza);
}

/** Waits for a roster push for `jid` whose item has subscription `state` and no pending 'ask'. */
function expectPush(s: Session, jid: string, state: string): Promise<Element> {
  const m = rosterPushFor(jid, (i) => subscriptionOf(i) === state && i.attrs.ask === undefined);
  return s.expect({ ...m, describe: `${m.describe} with subscription='${state}' and no ask` });
}

/** Expects presence of `type` (undefined: available) from each of the contact's resources. */
async function expectPresenceOfEach(s: Session, resources: Session[], type?: string): Promise<Element[]> {
  return Promise.all(resources.map((r) => s.expect(presence({ from: r.jid!, type: type ?? 'available' }))));
}

// ---- RFC6121-A-1: the subscription state tables ------------------------------------------

type Direction = 'none' | 'pending' | 'subscribed';

/**
 * A relationship from the user's side: `out` is the user's subscription to the contact (To,
 * Pending Out), `in` the contact's subscription to the user (From, Pending In). The contact's
 * roster shows the mirror image, so one pair describes both sides.
 */
interface Relation { out: Direction; in: Direction }

/** The nine states of RFC 6121 App. A, named as in the catalogue §C. */
const STATES: [string, Relation][] = [
  ['N', { out: 'none', in: 'none' }],
  ['N+O', { out: 'pending', in: 'none' }],
  ['N+I', { out: 'none', in: 'pending' }],
  ['N+OI', { out: 'pending', in: 'pending' }],
  ['T', { out: 'subscribed', in: 'none' }],
  ['T+I', { out: 'subscribed', in: 'pending' }],
  ['F', { out: 'none', in: 'subscribed' }],
  ['F+O', { out: 'pending', in: 'subscribed' }],
  ['B', { out: 'subscribed', in: 'subscribed' }],
];

/**
 * The user's outbound tables and the contact's inbound ones (catalogue §C) taken together: each
 * stanza acts on one direction, and is passed on and changes it only from the listed states.
 * Every cell of both tables follows from these four lines.
 */
const TRANSITIONS: Record<SubscriptionType, { dir: keyof Relation; from: Direction[]; to: Direction }> = {
  subscribe: { dir: 'out', from: ['none'], to: 'pending' },
  unsubscribe: { dir: 'out', from: ['pending', 'subscribed'], to: 'none' },
  subscribed: { dir: 'in', from: ['pending'], to: 'subscribed' },
  unsubscribed: { dir: 'in', from: ['pending', 'subscribed'], to: 'none' },
};

/** Whether a stanza of `type` from the user in state `r` is passed on and changes the state. */
function changes(r: Relation, type: SubscriptionType): boolean {
  const rule = TRANSITIONS[type];
  return rule.from.includes(r[rule.dir]);
}

/** Cells the catalogue marks informational: some servers re-route a repeated subscribe here. */
const INFORMATIONAL = new Set(['N+O subscribe', 'T subscribe']);

/** A roster view: "both", "to", "none+ask", … for one side of the relation. */
function view(out: Direction, inbound: Direction): string {
  const sub = out === 'subscribed' ? (inbound === 'subscribed' ? 'both' : 'to') : inbound === 'subscribed' ? 'from' : 'none';
  return out === 'pending' ? `${sub}+ask` : sub;
}

function observedView(item: Element | undefined): string {
  return subscriptionOf(item) + (item?.attrs.ask === 'subscribe' ? '+ask' : '');
}

/** Both sides as their roster gets show them: "user none+ask / contact none". */
async function observe(a: Session, b: Session): Promise<string> {
  const [ua, ub] = await Promise.all([rosterItem(a, b.jid!), rosterItem(b, a.jid!)]);
  return `user ${observedView(ua)} / contact ${observedView(ub)}`;
}

function expectedViews(r: Relation): string {
  return `user ${view(r.out, r.in)} / contact ${view(r.in, r.out)}`;
}

/** Builds a relation from None with completed subscriptions first, then the pending requests. */
async function build(a: Session, b: Session, r: Relation): Promise<void> {
  const approve = async (from: Session, to: Session): Promise<void> => {
    await requestDelivered(from, to);
    to.send(request('subscribed', from.jid!));
    await from.expect(presence({ type: 'subscribed', fromBare: bare(to.jid!) }));
  };
  if (r.out === 'subscribed') await approve(a, b);
  if (r.in === 'subscribed') await approve(b, a);
  if (r.out === 'pending') await requestDelivered(a, b);
  if (r.in === 'pending') await requestDelivered(b, a);
}

/** RFC 6121 §3 (RFC 3921 §6, §8, §9): presence subscriptions. */
/**
 * B sends A a subscription state change nothing asked for (A and B have no subscription): the
 * server drops it. Checks it was not delivered and gave A no roster push; returns the sessions.
 */
async function expectDropped(t: CaseContext, type: 'subscribed' | 'unsubscribed'): Promise<{ sa: Session; sb: Session }> {
  const [a, b] = t.accounts;
  const sa = await available(t, a!);
  const sb = await available(t, b!);
  deferUnlink(t, sa, sb);
  sb.send(request(type, a!.jid));
  await markerFrom(t, sb, sa);
  t.check(sa.received(presence({ type, fromBare: b!.jid })).length === 0, `the '${type}' not delivered`, 'delivered');
  t.check(sa.received(rosterPushFor(b!.jid)).length === 0, `no roster push for ${b!.jid}`, describe(sa.received(rosterPushFor(b!.jid))[0]));
  return { sa, sb };
}

export default defineCases({ spec: 'xmpp-im', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6121-3.1.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.1.2', keyword: 'MUST', quote: '' },
    },
    requirement: "An outbound 'subscribe' is stamped with the user's bare JID before it is delivered.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      deferUnlink(t, sa, sb);
      sa.send(request('subscribe', b!.jid));
      checkFromBare(t, await sb.expect(presence({ type: 'subscribe', fromBare: a!.jid })), a!.jid, "the 'subscribe'");
    },
  },
  {
    id: 'RFC6121-3.1.2-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.1.2', keyword: 'MUST', quote: '' },
    },
    requirement: "After an outbound 'subscribe' every interested resource of the user gets a push for the contact with subscription='none' ask='subscribe'.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const a1 = await available(t, a!);
      const a2 = await available(t, a!);
      const sb = await available(t, b!);
      deferUnlink(t, a1, sb);
      a1.send(request('subscribe', b!.jid));
      for (const s of [a1, a2]) {
        const item = rosterItems(await s.expect(rosterPushFor(b!.jid)))[0];
        t.check(subscriptionOf(item) === 'none' && item?.attrs.ask === 'subscribe', `a push to ${s.jid} with subscription='none' ask='subscribe'`, describeItem(item));
      }
    },
  },
  {
    id: 'RFC6121-3.1.2-3',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.1.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'A subscription request that cannot be delivered (the remote domain does not resolve) is answered with a presence error.',
    accounts: 1,
    async run(t) {
      const s = await available(t, t.accounts[0]!);
      const contact = `contact@${token()}.invalid`;
      deferRemoval(t, s, contact);
      s.send(request('subscribe', contact));
      const error = await s.expect(presence({ type: 'error', fromBare: contact }));
      t.outcome(`answered with a presence error: ${describe(error.getChild('error'))}`);
    },
  },
  {
    id: 'RFC6121-3.1.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST NOT', quote: '' },
      '6120': { section: '3.1.3', keyword: 'MUST NOT', quote: '' },
    },
    requirement: "The contact's server never approves a request on the contact's behalf (without pre-approval or configuration).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      deferUnlink(t, sa, sb);
      await requestDelivered(sa, sb);
      // what the server would send for the contact it sends while handling the request
      await markerFrom(t, sb, sa);
      const approvals = sa.received(presence({ type: 'subscribed', fromBare: b!.jid }));
      t.check(approvals.length === 0, "no 'subscribed' before the contact answers", describe(approvals[0]));
      const item = await rosterItem(sa, b!.jid);
      t.check(!['to', 'both'].includes(subscriptionOf(item)), "the user's item still without a subscription to the contact", describeItem(item));
    },
  },
  {
    id: 'RFC6121-3.1.3-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.1.3', keyword: 'MUST', quote: '' },
    },
    requirement: "A subscription request reaches every available resource of the contact.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const b1 = await available(t, b!);
      const b2 = await available(t, b!);
      deferUnlink(t, sa, b1);
      sa.send(request('subscribe', b!.jid));
      await Promise.all([b1, b2].map((s) => s.expect(presence({ type: 'subscribe', fromBare: a!.jid }))));
    },
  },
  {
    id: 'RFC6121-3.1.3-3',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.1.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'A request to an offline contact is kept and delivered, one copy per requester, each time the contact becomes available until answered.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      deferRemoval(t, sa, b!.jid);
      sa.send(request('subscribe', b!.jid));
      sa.send(request('subscribe', b!.jid));
      await sa.sync();
      const b1 = await available(t, b!);
      deferUnlink(t, sa, b1);
      await b1.expect(presence({ type: 'subscribe', fromBare: a!.jid }));
      await markerFrom(t, sa, b1);
      const copies = 1 + b1.received(presence({ type: 'subscribe', fromBare: a!.jid })).length;
      t.check(copies === 1, 'exactly one stored request delivered for two sent', `${copies} copies`);
      await b1.close();
      const b2 = await available(t, b!);
      await b2.expect(presence({ type: 'subscribe', fromBare: a!.jid }));
    },
  },
  {
    id: 'RFC6121-3.1.3-4',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.1.3', keyword: 'MUST', quote: '' },
    },
    requirement: "A repeated 'subscribe' from a user already subscribed is answered by the contact's server with 'subscribed' from its bare JID; nothing changes.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      deferUnlink(t, sa, sb);
      await subscribe(t, sa, sb);
      sa.send(request('subscribe', b!.jid));
      await roundTrip(t, sa, sb);
      if (sb.received(presence({ type: 'subscribe', fromBare: a!.jid })).length) t.note('the repeated request was also delivered to the contact');
      const reply = sa.received(presence({ type: 'subscribed', fromBare: b!.jid }))[0];
      if (reply) checkFromBare(t, reply, b!.jid, "the automatic 'subscribed'");
      const [mine, theirs] = await Promise.all([rosterItem(sa, b!.jid), rosterItem(sb, a!.jid)]);
      t.check(observedView(mine) === 'to' && observedView(theirs) === 'from', 'no change: the user still To, the contact From',
        `user ${describeItem(mine)}; contact ${describeItem(theirs)}`);
      // on one server the reply reaches the user's side in state To, where §3.1.6 says to ignore it
      t.outcome(reply ? "the user received the automatic 'subscribed'"
        : "no 'subscribed' reached the user: a reply arriving in state To is ignored by the user's server (RFC 6121 §3.1.6)");
    },
  },
  {
    id: 'RFC6121-3.1.5-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.1.5', keyword: 'MUST', quote: '' },
    },
    requirement: "On approval the contact's roster is pushed as From, the user gets 'subscribed', a push as To, then the presence of each of the contact's available resources.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const b1 = await available(t, b!);
      const status = `busy ${token(3)}`;
      const b2 = await available(t, b!, { show: 'dnd', status });
      deferUnlink(t, sa, b1);
      await t.setup('deliver the request', () => requestDelivered(sa, b1));
      b1.send(request('subscribed', a!.jid));
      await expectPush(b1, a!.jid, 'from');
      await sa.expect(presence({ type: 'subscribed', fromBare: b!.jid }));
      await expectPush(sa, b!.jid, 'to');
      const [, second] = await expectPresenceOfEach(sa, [b1, b2]);
      t.check(second!.getChildText('show') === 'dnd' && second!.getChildText('status') === status,
        `the current presence of ${b2.jid} (show 'dnd', status '${status}')`, second);
    },
  },
  {
    id: 'RFC6121-3.1.6-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.1.6', keyword: 'MUST', quote: '' },
    },
    requirement: "An unsolicited 'subscribed' is dropped: not delivered, no roster change or push for the user.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const { sa, sb } = await expectDropped(t, 'subscribed');
      const item = await rosterItem(sa, b!.jid);
      t.check(item === undefined, `no roster item for ${b!.jid}`, describeItem(item));
      const own = await rosterItem(sb, a!.jid);
      t.outcome(own?.attrs.approved === 'true' ? "recorded as a pre-approval (approved='true' in the sender's roster)" : 'dropped');
    },
  },
  {
    id: 'RFC6121-3.2.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.2.2', keyword: 'MUST', quote: '' },
    },
    requirement: "When the contact cancels ('unsubscribed'), the user gets it, a push without To, then unavailable from each of the contact's resources.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const b1 = await available(t, b!);
      const b2 = await available(t, b!);
      deferUnlink(t, sa, b1);
      await subscribeBoth(t, sa, b1);
      b1.send(request('unsubscribed', a!.jid));
      await sa.expect(presence({ type: 'unsubscribed', fromBare: b!.jid }));
      await expectPush(sa, b!.jid, 'from');
      await expectPresenceOfEach(sa, [b1, b2], 'unavailable');
    },
  },
  {
    id: 'RFC6121-3.2.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.2.3', keyword: 'MUST', quote: '' },
    },
    requirement: "An 'unsubscribed' with no subscription or request to cancel is ignored: no delivery, no push.",
    accounts: 2,
    async run(t) {
      await expectDropped(t, 'unsubscribed');
    },
  },
  {
    id: 'RFC6121-3.3.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.3.2', keyword: 'MUST', quote: '' },
    },
    requirement: "When the user unsubscribes, the user's item is pushed without To, the contact gets 'unsubscribe' and a push without From, the user gets the contact's unavailable.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const b1 = await available(t, b!);
      const b2 = await available(t, b!);
      deferUnlink(t, sa, b1);
      await subscribeBoth(t, sa, b1);
      sa.send(request('unsubscribe', b!.jid));
      await expectPush(sa, b!.jid, 'from');
      await b1.expect(presence({ type: 'unsubscribe', fromBare: a!.jid }));
      await expectPush(b1, a!.jid, 'to');
      await expectPresenceOfEach(sa, [b1, b2], 'unavailable');
    },
  },
  {
    id: 'RFC6121-3.4-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '3.4', keyword: 'MUST', quote: '' },
    },
    requirement: "With pre-approval offered, a 'subscribed' without a request marks the contact approved='true' and a later request is approved at once.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      if (!sb.features?.getChild('sub', 'urn:xmpp:features:pre-approval')) t.skip("pre-approval is not offered (no <sub xmlns='urn:xmpp:features:pre-approval'/> stream feature)");
      deferUnlink(t, sa, sb);
      sb.send(request('subscribed', a!.jid));
      await sb.sync();
      // showing the pre-approval in the roster is only recommended (RFC 6121 §2.1.2.1)
      const approval = await rosterItem(sb, a!.jid);
      t.should(approval?.attrs.approved === 'true', `${a!.jid} in the contact's roster with approved='true'`, describeItem(approval));
      sa.send(request('subscribe', b!.jid));
      checkFromBare(t, await sa.expect(presence({ type: 'subscribed', fromBare: b!.jid })), b!.jid, "an immediate 'subscribed'");
      const item = await rosterItem(sa, b!.jid);
      t.check(subscriptionOf(item) === 'to', "the user's item with subscription='to'", describeItem(item));
    },
  },
  {
    id: 'RFC6121-A-1',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: 'A', keyword: 'SHOULD', quote: '' },
    },
    requirement: 'Subscription stanzas move both sides between the nine states, and are passed on or not, as the state tables say.',
    // it walks all 36 cells of the state tables: longer than one ordinary case
    timeoutMs: 90_000,
    takesSeconds: 4,
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      deferUnlink(t, sa, sb);
      let deviations = 0;
      /** The state both rosters were last seen in, when it is still usable as a start. */
      let standing: string | undefined;
      for (const [name, start] of STATES) {
        // cells that leave the state as it is come first, so one build serves all of them
        const types = (Object.keys(TRANSITIONS) as SubscriptionType[])
          .sort((x, y) => Number(changes(start, x)) - Number(changes(start, y)));
        for (const type of types) {
          const cell = `${name} ${type}`;
          sa.note(`state table cell ${cell}`);
          if (standing !== name) {
            await startOver(t, sa, sb);
            try {
              await build(sa, sb, start);
            } catch (err) {
              if (!(err instanceof ExpectationError)) throw err;
              deviations++;
              t.should(false, `state ${name} reachable by requests and approvals`, `${err.expected}; ${err.actual}`);
              continue;
            }
            const before = await observe(sa, sb);
            if (!t.should(before === expectedViews(start), `state ${name} as ${expectedViews(start)}`, before)) {
              deviations++;
              continue;
            }
          }
          sa.clearInbox();
          sb.clearInbox();
          const passes = changes(start, type);
          const rule = TRANSITIONS[type];
          const next = passes ? { ...start, [rule.dir]: rule.to } : start;
          sa.send(request(type, b!.jid));
          await markerFrom(t, sa, sb);
          const passed = sb.received(presence({ type, fromBare: a!.jid })).length > 0;
          const after = await observe(sa, sb);
          standing = after === expectedViews(start) ? name : undefined;
          if (passed !== passes && INFORMATIONAL.has(cell)) {
            t.note(`${cell}: the contact received the repeated 'subscribe' (informational cell)`);
          } else if (!t.should(passed === passes, `${cell}: ${passes ? 'passed on' : 'not passed on'}`, passed ? 'passed on' : 'not passed on')) {
            deviations++;
          }
          if (!t.should(after === expectedViews(next), `${cell}: ${expectedViews(next)}`, after)) deviations++;
          if (type === 'subscribed' && !passes && (await rosterItem(sa, b!.jid))?.attrs.approved === 'true') {
            // a pre-approval (RFC 6121 §3.4) changes later cells: start the next one afresh
            t.note(`${cell}: recorded as a pre-approval`);
            standing = undefined;
          }
        }
      }
      t.note(`${STATES.length * 4} cells driven (N=None, O=Pending Out, I=Pending In, T=To, F=From, B=Both); ${deviations} deviations`);
    },
  },
]);
