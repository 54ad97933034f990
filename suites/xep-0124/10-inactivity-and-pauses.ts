import { defineCases } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';

/** XEP-0124 v1.6 §10 (inactivity, pauses), §11 (overactivity), §19 (HTTPS). */
export default defineCases({ spec: 'xep-0124', role: 'server' }, [
  {
    id: 'XEP0124-10-1',
    cite: {
      section: '10', anchor: 'inactive', keyword: 'SHOULD',
      quote: 'If the client subsequently makes another request, then the connection manager SHOULD respond as if the session does not exist.',
    },
    requirement: "A client silent for longer than 'inactivity' is taken as gone: a later request is treated as unknown.",
    slow: { seconds: 70, why: "the connection manager's inactivity timeout" },
    async run(t) {
      const bosh = new RawBosh(t);
      const created = await bosh.create({ wait: 1 });
      const inactivity = Number(created.attrs.inactivity);
      if (!Number.isFinite(inactivity)) t.skip("the session response gives no 'inactivity'");
      await new Promise((r) => setTimeout(r, (inactivity + 5) * 1000));
      const reply = await bosh.next();
      t.check(reply.attrs.type === 'terminate', `the session ended after ${inactivity} s of silence`, `HTTP ${reply.http.status}: ${reply.http.body.slice(0, 200)}`);
    },
  },
  {
    id: 'XEP0124-10-2',
    cite: {
      section: '10', anchor: 'inactive', keyword: ['SHOULD', 'MUST NOT'],
      quote: 'Upon reception of a session pause request, if the requested period is not greater than the maximum permitted time, then the connection manager SHOULD respond immediately to all pending requests (including the pause request) … Note: The response to the pause request MUST NOT contain any stanzas.',
    },
    requirement: "If the manager offers 'maxpause', a 'pause' request is answered at once (SHOULD) and without payloads (MUST NOT carry stanzas).",
    async run(t) {
      const bosh = new RawBosh(t);
      const created = await bosh.create({ wait: 3 });
      const maxpause = created.attrs.maxpause;
      if (maxpause === undefined) t.skip("the connection manager offers no 'maxpause'");
      const wait = Number(created.attrs.wait ?? 3);
      const started = performance.now();
      const reply = await bosh.next({ pause: maxpause }, '', (wait + 3) * 1000).catch((err: Error) => err);
      const seconds = (performance.now() - started) / 1000;
      if (reply instanceof Error) {
        // unanswered past 'wait': the SHOULD of an immediate answer is what is missed
        t.should(false, 'the reply at once', `no answer within ${wait + 3} s (wait=${wait})`);
        return;
      }
      t.must(reply.elements.length === 0, 'a reply without payloads', `HTTP ${reply.http.status} with ${reply.elements.length} payloads`);
      t.should(seconds < 1.5, 'the reply at once, not held until wait', `answered after ${seconds.toFixed(1)} s (wait=${wait})`);
    },
  },
  {
    id: 'XEP0124-11-1',
    cite: {
      section: '11', anchor: 'overactive', keyword: 'SHOULD',
      quote: "If during any period the client sends a sequence of new requests … longer than the number specified by the 'requests' attribute, and if the connection manager has not yet responded to any of the requests, … then the connection manager SHOULD … terminate the HTTP session and return a 'policy-violation' terminal binding error to the client.",
    },
    requirement: "More simultaneous requests than 'requests' are met with policy-violation, unless the manager answered one of them at once (then the rule does not apply).",
    async run(t) {
      const bosh = new RawBosh(t);
      const created = await bosh.create({ wait: 10 });
      const requests = Number(created.attrs.requests ?? 2);
      const wait = Number(created.attrs.wait ?? 10);
      const started = performance.now();
      const replies = Array.from({ length: requests + 1 }, () => bosh.next({}, '', (wait + 5) * 1000).then((r) => ({ r, seconds: (performance.now() - started) / 1000 })));
      // the first answer tells: a policy-violation, or a held request let go at once; the
      // others may be held until wait runs out
      for (const reply of replies) void reply.catch(() => undefined);
      const first = await Promise.race(replies);
      if (first.r.attrs.condition === 'policy-violation' || first.r.http.status === 403) return t.outcome('terminated with policy-violation');
      t.outcome(`no policy-violation; the first reply came after ${first.seconds.toFixed(1)} s (wait=${wait})`);
      t.check(first.seconds < wait / 2, 'policy-violation, or a held request answered at once', `all ${requests + 1} requests held about ${first.seconds.toFixed(1)} s`);
    },
  },
  {
    id: 'XEP0124-19.1-1',
    cite: {
      section: '19.1', anchor: 'security-crypt', keyword: 'SHOULD',
      quote: 'All communications SHOULD occur over encrypted HTTP connections.',
    },
    requirement: 'BOSH works over HTTPS: a session is created at the https URL given.',
    async run(t) {
      if (!t.boshUrl?.startsWith('https:')) t.skip('the BOSH URL given is plain HTTP; give the https URL to check this');
      const reply = await new RawBosh(t).create();
      t.check(reply.http.status === 200 && reply.attrs.sid !== undefined, 'a session over HTTPS', `HTTP ${reply.http.status}`);
    },
  },
]);
