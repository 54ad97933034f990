import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import type { CaseContext } from '../../src/engine/context.js';
import { iqStanza, messageWithBody, presence } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { bare, iq, query, resourceOf, sameJid, stanzaError, token } from '../../src/session/stanza.js';
import { describe, x, type Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { available, deferOfflineFlush, markerFrom, presenceStanza, roundTrip } from '../lib/presence.js';
import { deferRemoval } from '../lib/roster.js';
import { checkOfflineHandling } from './4-presence.js';

/** A namespace no server implements: an IQ in it can only be answered with an error. */
const UNKNOWN_NS = 'urn:xmpp-certify:unknown-payload';

/** A message with a unique body (and id) to find it by; `type` undefined leaves the attribute out. */
function probeMessage(to: string, type: string | undefined): { stanza: Element; body: string; id: string } {
  const body = `${type ?? 'untyped'} ${token(4)}`;
  const id = `m-${token(4)}`;
  const error = type === 'error' && x('error', { type: 'cancel' }, x('service-unavailable', { xmlns: NS.stanzaErrors }));
  return { stanza: x('message', { to, type, id }, x('body', {}, body), error), body, id };
}

/** The error stanza that came back for the stanza with `id`, if any. */
function bounceOf(s: Session, id: string): Element | undefined {
  return s.received({ describe: `an error for id ${id}`, test: (el) => el.attrs.type === 'error' && el.attrs.id === id })[0];
}

function isBare(jid: string | undefined, account: string): boolean {
  return sameJid(jid, account) && resourceOf(jid ?? '') === undefined;
}

/** A JID on the served domain that belongs to no account. */
export function nobody(t: CaseContext): string {
  return `nouser-${token()}@${t.domain}`;
}

/** What became of one message sent to a full JID that matches no resource. */
export interface Misaddressed { type: string | undefined; delivered: boolean; bounce?: Element }

/**
 * Sends one message of each type to `<contact>/gone-…` (no such resource) while `receiver`, a
 * resource of the contact, is available; returns, after a round trip, where each one went.
 */
export async function toMissingResource(t: CaseContext, sender: Session, receiver: Session, types: (string | undefined)[]): Promise<Misaddressed[]> {
  const to = `${bare(receiver.jid!)}/gone-${token(3)}`;
  const sent = types.map((type) => ({ type, ...probeMessage(to, type) }));
  for (const m of sent) sender.send(m.stanza);
  await roundTrip(t, sender, receiver);
  return sent.map(({ type, body, id }) => ({ type, delivered: receiver.received(messageWithBody(body)).length > 0, bounce: bounceOf(sender, id) }));
}

/**
 * Judges messages to a missing resource (RFC 6121 §8.5.3.2.1): not delivered; dropped, or bounced
 * (<service-unavailable/> recommended); an error message never answered. Under the RFC 3921
 * baseline, delivery as if sent to the bare JID is that RFC's rule (§11.1) and is accepted.
 */
export function judgeMisaddressed(t: CaseContext, results: Misaddressed[]): void {
  for (const { type, delivered, bounce } of results) {
    const label = type ?? 'untyped';
    if (type === 'error') t.must(bounce === undefined, 'no error in answer to an error message', bounce);
    if (delivered && t.baseline === '3920') {
      t.outcome(`${label}: delivered as if sent to the bare JID (RFC 3921 §11.1)`);
      continue;
    }
    t.must(!delivered, `the ${label} message not redirected to another resource`, 'delivered to the available resource');
    if (bounce) t.should(stanzaError(bounce)?.condition === 'service-unavailable', `a <service-unavailable/> bounce for the ${label} message`, bounce);
    t.outcome(`${label}: ${bounce ? `bounced with <${stanzaError(bounce)?.condition ?? '?'}/>` : 'dropped'}`);
  }
}

/** IQs to a JID without an account (RFC 6121 §8.5.1, RFC 3921 §11.1): a ping and an unknown payload; the responses. */
export async function iqsToNobody(s: Session, target: string): Promise<Element[]> {
  const requests = [
    iq('get', { to: target }, x('ping', { xmlns: NS.ping })),
    iq('get', { to: target }, query(UNKNOWN_NS)),
    iq('get', { to: `${target}/res` }, x('ping', { xmlns: NS.ping })),
  ];
  const responses: Element[] = [];
  for (const request of requests) responses.push(await s.iq(request));
  return responses;
}

/** Chat, normal and headline messages to a JID without an account, bare and full; the bounces. */
export async function messagesToNobody(s: Session, target: string): Promise<{ type: string; to: string; bounce?: Element }[]> {
  const results: { type: string; to: string; bounce?: Element }[] = [];
  for (const to of [target, `${target}/res`]) {
    for (const type of ['chat', 'normal', 'headline']) {
      const m = probeMessage(to, type);
      s.send(m.stanza);
      await s.sync();
      results.push({ type, to, bounce: bounceOf(s, m.id) });
    }
  }
  return results;
}

/** Each presence type sent alone, with what came back from the non-existent JID before a ping. */
export async function presencesToNobody(s: Session, target: string): Promise<{ type: string; answers: Element[] }[]> {
  const results: { type: string; answers: Element[] }[] = [];
  for (const type of ['available', 'unavailable', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'probe']) {
    s.clearInbox();
    s.send(presenceStanza({ to: target, type: type === 'available' ? undefined : type }));
    await s.sync();
    results.push({ type, answers: s.received(presence({ fromBare: target })) });
  }
  return results;
}

/** RFC 6121 §8 and §5.2.2 (RFC 3921 §11): how the server delivers, stores or refuses stanzas. */
export default defineCases({ spec: 'xmpp-im', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6121-8.2.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.2.1', keyword: 'MUST', quote: '' },
    },
    requirement: "A message without 'to' is handled as if addressed to the sender's bare JID.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      // priority −1 keeps the sender out of bare-JID delivery, so a2 is the only candidate
      const a1 = await available(t, a!, { priority: -1 });
      const a2 = await available(t, a!, { priority: 1 });
      const body = `no to ${token(3)}`;
      a1.send(x('message', { type: 'chat' }, x('body', {}, body)));
      await a2.expect(messageWithBody(body));
    },
  },
  {
    id: 'RFC6121-8.5.1-1',
    cite: {
      '3920': { absent: '' },
      '6120': { section: '8.5.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'An IQ to an account that does not exist (bare or full JID) gets <service-unavailable/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      for (const response of await iqsToNobody(s, nobody(t))) t.expectError(response, ['service-unavailable']);
    },
  },
  {
    id: 'RFC6121-8.5.1-2',
    cite: {
      '3920': { absent: '' },
      '6120': { section: '8.5.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'A message to an account that does not exist is dropped or bounced with <service-unavailable/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      for (const { type, to, bounce } of await messagesToNobody(s, nobody(t))) {
        if (bounce) t.expectError(bounce, ['service-unavailable']);
        t.outcome(`${type} to ${resourceOf(to) ? 'a full' : 'the bare'} JID: ${bounce ? 'bounced' : 'dropped'}`);
      }
    },
  },
  {
    id: 'RFC6121-8.5.1-3',
    cite: {
      '3920': { absent: '' },
      '6120': { section: '8.5.1', keyword: 'MUST', quote: '' },
    },
    requirement: "Presence to an account that does not exist is silently dropped; a probe is dropped or answered with 'unsubscribed'.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const target = nobody(t);
      deferRemoval(t, s, target);
      for (const { type, answers } of await presencesToNobody(s, target)) {
        const allowed = answers.filter((p) => type === 'probe' && p.attrs.type === 'unsubscribed');
        t.check(answers.length === allowed.length, `no answer to ${type} presence${type === 'probe' ? " but 'unsubscribed'" : ''}`, answers.map((p) => describe(p)).join(' '));
        if (type === 'probe') t.outcome(allowed.length ? "probe answered with 'unsubscribed'" : 'probe dropped');
      }
    },
  },
  {
    id: 'RFC6121-8.5.2.1.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.2.1.1', keyword: 'MUST', quote: '' },
    },
    requirement: "Chat and normal messages to the bare JID of a user with one non-negative resource reach it with 'to' left as the bare JID.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      for (const type of ['chat', 'normal']) {
        const m = probeMessage(b!.jid, type);
        sa.send(m.stanza);
        const got = await sb.expect(messageWithBody(m.body));
        t.check(isBare(got.attrs.to, b!.jid), `'to' left as the bare JID ${b!.jid} (${type})`, got);
      }
    },
  },
  {
    id: 'RFC6121-8.5.2.1.1-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.2.1.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'With several non-negative resources, chat and normal messages to the bare JID reach the most available one (at least), or all.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const high = await available(t, b!, { priority: 5 });
      const low = await available(t, b!, { priority: 1 });
      for (const type of ['chat', 'normal']) {
        const m = probeMessage(b!.jid, type);
        sa.send(m.stanza);
        await high.expect(messageWithBody(m.body));
        await markerFrom(t, sa, low);
        t.outcome(`${type}: ${low.received(messageWithBody(m.body)).length ? 'delivered to both resources' : 'delivered to the priority 5 resource only'}`);
      }
    },
  },
  {
    id: 'RFC6121-8.5.2.1.1-3',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.2.1.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'A headline to the bare JID reaches every non-negative resource and no negative one.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const [b1, b2, b3] = [await available(t, b!, { priority: 5 }), await available(t, b!, { priority: 0 }), await available(t, b!, { priority: -1 })];
      const m = probeMessage(b!.jid, 'headline');
      sa.send(m.stanza);
      await b1!.expect(messageWithBody(m.body));
      await markerFrom(t, sa, b2!);
      await markerFrom(t, sa, b3!);
      t.check(b3!.received(messageWithBody(m.body)).length === 0, 'no delivery to the priority −1 resource', 'delivered');
      const second = b2!.received(messageWithBody(m.body)).length > 0;
      if (!second && t.baseline === '3920') return t.outcome('delivered to the highest-priority resource only (RFC 3921 §11.1)');
      t.check(second, 'delivery to the priority 0 resource as well', 'only the priority 5 resource received it');
    },
  },
  {
    id: 'RFC6121-8.5.2.1.1-4',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.2.1.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'A groupchat message to a bare JID is never delivered; the sender gets an error (<service-unavailable/> recommended), user online or not.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      deferOfflineFlush(t, b!);
      const offline = probeMessage(b!.jid, 'groupchat');
      sa.send(offline.stanza);
      await sa.sync();
      const sb = await available(t, b!);
      const online = probeMessage(b!.jid, 'groupchat');
      sa.send(online.stanza);
      await roundTrip(t, sa, sb);
      for (const [when, m] of [['offline', offline], ['online', online]] as const) {
        const [delivered, bounce] = [sb.received(messageWithBody(m.body)).length > 0, bounceOf(sa, m.id)];
        if (t.baseline === '3920' && (delivered || !bounce)) {
          // RFC 3921 §11.1 routes groupchat like any message: delivered, or stored for later
          t.outcome(`user ${when}: ${delivered ? 'delivered' : 'no error'} (RFC 3921 §11.1)`);
          continue;
        }
        t.check(!delivered, `the groupchat message not delivered (user ${when})`, 'delivered');
        t.check(bounce !== undefined, `an error to the sender (user ${when})`, 'no error');
        t.should(stanzaError(bounce!)?.condition === 'service-unavailable', `<service-unavailable/> (user ${when})`, bounce);
      }
    },
  },
  {
    id: 'RFC6121-8.5.2.1.1-5',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.2.1.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'A message of type error to a bare JID is dropped silently.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const m = probeMessage(b!.jid, 'error');
      sa.send(m.stanza);
      await roundTrip(t, sa, sb);
      t.check(bounceOf(sa, m.id) === undefined, 'no error in answer to an error message', bounceOf(sa, m.id));
      const delivered = sb.received(messageWithBody(m.body)).length > 0;
      if (delivered && t.baseline === '3920') return t.outcome('delivered like any message (RFC 3921 §11.1)');
      t.check(!delivered, 'the error message not delivered', 'delivered');
    },
  },
  {
    id: 'RFC6121-8.5.2.1.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.2.1.2', keyword: 'MUST', quote: '' },
    },
    requirement: "Presence to a bare JID reaches every available resource with 'to' left as the bare JID.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const resources = [await available(t, b!), await available(t, b!)];
      const status = `directed ${token(3)}`;
      sa.send(presenceStanza({ to: b!.jid, status }));
      for (const r of resources) {
        const got = await r.expect(presence({ from: sa.jid!, where: (el) => el.getChildText('status') === status }));
        t.check(isBare(got.attrs.to, b!.jid), `'to' left as the bare JID ${b!.jid} at ${r.jid}`, got);
      }
    },
  },
  {
    id: 'RFC6121-8.5.2.1.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.2.1.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'An IQ to a bare JID is answered by the server and never forwarded to a resource; an unknown payload gets <service-unavailable/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const version = await sa.iq(iq('get', { to: b!.jid }, query(NS.version)));
      const unknown = await sa.iq(iq('get', { to: b!.jid }, query(UNKNOWN_NS)));
      await markerFrom(t, sa, sb);
      const forwarded = sb.received(iqStanza({ type: 'get', where: (el) => [version.attrs.id, unknown.attrs.id].includes(el.attrs.id) }));
      t.check(forwarded.length === 0, 'no IQ forwarded to the available resource', describe(forwarded[0]));
      if (version.attrs.type === 'error') t.expectError(version, ['service-unavailable']);
      t.outcome(`jabber:iq:version to the bare JID: ${version.attrs.type === 'result' ? 'answered by the server' : 'refused'}`);
      t.expectError(unknown, ['service-unavailable']);
    },
  },
  {
    id: 'RFC6121-8.5.2.2.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.2.2.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'A chat message for a user with no available resource is stored and delivered at the next initial presence, or bounced with <service-unavailable/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      deferOfflineFlush(t, b!);
      const m = probeMessage(b!.jid, 'chat');
      sa.send(m.stanza);
      await sa.sync();
      if (bounceOf(sa, m.id)) return checkOfflineHandling(t, sa, m.id);
      const sb = await available(t, b!);
      const stored = await sb.expect(messageWithBody(m.body));
      const delay = stored.getChild('delay', NS.delay) ?? stored.getChild('x', NS.legacyDelay);
      t.outcome(`stored and delivered at the next initial presence${delay ? `, with a delay stamp ${delay.attrs.stamp ?? ''}` : ', without a delay stamp'}`);
    },
  },
  {
    id: 'RFC6121-8.5.2.2.1-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.2.2.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'For a user with no available resource, headline and error messages are dropped silently and a groupchat message gets an error.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      deferOfflineFlush(t, b!);
      const sent = ['headline', 'error', 'groupchat'].map((type) => ({ type, ...probeMessage(b!.jid, type) }));
      for (const m of sent) sa.send(m.stanza);
      await sa.sync();
      const sb = await available(t, b!);
      await markerFrom(t, sa, sb);
      for (const { type, body, id } of sent) {
        const [later, bounce] = [sb.received(messageWithBody(body)).length > 0, bounceOf(sa, id)];
        if (type === 'error') t.must(!bounce, 'no error in answer to an error message', bounce);
        if (t.baseline === '3920' && type !== 'error') {
          // RFC 3921 §11.1 leaves storing any message type to the server, or bouncing it
          if (bounce) t.expectError(bounce, ['service-unavailable']);
          t.outcome(`${type}: ${later ? 'stored and delivered later' : bounce ? 'bounced' : 'dropped'} (RFC 3921 §11.1)`);
          continue;
        }
        t.check(!later, `the ${type} message not kept for later delivery`, 'delivered at the next initial presence');
        if (type === 'groupchat') t.check(bounce !== undefined, 'an error for the groupchat message', 'no error');
        else t.check(bounce === undefined, `the ${type} message dropped silently`, bounce);
      }
    },
  },
  {
    id: 'RFC6121-8.5.3.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.3.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'Messages of every type, presence and IQs to an exactly matching full JID are delivered to that resource.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      sb.handleIq(NS.version, (request) => iq('result', { to: request.attrs.from, id: request.attrs.id }, query(NS.version, {}, x('name', {}, 'xmpp-certify'))));
      for (const type of ['chat', 'normal', 'headline', 'groupchat']) {
        const m = probeMessage(sb.jid!, type);
        sa.send(m.stanza);
        await sb.expect(messageWithBody(m.body));
      }
      const status = `directed ${token(3)}`;
      sa.send(presenceStanza({ to: sb.jid, status }));
      await sb.expect(presence({ from: sa.jid!, where: (el) => el.getChildText('status') === status }));
      const response = await sa.iq(iq('get', { to: sb.jid }, query(NS.version)));
      t.check(response.attrs.type === 'result' && sameJid(response.attrs.from, sb.jid), `the IQ delivered to ${sb.jid} and its result returned`, response);
    },
  },
  {
    id: 'RFC6121-8.5.3.2.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.3.2.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'A chat message to a full JID that matches no resource is handled as if sent to the bare JID.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const [result] = await toMissingResource(t, sa, sb, ['chat']);
      t.check(result!.delivered, `the chat message delivered to ${sb.jid}`, result!.bounce ? describe(result!.bounce) : 'not delivered');
    },
  },
  {
    id: 'RFC6121-8.5.3.2.1-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.3.2.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'Normal, groupchat and headline messages to a full JID that matches no resource are dropped or bounced, never redirected; error messages are dropped.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      judgeMisaddressed(t, await toMissingResource(t, sa, sb, ['normal', 'groupchat', 'headline', 'error']));
    },
  },
  {
    id: 'RFC6121-8.5.3.2.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.3.2.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'Available or unavailable presence to a full JID that matches no resource is dropped silently.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const to = `${b!.jid}/gone-${token(3)}`;
      sa.send(presenceStanza({ to, status: `directed ${token(3)}` }));
      sa.send(presenceStanza({ to, type: 'unavailable' }));
      await roundTrip(t, sa, sb);
      // RFC 3921 §11.1 only recommends ignoring it
      const strength = t.baseline === '3920' ? 'should' : 'must';
      const delivered = sb.received(presence({ from: sa.jid! }));
      const errors = sa.received(presence({ type: 'error' }));
      t[strength](delivered.length === 0, 'no presence delivered to the available resource', describe(delivered[0]));
      t[strength](errors.length === 0, 'no error to the sender', describe(errors[0]));
    },
  },
  {
    id: 'RFC6121-8.5.3.2.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.5.3.2.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'An IQ to a full JID that matches no resource gets <service-unavailable/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      await available(t, b!);
      t.expectError(await sa.iq(iq('get', { to: `${b!.jid}/gone-${token(3)}` }, query(NS.version))), ['service-unavailable']);
    },
  },
  {
    id: 'RFC6121-5.2.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '5.2.2', keyword: 'MUST', quote: '' },
    },
    requirement: "A message without 'type' is routed as type 'normal' (bare JID: delivered; missing resource: not redirected).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      const m = probeMessage(b!.jid, undefined);
      sa.send(m.stanza);
      const got = await sb.expect(messageWithBody(m.body));
      t.check(isBare(got.attrs.to, b!.jid), `delivered with 'to' left as the bare JID ${b!.jid}`, got);
      judgeMisaddressed(t, await toMissingResource(t, sa, sb, [undefined]));
    },
  },
]);
