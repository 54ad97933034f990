import { type CaseContext, type Element, type LoginRecord, match, type Match, NS, type SupportFinding, x } from '../../src/authoring.js';
import { discoInfo, type DiscoInfo } from './disco.js';

/** A namespace no client implements: what it must answer with an error (RFC 6120 §8.2.3). */
export const UNKNOWN_NS = 'urn:xmpp:certify:unknown:0';

/** How the client logged in, its wire copied into the case's transcript as evidence; cases about login behaviour need listen mode. */
export function loginRecord(t: CaseContext): LoginRecord {
  const login = t.client.login;
  if (!login) return t.skip('observable only when the client logs in to the tool (--listen)', 'not-run');
  t.note('the client\'s login, as the tool saw it:');
  for (const e of login.transcript) t.transcript.record(e.session, e.direction, e.data);
  return login;
}

/** The client's answer to disco#info at its full JID (optionally for a node). */
export function clientDisco(t: CaseContext, node?: string): Promise<DiscoInfo> {
  return discoInfo(t.client, t.client.jid, node);
}

/** The client's latest presence; cases about presence contents need one. */
export function clientPresence(t: CaseContext): Element {
  const presence = t.client.presence;
  if (!presence) return t.skip('the tool saw no presence from the client (in peer mode the client must approve the peer\'s subscription)', 'not-run');
  return presence;
}

/**
 * Whether `el` is the client's presence broadcast: without 'to' as the client sends it (listen
 * mode), or as a subscribed peer gets it (its server addresses it to the peer).
 */
export function isBroadcast(t: CaseContext, el: Element): boolean {
  return el.name === 'presence' && (t.client.mode === 'peer' || !el.attrs.to);
}

/** Someone new to the client, whom the user can add as a contact; only its own server sees that request (listen mode). */
export function newContact(t: CaseContext, local: string): string {
  if (t.client.mode !== 'listen') return t.skip('a request about someone new reaches only the client\'s server (--listen)', 'not-run');
  return `${local}@${t.domain}`;
}

/**
 * A barrier for the client under test: a disco#info round trip (RFC 6120 §8.2.3 wants an answer
 * to every IQ get). One client handles its stream in order, so once the answer is in, whatever
 * it did in response to earlier stanzas has been sent.
 */
export async function clientBarrier(t: CaseContext): Promise<void> {
  await t.client.iq(x('iq', { type: 'get', to: t.client.jid, id: `barrier-${Math.random().toString(36).slice(2, 8)}` }, x('query', { xmlns: NS.discoInfo })));
}

/**
 * Checks that the client sent nothing matching `m`: proved by the client's answer to a later
 * IQ (clientBarrier); a client that answers nothing leaves the case unproven, never passed.
 */
export async function nothingFromClient(t: CaseContext, m: Match, what: string): Promise<boolean> {
  return t.nothingArrived(t.client, m, what, () => clientBarrier(t));
}

/** Any stanza of the client addressed to `jid` (bare or full). */
export function toJid(jid: string, name?: string): Match {
  return match(`a <${name ?? 'stanza'}/> to ${jid}`, (el) => (name === undefined || el.name === name) && (el.attrs.to ?? '').toLowerCase().startsWith(jid.toLowerCase()));
}

/**
 * A probe for an optional client feature: the client supports it when its disco#info lists
 * `feature` (advertised); the cases then check the behaviour.
 */
export function featureProbe(feature: string, what: string): (t: CaseContext) => Promise<SupportFinding> {
  return async (t) => {
    const info = await clientDisco(t);
    const listed = info.features.includes(feature);
    return {
      supported: listed,
      advertised: listed,
      entity: `client ${t.client.jid}`,
      detail: info.ok ? `${what}: ${feature} ${listed ? 'listed' : 'not listed'} in the client's disco#info` : `the client answered disco#info with an error, so ${what} is not known to it`,
    };
  };
}

/** Pushes `payload` to the client as its server does, and resolves with the client's answer. */
export async function serverPush(t: CaseContext, payload: Element): Promise<Element> {
  if (!t.client.push) return t.skip('only the client\'s server can push to it (--listen)', 'not-run');
  const push = t.client.push(payload);
  return t.client.expect(match(`an answer to the push <iq id='${push.attrs.id}'>`, (el) => el.name === 'iq' && el.attrs.id === push.attrs.id && ['result', 'error'].includes(el.attrs.type ?? '')));
}

/** An IQ get the client cannot know. */
export function unknownIq(): Element {
  return x('iq', { type: 'get' }, x('query', { xmlns: UNKNOWN_NS }));
}

/** The chat-state child of a message, if any (XEP-0085 §5). */
export function chatStates(el: Element): string[] {
  return el.getChildElements().filter((c) => c.getNS() === NS.chatStates).map((c) => c.getName());
}

/** The IQ requests in `namespace` the client sent at the start of its session (listen mode). */
export function openingRequests(t: CaseContext, namespace: string): Element[] {
  return (t.client.login?.opening ?? []).filter((el) => el.name === 'iq' && el.getChildElements().some((c) => c.getNS() === namespace));
}

/**
 * A probe for a client feature known by what the client does: it is supported when the client
 * made a request in `namespace` at the start of its session (listen mode only).
 */
export function requestProbe(namespace: string, what: string): (t: CaseContext) => Promise<SupportFinding> {
  return async (t) => {
    if (!t.client.login) return t.skip(`whether the client does ${what} shows when it logs in to the tool (--listen)`, 'not-run');
    const requests = openingRequests(t, namespace);
    return {
      supported: requests.length > 0,
      entity: `client ${t.client.jid}`,
      detail: requests.length ? `the client sent ${requests.length} ${namespace} request(s) at the start of its session` : `the client sent no ${namespace} request at the start of its session`,
    };
  };
}
