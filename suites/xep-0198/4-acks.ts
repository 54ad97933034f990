import { defineCases, describe, message, messageWithBody, NS, token, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0198 from '../requirements/xep-0198.js';
import { deferOfflineFlush } from '../lib/presence.js';
import { enabled } from './sm.js';

/** XEP-0198 v1.6.1 §4: acks. */
export default defineCases({ spec: 'xep-0198', role: 'server' }, [
  {
    id: 'XEP0198-4-1',
    cite: citationOf(xep0198, 'XEP0198-4-1'),
    requirement: 'An <r/> is answered with <a h=…/> counting exactly the stanzas the client sent since enabling.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const managed = await enabled(t, s);
      const first = await managed.request();
      t.check(first.attrs.h === '0', "h='0' before the client sent any stanza", first);
      // three stanzas the server has surely handled once the second ping is answered
      s.send(x('message', { to: s.jid, type: 'chat' }, x('body', {}, `to myself ${token(3)}`)));
      await s.sync();
      await s.sync();
      const second = await managed.request();
      t.check(second.attrs.h === String(managed.sent), `h='${managed.sent}' after a message and two pings (with any answers to the server's own requests)`, second);
    },
  },
  {
    id: 'XEP0198-4-2',
    cite: citationOf(xep0198, 'XEP0198-4-2'),
    requirement: 'A message the client never acknowledged before its stream ended is bounced, delivered to another resource or stored offline, not dropped; re-delivered, it carries <delay/>.',
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!, { presence: true });
      await enabled(t, a);
      const c = await t.login(accountC!);
      deferOfflineFlush(t, accountA!);
      const body = `not acknowledged ${token(3)}`;
      const id = `unacked-${token(3)}`;
      c.send(x('message', { to: a.jid, type: 'chat', id }, x('body', {}, body)));
      await t.setup(`have ${a.jid} receive the message`, () => a.expect(messageWithBody(body)));
      // the stream ends cleanly, the message never acknowledged
      await a.close();
      const bounce = c.maybe(message({ type: 'error', id }, `an error for the message '${id}'`));
      const next = await t.login(accountA!, { presence: true });
      const redelivered = await next.maybe(messageWithBody(body));
      const error = redelivered ? undefined : await bounce;
      t.outcome(redelivered ? 'delivered to the next resource' : error ? 'bounced to the sender' : 'dropped');
      t.check(redelivered !== undefined || error !== undefined, `the unacknowledged message bounced to ${c.jid} or delivered to ${accountA!.jid}'s next resource`, 'neither: it was dropped');
      if (redelivered) t.check(redelivered.getChild('delay', NS.delay) !== undefined, 'a <delay/> on the message delivered again', redelivered);
      if (error) t.note(`the sender got ${describe(error, 200)}`);
    },
  },
]);
