import { defineCases, sameIn } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';

/** XEP-0124 v1.6 §11: overactivity. */
export default defineCases({ spec: 'xep-0124', role: 'server' }, [
  {
    id: 'XEP0124-11-1',
    cite: sameIn(['1.6', '1.11.2'], {
      section: '11', anchor: 'overactive', keyword: 'SHOULD',
      quote: "If during any period the client sends a sequence of new requests … longer than the number specified by the 'requests' attribute, and if the connection manager has not yet responded to any of the requests, … then the connection manager SHOULD … terminate the HTTP session and return a 'policy-violation' terminal binding error to the client.",
    }),
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
]);
