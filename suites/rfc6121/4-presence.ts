import type { Account } from '../../src/engine/accounts.js';
import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import type { CaseContext } from '../../src/engine/context.js';
import { messageWithBody, presence } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { stanzaError, token } from '../../src/session/stanza.js';
import { describe, x, type Element } from '../../src/xml/element.js';
import { available, deferOfflineFlush, markerFrom, presenceStanza, roundTrip } from '../lib/presence.js';
import { subscribe } from '../lib/roster.js';

/** Presence with the given status from exactly `jid` (the status tells this stanza from earlier ones). */
function presenceWithStatus(jid: string, status: string) {
  return presence({ from: jid, where: (el) => el.getChildText('status') === status }, `<presence from=${jid}> with status "${status}"`);
}

/** What a probe from an entity with no subscription brought back, after a round trip to the contact. */
export interface UnauthorisedProbe {
  /** Available or unavailable presence of the contact: information the prober is not entitled to. */
  revealed: Element[];
  unsubscribed?: Element;
}

/** `prober` (no relationship) probes `contact`'s bare JID while the contact is available. */
export async function probeWithoutSubscription(t: CaseContext, prober: Account, contact: Account): Promise<UnauthorisedProbe> {
  const sc = await available(t, prober);
  const sb = await available(t, contact, { status: `here ${token(3)}` });
  sc.send(x('presence', { to: contact.jid, type: 'probe' }));
  await roundTrip(t, sc, sb);
  const answer = {
    revealed: sc.received(presence({ fromBare: contact.jid, type: ['available', 'unavailable'] })),
    unsubscribed: sc.received(presence({ fromBare: contact.jid, type: 'unsubscribed' }))[0],
  };
  // the contact goes offline again, for callers that go on to probe it offline
  await Promise.all([sc.close(), sb.close()]);
  return answer;
}

/**
 * `user`, subscribed to `contact`, probes the contact's bare JID: with two resources of the
 * contact available the answer must be their last presence (checked here at the case's
 * strength). Then with the contact offline it probes again and returns the answers to that.
 */
export async function probeWithSubscription(t: CaseContext, user: Account, contact: Account): Promise<Element[]> {
  const sa = await available(t, user);
  const resources = [await available(t, contact, { status: `first ${token(3)}` }), await available(t, contact, { show: 'xa', status: `second ${token(3)}` })];
  await subscribe(t, sa, resources[0]!);
  await Promise.all(resources.map((r) => roundTrip(t, sa, r)));
  sa.clearInbox();
  sa.send(x('presence', { to: contact.jid, type: 'probe' }));
  await Promise.all(resources.map((r) => roundTrip(t, sa, r)));
  const refused = sa.received(presence({ fromBare: contact.jid, type: 'error' }))[0];
  if (refused) t.skip(`the server does not take probes from clients: ${describe(refused)}`);
  for (const r of resources) {
    const last = r === resources[0] ? undefined : 'xa';
    const answer = sa.received(presence({ from: r.jid!, type: 'available' }))[0];
    t.check(answer !== undefined && answer.getChildText('show') === (last ?? null), `the last presence of ${r.jid}${last ? ` (show '${last}')` : ''}`, answer ? describe(answer) : 'no presence from that resource');
  }
  await t.setup('take the contact offline', async () => {
    await Promise.all(resources.map((r) => r.close()));
    await Promise.all(resources.map((r) => sa.expect(presence({ from: r.jid!, type: 'unavailable' }))));
  });
  sa.clearInbox();
  sa.send(x('presence', { to: contact.jid, type: 'probe' }));
  await sa.sync();
  return sa.received(presence({ fromBare: contact.jid }));
}

/** RFC 6121 §4 (RFC 3921 §5.1): presence broadcast, probes, unavailable and directed presence. */
export default defineCases({ spec: 'xmpp-im', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6121-4.2.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.2.2', keyword: 'MUST', quote: '' },
    },
    requirement: "Initial presence goes from the user's full JID to every contact subscribed to the user (From or Both).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const a0 = await available(t, a!);
      const sb = await available(t, b!);
      await subscribe(t, sb, a0);
      const a1 = await available(t, a!);
      await sb.expect(presence({ from: a1.jid!, type: 'available' }));
    },
  },
  {
    id: 'RFC6121-4.2.2-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.2.2', keyword: 'MUST', quote: '' },
    },
    requirement: "Initial presence is also sent to all of the user's available resources, including the one that sent it.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const a1 = await available(t, a!);
      const a2 = await available(t, a!);
      await Promise.all([a1, a2].map((s) => s.expect(presence({ from: a2.jid!, type: 'available' }))));
    },
  },
  {
    id: 'RFC6121-4.2.2-3',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.2.2', keyword: 'MUST', quote: '' },
    },
    requirement: "After initial presence the user receives the current presence of each contact it is subscribed to (To or Both).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const a0 = await available(t, a!);
      const status = `away ${token(3)}`;
      const sb = await available(t, b!, { show: 'away', status });
      await subscribe(t, a0, sb);
      const a1 = await available(t, a!);
      const current = await a1.expect(presence({ from: sb.jid!, type: 'available' }));
      t.check(current.getChildText('show') === 'away' && current.getChildText('status') === status,
        `the contact's current presence (show 'away', status '${status}')`, current);
    },
  },
  {
    id: 'RFC6121-4.3.2-1',
    cite: {
      '3920': { absent: '' },
      '6120': { section: '4.3.2', keyword: ['MUST NOT', 'SHOULD'], quote: '' },
    },
    requirement: "A probe from someone not subscribed reveals nothing of the contact's presence; the server should answer 'unsubscribed'.",
    accounts: 2,
    async run(t) {
      const [c, b] = t.accounts;
      const { revealed, unsubscribed } = await probeWithoutSubscription(t, c!, b!);
      t.must(revealed.length === 0, 'no presence of the contact for the unauthorised prober', describe(revealed[0]));
      t.should(unsubscribed !== undefined, "an 'unsubscribed' answer to the probe", 'no answer');
    },
  },
  {
    id: 'RFC6121-4.3.2-2',
    cite: {
      '3920': { absent: '' },
      '6120': { section: '4.3.2', keyword: 'MUST', quote: '' },
    },
    requirement: "A probe from a subscribed user is answered with the last presence of each available resource; with the contact offline, unavailable (should).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const offline = await probeWithSubscription(t, a!, b!);
      t.should(offline.some((p) => p.attrs.type === 'unavailable'), 'unavailable presence for a probe of an offline contact',
        offline.map((p) => describe(p)).join(' ') || 'no answer');
    },
  },
  {
    id: 'RFC6121-4.4.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.4.2', keyword: 'MUST', quote: '' },
    },
    requirement: "Subsequent presence is broadcast to every contact subscribed to the user and to the user's other available resources.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const a1 = await available(t, a!);
      const a2 = await available(t, a!);
      const sb = await available(t, b!);
      await subscribe(t, sb, a1);
      const status = `away ${token(3)}`;
      a1.send(presenceStanza({ show: 'away', status }));
      await Promise.all([sb, a2].map((s) => s.expect(presenceWithStatus(a1.jid!, status))));
    },
  },
  {
    id: 'RFC6121-4.5.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.5.2', keyword: 'MUST', quote: '' },
    },
    requirement: "Unavailable presence goes to subscribed contacts, to entities that got directed presence, and to the user's other resources.",
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const a1 = await available(t, a!);
      const a2 = await available(t, a!);
      const sb = await available(t, b!);
      const sc = await available(t, c!);
      await subscribe(t, sb, a1);
      const status = `directed ${token(3)}`;
      a1.send(presenceStanza({ to: c!.jid, status }));
      await t.setup('deliver directed presence', () => sc.expect(presenceWithStatus(a1.jid!, status)));
      a1.send(presenceStanza({ type: 'unavailable' }));
      await Promise.all([sb, sc, a2].map((s) => s.expect(presence({ from: a1.jid!, type: 'unavailable' }))));
    },
  },
  {
    id: 'RFC6121-4.5.2-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.5.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'When a session ends without unavailable presence (the TCP connection drops), the server broadcasts unavailable for it.',
    accounts: 2,
    transports: ['tcp'],
    async run(t) {
      const [a, b] = t.accounts;
      const a1 = await available(t, a!);
      const sb = await available(t, b!);
      await subscribe(t, sb, a1);
      a1.destroy('dropped the TCP connection without unavailable presence');
      await sb.expect(presence({ from: a1.jid!, type: 'unavailable' }));
    },
  },
  {
    id: 'RFC6121-4.6.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.6.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'Directed presence is delivered, stamped with the full JID, to an entity not in the roster.',
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const a1 = await available(t, a!);
      const sc = await available(t, c!);
      const status = `directed ${token(3)}`;
      a1.send(presenceStanza({ to: c!.jid, status }));
      const directed = await sc.expect(presence({ fromBare: a!.jid, where: (el) => el.getChildText('status') === status }));
      t.check(directed.attrs.from === a1.jid, `from the full JID ${a1.jid}`, directed);
    },
  },
  {
    id: 'RFC6121-4.6.3-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.6.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'An entity that got directed presence gets unavailable when the user goes offline without sending it directed unavailable.',
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const a1 = await available(t, a!);
      const sc = await available(t, c!);
      const status = `directed ${token(3)}`;
      a1.send(presenceStanza({ to: c!.jid, status }));
      await t.setup('deliver directed presence', () => sc.expect(presenceWithStatus(a1.jid!, status)));
      await a1.close();
      await sc.expect(presence({ from: a1.jid!, type: 'unavailable' }));
    },
  },
  {
    id: 'RFC6121-4.7.2.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.7.2.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'A resource with negative priority never receives messages sent to the bare JID: they are handled as if no resource were available.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!, { priority: -1 });
      deferOfflineFlush(t, b!);
      const body = `to bare ${token(3)}`;
      const id = `neg-${token(3)}`;
      sa.send(x('message', { to: b!.jid, type: 'chat', id }, x('body', {}, body)));
      await markerFrom(t, sa, sb);
      await sa.sync();
      t.check(sb.received(messageWithBody(body)).length === 0, 'no delivery to the priority −1 resource', 'delivered');
      await checkOfflineHandling(t, sa, id);
    },
  },
]);

/**
 * A chat message for a user with no (non-negative) resource is stored or bounced with
 * <service-unavailable/> (RFC 6121 §8.5.2.2.1). `sender` has synced after sending it.
 */
export async function checkOfflineHandling(t: CaseContext, sender: Session, id: string): Promise<void> {
  const bounce = sender.received({ describe: 'an error', test: (el) => el.attrs.type === 'error' && el.attrs.id === id })[0];
  if (!bounce) return t.outcome('no error: kept for offline delivery');
  t.check(stanzaError(bounce)?.condition === 'service-unavailable', 'offline storage, or a <service-unavailable/> bounce', bounce);
  t.outcome('bounced with <service-unavailable/>');
}
