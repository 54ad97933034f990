/** What the RFC 7395 cases share: a WebSocket stream, a login over it, and how its messages were framed. */
import { type Account, type CaseContext, type Element, FRAMING_NS, iq, NS, type ReceivedMessage, type Session, streamError, WebSocketTransport, x } from '../../src/authoring.js';
import { credentials } from '../lib/sessions.js';

/** A WebSocket connection of the case's own, nothing sent yet. */
export async function webSocket(t: CaseContext, label = 'ws'): Promise<{ s: Session; ws: WebSocketTransport }> {
  const s = await t.connect(label, 'websocket');
  return { s, ws: s.transportAs(WebSocketTransport) };
}

/**
 * A login over WebSocket made in the case's body (open, SASL, restart, bind), so that a message
 * the tool cannot take ends the case as the finding it is, and a burst of pings answered: what
 * the framing cases look at.
 */
export async function trafficOverWebSocket(t: CaseContext, account: Account): Promise<{ s: Session; ws: WebSocketTransport }> {
  const { s, ws } = await webSocket(t, 'A');
  await s.open();
  await s.authenticate(credentials(account));
  await s.bind(`certify-ws-${Date.now().toString(36)}`);
  // several requests at once: the answers leave the server close together
  const pings = Array.from({ length: 5 }, () => s.iq(iq('get', { to: t.domain }, x('ping', { xmlns: NS.ping }))));
  await Promise.all(pings);
  return { s, ws };
}

/** "message 3: <a/>, <b/>" for the report. */
export function describeMessage(m: ReceivedMessage, index: number): string {
  const names = m.elements.length ? m.elements.map((e) => `<${e.name}/>`).join(', ') : 'no element';
  return `message ${index + 1}: ${names}`;
}

/** The messages that break a rule, described; 'none' when every one keeps it. */
export function offending(messages: readonly ReceivedMessage[], breaks: (m: ReceivedMessage) => boolean): string {
  const found = messages.flatMap((m, i) => (breaks(m) ? [describeMessage(m, i)] : []));
  return found.length ? found.join('; ') : 'none';
}

/**
 * Makes the server end the stream with an error: an <open/> to a domain it does not serve, which
 * RFC 6120 §4.9.3.6 answers with <host-unknown/>. The error, or undefined when none came.
 */
export function provokeStreamError(s: Session): Promise<Element | undefined> {
  s.openRaw(`<open xmlns='${FRAMING_NS}' to='unknown-${Date.now().toString(36)}.invalid' version='1.0'/>`);
  return s.maybe(streamError());
}
