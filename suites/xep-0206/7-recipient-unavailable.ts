import { defineCases, messageWithBody, token, x } from '../../src/authoring.js';

/** XEP-0206 v1.1 §7: a message for a BOSH client that is gone. */
export default defineCases({ spec: 'xep-0206', role: 'server' }, [
  {
    id: 'XEP0206-7-1',
    cite: {
      '1.1': {
        // no anchor: v1.1 gives §7 the anchor of §8 ('security')
        section: '7', keyword: ['RECOMMENDED', 'SHOULD'],
        quote: 'it is RECOMMENDED that the connection manager proceed as follows … When an XMPP server receives a <message/> stanza of type "error" containing a <recipient-unavailable/> condition from a connection manager, it SHOULD store the message for later delivery if offline storage is enabled, otherwise route the error stanza to the sender.',
      },
      '1.4': {
        section: '7',
        anchor: 'recipient-unavailable',
        keyword: ['RECOMMENDED', 'SHOULD'],
        quote: 'it is RECOMMENDED that the connection manager proceed as follows … When an XMPP server receives a <message/> stanza of type "error" containing a <recipient-unavailable/> condition from a connection manager, it SHOULD store the message for later delivery if offline storage is enabled',
      },
    },
    requirement: 'A message sent to a BOSH client that vanished without terminating is not lost: it is stored offline for the next login, or an error goes back to the sender.',
    accounts: 2,
    slow: { seconds: 75, why: "the connection manager's inactivity timeout" },
    async run(t) {
      const [a, b] = t.accounts;
      const gone = await t.login(a!, { transport: 'bosh', presence: true });
      const sender = await t.login(b!, { presence: true });
      const fullJid = gone.jid!;
      gone.destroy('the BOSH client vanishes without terminating');
      await new Promise((r) => setTimeout(r, 1000));
      const body = `while gone ${token()}`;
      sender.send(x('message', { to: fullJid, type: 'chat' }, x('body', {}, body)));
      await new Promise((r) => setTimeout(r, 70_000));
      const back = await t.login(a!, { presence: true });
      const stored = await back.maybe(messageWithBody(body), t.stepMs);
      const bounced = sender.received({ describe: 'an error for the message', test: (el) => el.getName() === 'message' && el.attrs.type === 'error' });
      if (stored) t.outcome('the message was stored and delivered at the next login');
      if (bounced.length) t.outcome(`the sender got an error: ${bounced[0]!.toString().slice(0, 200)}`);
      t.check(stored !== undefined || bounced.length > 0, 'the message delivered offline at the next login, or an error to the sender', 'neither');
    },
  },
]);
