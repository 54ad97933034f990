/** Helpers of the RFC 6121 §8 (RFC 3921 §11) delivery cases, shared with the RFC 3921 ones and the §5 message case. */
import { bare, type CaseContext, type Element, iq, type Match, messageWithBody, NS, presence, query, resourceOf, sameJid, type Session, stanzaError, token, x } from '../../src/authoring.js';
import { presenceStanza, roundTrip } from '../lib/presence.js';

/** A namespace no server implements: an IQ in it can only be answered with an error. */
export const UNKNOWN_NS = 'urn:xmpp-certify:unknown-payload';

/** A message with a unique body (and id) to find it by; `type` undefined leaves the attribute out. */
export function probeMessage(to: string, type: string | undefined): { stanza: Element; body: string; id: string } {
  const body = `${type ?? 'untyped'} ${token(4)}`;
  const id = `m-${token(4)}`;
  const error = type === 'error' && x('error', { type: 'cancel' }, x('service-unavailable', { xmlns: NS.stanzaErrors }));
  return { stanza: x('message', { to, type, id }, x('body', {}, body), error), body, id };
}

/** An error stanza answering the stanza with `id`. */
export function errorFor(id: string): Match {
  return { describe: `an error for id ${id}`, test: (el) => el.attrs.type === 'error' && el.attrs.id === id };
}

/** The error stanza that came back for the stanza with `id`, if any. */
export function bounceOf(s: Session, id: string): Element | undefined {
  return s.received(errorFor(id))[0];
}

export function isBare(jid: string | undefined, account: string): boolean {
  return sameJid(jid, account) && resourceOf(jid ?? '') === undefined;
}

/** "bounced with <service-unavailable/>", for outcomes. */
export function bounced(bounce: Element): string {
  return `bounced with <${stanzaError(bounce)?.condition ?? '?'}/>`;
}

/** A JID on the served domain that belongs to no account. */
export function nobody(t: CaseContext): string {
  return `nouser-${token()}@${t.domain}`;
}

/** What became of one message sent to a full JID that matches no resource. */
export interface Misaddressed { type: string | undefined; delivered: boolean; bounce?: Element }

/** Sends one message of each type to `<contact>/gone-…`, a resource the contact of `receiver` does not have. */
export function sendToMissingResource(sender: Session, receiver: Session, types: (string | undefined)[]): { type: string | undefined; body: string; id: string }[] {
  const to = `${bare(receiver.jid!)}/gone-${token(3)}`;
  const sent = types.map((type) => ({ type, ...probeMessage(to, type) }));
  for (const m of sent) sender.send(m.stanza);
  return sent.map(({ type, body, id }) => ({ type, body, id }));
}

/**
 * Sends one message of each type to `<contact>/gone-…` (no such resource) while `receiver`, a
 * resource of the contact, is available; returns, after a round trip, where each one went.
 */
export async function toMissingResource(t: CaseContext, sender: Session, receiver: Session, types: (string | undefined)[]): Promise<Misaddressed[]> {
  const sent = sendToMissingResource(sender, receiver, types);
  await roundTrip(t, sender, receiver);
  return sent.map(({ type, body, id }) => ({ type, delivered: receiver.received(messageWithBody(body)).length > 0, bounce: bounceOf(sender, id) }));
}

/** What iqsToNobody() sends, in order. */
export const IQS_TO_NOBODY = ['a ping to the bare JID', 'an IQ in an unknown namespace to the bare JID', 'a ping to a full JID'];

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

/** The presence types presencesToNobody() sends, each alone. */
export const PRESENCE_TYPES = ['available', 'unavailable', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'probe'];

/** Each presence type sent alone, with what came back from the non-existent JID before a ping. */
export async function presencesToNobody(s: Session, target: string): Promise<{ type: string; answers: Element[] }[]> {
  const results: { type: string; answers: Element[] }[] = [];
  for (const type of PRESENCE_TYPES) {
    s.clearInbox();
    s.send(presenceStanza({ to: target, type: type === 'available' ? undefined : type }));
    await s.sync();
    results.push({ type, answers: s.received(presence({ fromBare: target })) });
  }
  return results;
}
