import { defineCases, sameIn } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';

/** XEP-0124 v1.6 §10: inactivity and pauses. */
export default defineCases({ spec: 'xep-0124', role: 'server' }, [
  {
    id: 'XEP0124-10-1',
    cite: sameIn(['1.6', '1.11.2'], {
      section: '10', anchor: 'inactive', keyword: 'SHOULD',
      quote: 'If the client subsequently makes another request, then the connection manager SHOULD respond as if the session does not exist.',
    }),
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
      '1.6': {
        section: '10', anchor: 'inactive', keyword: ['SHOULD', 'MUST NOT'],
        quote: 'Upon reception of a session pause request, if the requested period is not greater than the maximum permitted time, then the connection manager SHOULD respond immediately to all pending requests (including the pause request) … Note: The response to the pause request MUST NOT contain any stanzas.',
      },
      '1.11.2': {
        section: '10',
        anchor: 'inactive',
        keyword: ['SHOULD', 'MUST NOT'],
        quote: 'Upon reception of a session pause request, if the requested period is not greater than the maximum permitted time, then the connection manager SHOULD respond immediately to all pending requests (including the pause request) … Note: The response to the pause request MUST NOT contain any payloads.',
      },
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
]);
