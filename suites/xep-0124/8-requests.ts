import { bodyTag, defineCases, message, qualifiedStanza, renumbered, x } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';

/** XEP-0124 v1.6 §8: requests and responses. */
export default defineCases({ spec: 'xep-0124', role: 'server' }, [
  {
    id: 'XEP0124-8-1',
    cite: renumbered({ '1.6': '8', '1.11.2': { section: '8', anchor: 'payloads' } }, {
      anchor: 'stanzas', keyword: ['MUST', 'SHOULD NOT'],
      quote: "The connection manager MUST also return an HTTP 200 OK response with a <body/> element to the client. … However, the connection manager SHOULD NOT wait longer than the time specified by the client in the 'wait' attribute of its Session Creation Request",
    }),
    requirement: "Every request gets HTTP 200 with a <body/>; with nothing to send, the answer comes no later than the 'wait' the client asked for.",
    // an empty poll is held for the 'wait' of 2 s it asks for
    takesSeconds: 2,
    async run(t) {
      const bosh = new RawBosh(t);
      const wait = 2;
      const created = await bosh.create({ wait });
      t.note(`the session creation response gives wait='${created.attrs.wait ?? ''}'`);
      const started = performance.now();
      const poll = await bosh.next();
      const seconds = (performance.now() - started) / 1000;
      t.note(`empty poll answered after ${seconds.toFixed(1)} s (wait=${wait})`);
      t.must(poll.http.status === 200 && poll.rawHeader.startsWith('<body'), 'HTTP 200 with a <body/>', `HTTP ${poll.http.status}: ${poll.http.body.slice(0, 200)}`);
      t.should(seconds <= wait + 1, `the response within the wait asked for (${wait} s)`, `${seconds.toFixed(1)} s`);
      if (poll.elements.length) t.note(`the poll was answered with ${poll.elements.length} payloads`);
    },
  },
  {
    id: 'XEP0124-8-2',
    cite: {
      '1.6': {
        section: '14.2', anchor: 'rids-order', keyword: 'MUST',
        // v1.6 writes "server" as the entity &server; of its own DTD, which the quote check does not expand
        quote: "The connection manager MUST forward the stanzas to the … and respond to the client requests in the order specified by the 'rid' attributes.",
      },
      '1.11.2': {
        section: '14.2',
        anchor: 'rids-order',
        keyword: 'MUST',
        quote: "The connection manager MUST forward the payloads to the server and respond to the client requests in the order specified by the 'rid' attributes.",
      },
    },
    requirement: "Payloads are processed in 'rid' order even when the requests arrive out of order.",
    accounts: 2,
    // the requests it sends out of order may be held for the whole 'wait' before they are answered
    takesSeconds: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const receiver = await t.login(b!, { presence: true });
      // a raw session, so that no request of our own is held at the manager: the two out of
      // order stay within the 'requests' limit (XEP-0124 §11)
      const bosh = new RawBosh(t, 'A1');
      await bosh.login(a!);
      const [first, second] = [bosh.rid++, bosh.rid++];
      const body = (rid: number, text: string): string => bodyTag({ rid, sid: bosh.sid },
        qualifiedStanza(x('message', { to: receiver.jid, type: 'chat', id: text }, x('body', {}, text))));
      t.note(`sending rid ${second} before rid ${first}`);
      // the answers matter less than the delivery order; they may never come if the case ends first
      const later = bosh.post(body(second, 'second')).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      const earlier = bosh.post(body(first, 'first')).catch(() => undefined);
      const ours = message({ fromBare: a!.jid, where: (el) => ['first', 'second'].includes(el.getChildText('body') ?? '') }, 'one of the two numbered messages');
      const arrived = [await receiver.expect(ours), await receiver.expect(ours)].map((el) => el.getChildText('body'));
      t.check(arrived.join(',') === 'first,second', 'the rid order: first, then second', arrived.join(', '));
      await Promise.allSettled([later, earlier]);
    },
  },
  {
    id: 'XEP0124-8-3',
    cite: renumbered({ '1.6': '8', '1.11.2': { section: '8', anchor: 'payloads' } }, {
      anchor: 'stanzas', keyword: 'SHOULD NOT',
      quote: "it SHOULD NOT keep more HTTP requests waiting at a time than the number specified in the 'hold' attribute of the session creation request.",
    }),
    requirement: "The manager keeps no more requests waiting than 'hold': a new request makes it answer the one it holds at once.",
    async run(t) {
      const bosh = new RawBosh(t);
      const created = await bosh.create({ hold: 1, wait: 10 });
      const wait = Number(created.attrs.wait ?? 10);
      const started = performance.now();
      const held = bosh.next().then(() => (performance.now() - started) / 1000);
      // give the manager time to start holding the first request before the second arrives
      await new Promise((r) => setTimeout(r, 300));
      // the second request is held in turn, until wait runs out: only the first one's answer counts
      void bosh.next().catch(() => undefined);
      const heldFor = await held;
      t.note(`the held request was answered ${heldFor.toFixed(1)} s after it was sent (wait=${wait})`);
      t.check(heldFor < wait / 2, 'the held request answered when the second one arrived', `held ${heldFor.toFixed(1)} s, close to wait (${wait} s): two requests kept waiting with hold=1`);
    },
  },
]);
