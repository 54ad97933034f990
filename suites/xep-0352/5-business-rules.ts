import { bare, type CaseContext, defineCases, type Element, iq, type Match, message, messageWithBody, NS, presence, type Session, token, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0352 from '../requirements/xep-0352.js';
import { available, markerFrom, presenceStanza } from '../lib/presence.js';
import { subscribeBoth } from '../lib/roster.js';
import { active, inactive } from './csi.js';

/** A and C available and subscribed to each other: each gets the other's presence. */
async function contacts(t: CaseContext): Promise<[Session, Session]> {
  const [a, c] = [await available(t, t.accounts[0]!), await available(t, t.accounts[1]!)];
  await subscribeBoth(t, a, c);
  return [a, c];
}

/** A ping to the server: its answer, whose arrival marks what came before it. */
function ping(s: Session): Promise<Element> {
  return s.iq(iq('get', { to: s.domain }, x('ping', { xmlns: NS.ping })));
}

/** Presence from `from`'s account carrying the status `status`. */
function presenceWithStatus(from: Session, status: string): Match {
  return presence({ fromBare: bare(from.jid!), where: (el) => el.getChildText('status') === status }, `presence from ${bare(from.jid!)} with status "${status}"`);
}

/** XEP-0352 v1.0.0 §5: business rules. */
export default defineCases({ spec: 'xep-0352', role: 'server' }, [
  {
    id: 'XEP0352-5-1',
    cite: citationOf(xep0352, 'XEP0352-5-1'),
    requirement: 'A stream that sent no CSI element gets presence updates of its contacts as they happen.',
    accounts: 2,
    async run(t) {
      const [a, c] = await contacts(t);
      const status = `busy ${token(3)}`;
      c.send(presenceStanza({ show: 'dnd', status }));
      // C's presence is handled before C's ping is answered; nothing held back, it reaches A before A's next ping is answered
      await c.sync();
      const pong = await ping(a);
      const seen = a.received(presenceWithStatus(c, status))[0];
      t.check(seen !== undefined && a.arrival(seen) < a.arrival(pong), `${bare(c.jid!)}'s new presence at ${a.jid!} (which sent no CSI element) before the answer to its next ping`, seen ? 'after it' : 'not by then');
    },
  },
  {
    id: 'XEP0352-5-2',
    cite: citationOf(xep0352, 'XEP0352-5-2'),
    requirement: 'Going inactive changes nothing in the presence contacts see, and the resource stays available: a message to it is delivered to it.',
    accounts: 2,
    async run(t) {
      const [a, c] = await contacts(t);
      const mark = c.arrival(await ping(c));
      a.send(inactive());
      await t.nothingArrived(c, presence({ fromBare: bare(a.jid!), where: (el) => c.arrival(el) > mark }), `presence from ${bare(a.jid!)} after it went inactive`, () => markerFrom(t, a, c));
      const body = `to the inactive resource ${token(3)}`;
      const id = `m-${token(3)}`;
      c.send(x('message', { to: a.jid, type: 'chat', id }, x('body', {}, body)));
      const now = await a.maybe(messageWithBody(body));
      t.outcome(now ? 'the message came while inactive' : 'the message was held back while inactive');
      if (!now) {
        a.send(active());
        await a.sync();
      }
      const bounce = c.received(message({ type: 'error', id }))[0];
      t.check(now !== undefined || a.received(messageWithBody(body)).length > 0, `the message to ${a.jid!} delivered to it (at the latest once active again): it is still available`, bounce ?? 'not delivered');
    },
  },
  {
    id: 'XEP0352-5.1-1',
    cite: citationOf(xep0352, 'XEP0352-5.1-1'),
    requirement: 'Whatever the server held back while the client was inactive arrives before the answer to a ping sent right after <active/>.',
    accounts: 2,
    async run(t) {
      const [a, c] = await contacts(t);
      a.send(inactive());
      await a.sync();
      const [away, back] = [`away ${token(3)}`, `back ${token(3)}`];
      c.send(presenceStanza({ show: 'away', status: away }));
      c.send(presenceStanza({ status: back }));
      const body = `while inactive ${token(3)}`;
      c.send(x('message', { to: a.jid, type: 'chat' }, x('body', {}, body)));
      await c.sync();
      a.send(active());
      const pong = await ping(a);
      const before = (el: Element | undefined): boolean => el !== undefined && a.arrival(el) < a.arrival(pong);
      const latest = a.received(presenceWithStatus(c, back))[0];
      t.check(before(latest), `${bare(c.jid!)}'s latest presence ("${back}") before the answer to the ping sent after <active/>`, latest ? 'after it' : 'not by then');
      const held = a.received(messageWithBody(body))[0];
      t.check(before(held), `the message "${body}" before the answer to the ping sent after <active/>`, held ? 'after it' : 'not by then');
    },
  },
]);
