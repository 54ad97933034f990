import { type Account, type CaseContext, defineCases, describe, type Element, messageWithBody, presence, type Session, STANZA_TRANSPORTS, stanzaError, token, x } from '../../src/authoring.js';
import { available, deferOfflineFlush, markerFrom, offlineFate, presenceStanza, roundTrip } from '../lib/presence.js';
import { subscribe, subscribeBoth } from '../lib/roster.js';

/** Presence with the given status from exactly `jid` (the status tells this stanza from earlier ones). */
function presenceWithStatus(jid: string, status: string, type?: string) {
  return presence({ from: jid, type, where: (el) => el.getChildText('status') === status }, `<presence from=${jid}${type ? ` type=${type}` : ''}> with status "${status}"`);
}

/** What a probe from an entity with no subscription brought back, after a round trip to the contact. */
export interface UnauthorisedProbe {
  /** Available or unavailable presence of the contact: information the prober is not entitled to. */
  revealed: Element[];
  unsubscribed?: Element;
  /** A presence error from the contact (RFC 3921 §5.1.3 wants <forbidden/>). */
  refused?: Element;
}

/** `prober` (no relationship) and `contact` available, the contact with a status; the prober has sent a probe to the contact's bare JID. */
async function sendUnauthorisedProbe(t: CaseContext, prober: Account, contact: Account): Promise<{ sc: Session; sb: Session }> {
  const sc = await available(t, prober);
  const sb = await available(t, contact, { status: `here ${token(3)}` });
  sc.send(x('presence', { to: contact.jid, type: 'probe' }));
  return { sc, sb };
}

/** What came back to `sc` from the contact's account. */
function probeAnswers(sc: Session, contact: string): UnauthorisedProbe {
  return {
    revealed: sc.received(presence({ fromBare: contact, type: ['available', 'unavailable'] })),
    unsubscribed: sc.received(presence({ fromBare: contact, type: 'unsubscribed' }))[0],
    refused: sc.received(presence({ fromBare: contact, type: 'error' }))[0],
  };
}

/** `prober` (no relationship) probes `contact`'s bare JID while the contact is available. */
export async function probeWithoutSubscription(t: CaseContext, prober: Account, contact: Account): Promise<UnauthorisedProbe> {
  const { sc, sb } = await sendUnauthorisedProbe(t, prober, contact);
  await roundTrip(t, sc, sb);
  const answer = probeAnswers(sc, contact.jid);
  // the contact goes offline again, for callers that go on to probe it offline
  await Promise.all([sc.close(), sb.close()]);
  return answer;
}

/** What a subscribed user's probes brought back: with two resources of the contact available, then with none. */
export interface SubscribedProbe {
  /** Each available resource of the contact, with the presence it last broadcast and the answer for it. */
  online: { jid: string; show?: string; answer?: Element }[];
  /** Every presence from the contact's account in answer to the probe sent while it was offline. */
  offline: Element[];
}

/**
 * `user`, subscribed to `contact`, probes the contact's bare JID while two resources of the contact
 * are available (the second with show 'xa'), then, with the contact offline, probes again.
 * A presence error in answer to the first probe means the server takes no probes from clients:
 * the case is then not applicable.
 */
async function probeSubscribed(t: CaseContext, user: Account, contact: Account): Promise<SubscribedProbe> {
  const sa = await available(t, user);
  const resources = [await available(t, contact, { status: `first ${token(3)}` }), await available(t, contact, { show: 'xa', status: `second ${token(3)}` })];
  await subscribe(t, sa, resources[0]!);
  await Promise.all(resources.map((r) => roundTrip(t, sa, r)));
  sa.clearInbox();
  sa.send(x('presence', { to: contact.jid, type: 'probe' }));
  await Promise.all(resources.map((r) => roundTrip(t, sa, r)));
  const refused = sa.received(presence({ fromBare: contact.jid, type: 'error' }))[0];
  if (refused) t.skip(`the server does not take probes from clients: ${describe(refused)}`);
  const online = resources.map((r, i) => ({ jid: r.jid!, show: i === 1 ? 'xa' : undefined, answer: sa.received(presence({ from: r.jid!, type: 'available' }))[0] }));
  await t.setup('take the contact offline', async () => {
    await Promise.all(resources.map((r) => r.close()));
    await Promise.all(resources.map((r) => sa.expect(presence({ from: r.jid!, type: 'unavailable' }))));
  });
  sa.clearInbox();
  sa.send(x('presence', { to: contact.jid, type: 'probe' }));
  await sa.sync();
  return { online, offline: sa.received(presence({ fromBare: contact.jid })) };
}

/** Whether `answer` is the last presence the resource broadcast (its show, or none). */
function isLastPresence(r: SubscribedProbe['online'][number]): boolean {
  return r.answer !== undefined && r.answer.getChildText('show') === (r.show ?? null);
}

/**
 * `user`, subscribed to `contact`, probes the contact's bare JID: with two resources of the
 * contact available the answer must be their last presence (checked here at the case's
 * strength). Then with the contact offline it probes again and returns the answers to that.
 */
export async function probeWithSubscription(t: CaseContext, user: Account, contact: Account): Promise<Element[]> {
  const { online, offline } = await probeSubscribed(t, user, contact);
  for (const r of online) {
    t.check(isLastPresence(r), `the last presence of ${r.jid}${r.show ? ` (show '${r.show}')` : ''}`, r.answer ? describe(r.answer) : 'no presence from that resource');
  }
  return offline;
}

/**
 * Judges how a message for a user with no available resource of non-negative priority was
 * handled, at SHOULD strength (RFC 6121 §8.5.2.2.1; RFC 3921 §11.1 rule 5 by way of the SHOULD of
 * rule 4.1): bounced with <service-unavailable/>, or kept and delivered at the next initial presence.
 */
function judgeOfflineHandling(t: CaseContext, fate: { bounce?: Element; stored?: Element }, what: string): void {
  if (fate.bounce) {
    t.expectError(fate.bounce, ['service-unavailable'], 'should');
    return t.outcome(`${what}: bounced with <${stanzaError(fate.bounce)?.condition ?? '?'}/>`);
  }
  t.should(fate.stored !== undefined, `${what} kept and delivered at the next initial presence, or bounced with <service-unavailable/>`, 'no error, and not delivered when a resource of priority 0 came online');
  if (fate.stored) t.outcome(`${what}: kept and delivered at the next initial presence`);
}

/** RFC 6121 §4 (RFC 3921 §5.1): presence broadcast, probes, unavailable and directed presence. */
export default defineCases({ spec: 'xmpp-im', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6121-4.2.2-1',
    cite: {
      '3920': {
        section: '5.1.1',
        keyword: 'MUST',
        quote: "Upon receiving initial presence from a client, the user's server MUST do the following if there is not already one or more available resources for the user … Broadcast initial presence from the full JID (e.g., <user@example.com/resource>) of the user to all contacts that are subscribed to the user's presence information",
      },
      '6120': {
        section: '4.2.2',
        keyword: 'MUST',
        quote: "Upon receiving initial presence from a client, the user's server MUST send the initial presence stanza from the full JID <user@domainpart/resourcepart> of the user to all contacts that are subscribed to the user's presence",
      },
    },
    requirement: "Initial presence of a user with no other available resource goes from the user's full JID to every contact subscribed to the user (From or Both).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const a0 = await available(t, a!);
      const sb = await available(t, b!);
      await subscribe(t, sb, a0);
      // RFC 3921 §5.1.1 states the rule for a user with no other available resource
      await t.setup(`take ${a0.jid} offline`, async () => {
        await a0.close();
        await sb.expect(presence({ from: a0.jid!, type: 'unavailable' }));
      });
      const a1 = await available(t, a!);
      await sb.expect(presence({ from: a1.jid!, type: 'available' }));
    },
  },
  {
    id: 'RFC6121-4.2.2-2',
    cite: {
      '3920': {
        section: '5.1.1',
        keyword: 'MUST',
        quote: "In addition, the user's server MUST broadcast initial presence from the user's new available resource to any of the user's existing available resources (if any).",
        changed: 'RFC 6121 §4.2.2 adds the resource that sent it',
      },
      '6120': {
        section: '4.2.2',
        keyword: 'MUST',
        quote: "The user's server MUST also broadcast initial presence from the user's newly available resource to all of the user's available resources, including the resource that generated the presence notification in the first place (i.e., an entity is implicitly subscribed to its own presence).",
      },
    },
    requirement: "Initial presence is also sent to the user's other available resources (RFC 6121: and to the one that sent it).",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const a1 = await available(t, a!);
      const a2 = await available(t, a!);
      await a1.expect(presence({ from: a2.jid!, type: 'available' }));
      if (t.baseline === '6120') {
        await a2.expect(presence({ from: a2.jid!, type: 'available' }));
        return;
      }
      // available() synced a2 after its presence: a reflection would have arrived by now
      t.outcome(a2.received(presence({ from: a2.jid!, type: 'available' })).length ? 'also reflected to the resource that sent it' : 'not reflected to the resource that sent it (RFC 3921 does not ask for it)');
    },
  },
  {
    id: 'RFC6121-4.2.2-3',
    cite: {
      '3920': {
        section: '5.1.3',
        keyword: ['SHOULD', 'MUST'],
        quote: "the contact's server SHOULD reply as follows: … if the contact has at least one available resource, the server MUST reply to the presence probe by sending to the user the full XML of the last presence stanza with no 'to' attribute received by the server from each of the contact's available resources",
        changed: 'RFC 6121 §4.3.2: the server MUST reply as follows',
      },
      '6120': {
        section: '4.3.2',
        keyword: 'MUST',
        quote: "Else, if the contact has at least one available resource, then the server MUST reply to the presence probe by sending to the user the full XML of the last presence stanza with no 'to' attribute received by the server from each of the contact's available resources.",
      },
    },
    requirement: "Initial presence of a user with no other available resource brings it the full last presence of each contact it is subscribed to (the answer to the server's probe).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const a0 = await available(t, a!);
      const status = `away ${token(3)}`;
      const sb = await available(t, b!, { show: 'away', status });
      // both ways: the contact's view of a0 going offline is the barrier below
      await subscribeBoth(t, a0, sb);
      await t.setup(`take ${a0.jid} offline`, async () => {
        await a0.close();
        await sb.expect(presence({ from: a0.jid!, type: 'unavailable' }));
      });
      const a1 = await available(t, a!);
      const contact = presence({ from: sb.jid!, type: 'available' });
      // RFC 3921: the contact's server only SHOULD answer the probe at all
      const current = t.baseline === '3920' ? await a1.maybe(contact) : await a1.expect(contact);
      if (!t.should(current !== undefined, `the contact's presence (${contact.describe}) after initial presence`, 'none arrived')) return;
      t.must(current!.getChildText('show') === 'away' && current!.getChildText('status') === status,
        `the contact's last presence in full (show 'away', status '${status}')`, current);
    },
  },
  {
    id: 'RFC6121-4.3.2-1',
    cite: {
      '3920': {
        section: '14',
        keyword: 'MUST NOT',
        quote: "When a server processes an inbound presence stanza of type \"probe\" whose intended recipient is a user associated with one of the server's hostnames, the server MUST NOT reveal the user's presence information if the sender is an entity that is not authorized to receive that information as determined by presence subscriptions",
        changed: "RFC 6121 §4.3.2 answers 'unsubscribed' (SHOULD) where RFC 3921 §5.1.3 returned a <forbidden/> error",
      },
      '6120': {
        section: '11',
        keyword: 'MUST NOT',
        quote: "When a server processes an inbound presence stanza of type \"probe\" whose intended recipient is a user associated with one of the server's configured domains, the server MUST NOT reveal the user's presence if the sender is an entity that is not authorized to receive that information as determined by presence subscriptions (see Section 4).",
      },
    },
    requirement: "A probe from someone not subscribed reveals nothing of the contact's presence; the answer should be 'unsubscribed' (RFC 6121 §4.3.2), or a <forbidden/> presence error (RFC 3921 §5.1.3).",
    accounts: 2,
    async run(t) {
      const [c, b] = t.accounts;
      const { sc, sb } = await sendUnauthorisedProbe(t, c!, b!);
      await t.nothingArrived(sc, presence({ fromBare: b!.jid, type: ['available', 'unavailable'] }), "presence of the contact for the unauthorised prober", () => roundTrip(t, sc, sb));
      const { unsubscribed, refused } = probeAnswers(sc, b!.jid);
      if (t.baseline === '6120') {
        t.should(unsubscribed !== undefined, "an 'unsubscribed' answer to the probe (RFC 6121 §4.3.2: the contact's server SHOULD return a presence stanza of type \"unsubscribed\")", refused ? describe(refused) : 'no answer');
        return;
      }
      // RFC 3921 §5.1.3: "SHOULD reply as follows: … the contact's server MUST return a <forbidden/> stanza error"
      if (refused) {
        t.expectError(refused, ['forbidden'], 'must');
        return t.outcome('answered with a <forbidden/> presence error');
      }
      t.should(false, 'a presence error <forbidden/> in answer to the probe (RFC 3921 §5.1.3: SHOULD reply as follows … MUST return a <forbidden/> stanza error)', unsubscribed ? `${describe(unsubscribed)} (the RFC 6121 answer)` : 'no answer');
    },
  },
  {
    id: 'RFC6121-4.3.2-2',
    cite: {
      '3920': {
        section: '5.1.3',
        keyword: ['SHOULD', 'MUST'],
        quote: "the contact's server SHOULD reply as follows: … if the contact has no available resources, the server MUST either (1) reply to the presence probe by sending to the user the full XML of the last presence stanza of type \"unavailable\" … or (2) not reply at all. … the server MUST reply to the presence probe by sending to the user the full XML of the last presence stanza … from each of the contact's available resources",
        changed: "RFC 6121 §4.3.2: the server MUST reply as follows, and SHOULD answer 'unavailable' for an offline contact",
      },
      '6120': {
        section: '4.3.2',
        keyword: ['SHOULD', 'MUST'],
        quote: "Else, if the contact has no available resources, then the server SHOULD reply to the presence probe by sending to the user a presence stanza of type \"unavailable\" … if the contact has at least one available resource, then the server MUST reply to the presence probe by sending to the user the full XML of the last presence stanza … from each of the contact's available resources.",
      },
    },
    requirement: "A probe from a subscribed user is answered with the last presence of each available resource; with the contact offline, unavailable (RFC 6121: should; RFC 3921: unavailable or nothing).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const { online, offline } = await probeSubscribed(t, a!, b!);
      if (online.every((r) => r.answer === undefined)) {
        // a client's probe: RFC 6121 §4.3 "the user's server SHOULD … process the probe"; RFC 3921 §5.1.3 "SHOULD reply"
        t.should(false, "an answer to the subscribed user's probe of the online contact", 'no presence from any resource');
        return;
      }
      for (const r of online) {
        t.must(isLastPresence(r), `the last presence of ${r.jid}${r.show ? ` (show '${r.show}')` : ''}`, r.answer ? describe(r.answer) : 'no presence from that resource');
      }
      const shown = offline.map((p) => describe(p)).join(' ') || 'no answer';
      if (t.baseline === '3920') {
        t.must(offline.every((p) => p.attrs.type === 'unavailable'), 'unavailable presence, or no answer, for a probe of an offline contact', shown);
        return t.outcome(offline.length ? 'offline contact: answered with unavailable presence' : 'offline contact: no answer');
      }
      t.should(offline.some((p) => p.attrs.type === 'unavailable'), 'unavailable presence for a probe of an offline contact', shown);
    },
  },
  {
    id: 'RFC6121-4.4.2-1',
    cite: {
      '3920': {
        section: '5.1.2',
        keyword: 'MUST',
        quote: "If the presence stanza lacks a 'type' attribute (i.e., expresses availability), the user's server MUST broadcast the full XML of that presence stanza to all contacts (1) that are in the user's roster with a subscription type of \"from\" or \"both\", … (as well as to any of the user's other available resources).",
        changed: 'RFC 6121 §4.4.2 adds the resource that sent it',
      },
      '6120': {
        section: '4.4.2',
        keyword: 'MUST',
        quote: "the user's server MUST broadcast the full XML of that presence stanza to the contacts who are in the user's roster with a subscription type of \"from\" or \"both\". … The user's server MUST also send the presence stanza to all of the user's available resources (including the resource that generated the presence notification in the first place).",
      },
    },
    requirement: "Subsequent presence is broadcast in full to every contact subscribed to the user and to the user's other available resources (RFC 6121: and to the one that sent it).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const a1 = await available(t, a!);
      const a2 = await available(t, a!);
      const sb = await available(t, b!);
      await subscribe(t, sb, a1);
      const status = `away ${token(3)}`;
      a1.send(presenceStanza({ show: 'away', status }));
      const receivers = t.baseline === '6120' ? [sb, a2, a1] : [sb, a2];
      const got = await Promise.all(receivers.map((s) => s.expect(presenceWithStatus(a1.jid!, status))));
      for (const [i, p] of got.entries()) t.check(p.getChildText('show') === 'away', `the full presence (show 'away') at ${receivers[i]!.jid}`, p);
    },
  },
  {
    id: 'RFC6121-4.5.2-1',
    cite: {
      '3920': {
        section: '5.1.2',
        keyword: 'MUST',
        quote: "If the presence stanza has a 'type' attribute set to a value of \"unavailable\", the user's server MUST broadcast the full XML of that presence stanza to all entities that fit the above description, as well as to any entities to which the user has sent directed available presence during the user's session",
      },
      '6120': {
        section: '4.5.2',
        keyword: 'MUST',
        quote: "the user's server MUST broadcast unavailable presence to all contacts that are in the user's roster with a subscription type of \"from\" or \"both\". … then the server MUST broadcast the full XML of the presence stanza. … The user's server MUST also send the unavailable notification to all of the user's available resources",
      },
    },
    requirement: "Unavailable presence goes in full to subscribed contacts, to entities that got directed presence (RFC 6121 §4.6.3), and to the user's other resources.",
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
      const gone = `gone ${token(3)}`;
      a1.send(presenceStanza({ type: 'unavailable', status: gone }));
      await Promise.all([sb, sc, a2].map((s) => s.expect(presenceWithStatus(a1.jid!, gone, 'unavailable'))));
    },
  },
  {
    id: 'RFC6121-4.5.2-2',
    cite: {
      '3920': {
        section: '5.1.5',
        keyword: 'MUST',
        quote: "If one of the user's resources becomes unavailable for any reason (either gracefully or ungracefully), the user's server MUST broadcast unavailable presence to all contacts (1) that are in the user's roster with a subscription type of \"from\" or \"both\"",
      },
      '6120': {
        section: '4.5.2',
        keyword: 'MUST',
        quote: "If the server detects that the user has gone offline ungracefully, then the server MUST generate the unavailable presence broadcast on the user's behalf.",
      },
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
      '3920': {
        section: '5.1.4',
        keyword: 'MUST',
        quote: "If the user sends directed presence to an entity that is not in the user's roster with a subscription type of \"from\" or \"both\" after having sent initial presence and before sending unavailable presence broadcast, the user's server MUST route or deliver the full XML of that presence stanza to the entity",
      },
      '6120': {
        section: '4.6.3',
        keyword: 'MUST',
        quote: "If the user sends directed presence to an entity that is not in the user's roster with a subscription type of \"from\" or \"both\" after having sent initial presence and before sending unavailable presence broadcast … the user's server MUST locally deliver or remotely route the full XML of that presence stanza to the entity",
      },
    },
    requirement: 'Directed presence to an entity not in the roster is delivered to it in full.',
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const a1 = await available(t, a!);
      const sc = await available(t, c!);
      const status = `directed ${token(3)}`;
      a1.send(presenceStanza({ to: c!.jid, show: 'chat', status }));
      const directed = await sc.expect(presence({ fromBare: a!.jid, where: (el) => el.getChildText('status') === status }));
      t.check(directed.getChildText('show') === 'chat', "the full presence (show 'chat')", directed);
      // the 'from' stamp is RFC 6120 §8.1.2.1's (RFC6120-8.1.2.1-1); RFC 3920 §9.1.2 allows the bare JID
      t.outcome(`stamped from ${directed.attrs.from === a1.jid ? 'the full JID' : directed.attrs.from ?? 'nobody'}`);
    },
  },
  {
    id: 'RFC6121-4.6.3-2',
    cite: {
      '3920': {
        section: '5.1.4',
        keyword: 'MUST',
        quote: "however, if the available resource from which the user sent the directed presence become unavailable, the user's server MUST broadcast that unavailable presence to the entity (if the user has not yet sent directed unavailable presence to that entity).",
      },
      '6120': {
        section: '4.6.3',
        keyword: 'MUST',
        quote: "however, if the available resource from which the user sent the directed presence becomes unavailable, the user's server MUST route that unavailable presence to the entity (if the user has not yet sent directed unavailable presence to that entity).",
      },
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
      '3920': {
        section: '11.1',
        keyword: ['MUST NOT', 'SHOULD'],
        quote: 'However, the server MUST NOT deliver the stanza to an available resource with a negative priority; if the only available resource has a negative priority, the server SHOULD handle the message as if there were no available resources (defined below).',
      },
      '6120': {
        section: '8.5.2.1.1',
        keyword: ['MUST NOT', 'SHOULD'],
        quote: 'However, for any message type the server MUST NOT deliver the stanza to any available resource with a negative priority; if the only available resource has a negative priority, the server SHOULD handle the message as if there were no available resources or connected resources as described under Section 8.5.2.2.',
      },
    },
    requirement: 'A chat message to the bare JID never reaches a resource of negative priority; with only that resource it should be stored for later or bounced with <service-unavailable/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!, { priority: -1 });
      deferOfflineFlush(t, b!);
      const body = `to bare ${token(3)}`;
      const id = `neg-${token(3)}`;
      sa.send(x('message', { to: b!.jid, type: 'chat', id }, x('body', {}, body)));
      await t.nothingArrived(sb, messageWithBody(body), 'delivery to the priority −1 resource', () => markerFrom(t, sa, sb), 'must');
      await sa.sync();
      judgeOfflineHandling(t, await offlineFate(t, sa, b!, id, body), 'the message');
    },
  },
]);
