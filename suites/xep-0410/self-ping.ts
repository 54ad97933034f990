import { anyOf, bare, type Element, iq, iqStanza, newId, NS, type Session, x } from '../../src/authoring.js';

/** The feature a room advertises when its service answers self-pings itself (v1.1.0 §3.3). */
export const SELF_PING_OPTIMIZATION = 'http://jabber.org/protocol/muc#self-ping-optimization';

/** What came of a self-ping: the answer to it, or the ping as the room passed it on to the session. */
export type SelfPing = { answer: Element; forwarded?: undefined } | { answer?: undefined; forwarded: Element };

/**
 * Pings `occupant` (an occupant JID of the session's own, or one it left) while the session
 * does not answer pings itself: only the service can then answer (the optimization of v1.1.0
 * §3.3). Returns whichever comes first, the answer or the ping the room passed on to the session.
 */
export async function selfPing(s: Session, occupant: string): Promise<SelfPing> {
  s.handleIq(NS.ping, () => null);
  const id = newId();
  s.send(iq('get', { to: occupant, id }, x('ping', { xmlns: NS.ping })));
  const room = bare(occupant);
  const el = await s.expect(anyOf(
    iqStanza({ id, type: ['result', 'error'] }, `a response to the self-ping <iq id='${id}'> of ${occupant}`),
    iqStanza({ type: 'get', child: NS.ping, where: (e) => e.attrs.from !== undefined && bare(e.attrs.from) === room }, `the ping passed on by ${room}`),
  ));
  return el.attrs.type === 'get' ? { forwarded: el } : { answer: el };
}
