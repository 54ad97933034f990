import { defineCases } from '../../src/engine/case.js';
import { RawBosh } from '../lib/bosh.js';

const REQUESTED_WAIT = 10;
const REQUESTED_HOLD = 1;

/** XEP-0124 §7: creating a BOSH session. */
export default defineCases({ spec: 'xep-0124', role: 'server' }, [
  {
    id: 'XEP0124-7.2-1',
    cite: { section: '7.2', keyword: 'MUST', quote: '' },
    requirement: "A session request is answered with a <body/> carrying 'sid', 'wait' and 'requests'.",
    async run(t) {
      const reply = await new RawBosh(t).create();
      const missing = ['sid', 'wait', 'requests'].filter((a) => !reply.attrs[a]);
      t.check(reply.http.status === 200 && missing.length === 0, 'HTTP 200 with sid, wait and requests', `HTTP ${reply.http.status}; missing: ${missing.join(', ') || 'none'}`);
    },
  },
  {
    id: 'XEP0124-7.2-2',
    cite: { section: '7.2', keyword: ['MUST', 'SHOULD'], quote: '' },
    requirement: "The answered 'wait' and 'hold' are no larger than requested, 'requests' is larger than 'hold' (and should be hold+1).",
    async run(t) {
      const reply = await new RawBosh(t).create({ wait: REQUESTED_WAIT, hold: REQUESTED_HOLD });
      const wait = Number(reply.attrs.wait);
      const hold = reply.attrs.hold === undefined ? REQUESTED_HOLD : Number(reply.attrs.hold);
      const requests = Number(reply.attrs.requests);
      t.must(wait <= REQUESTED_WAIT, `wait <= ${REQUESTED_WAIT}`, `wait='${reply.attrs.wait}'`);
      t.must(hold <= REQUESTED_HOLD, `hold <= ${REQUESTED_HOLD}`, `hold='${reply.attrs.hold}'`);
      t.must(requests > hold, `requests > hold (${hold})`, `requests='${reply.attrs.requests}'`);
      t.should(requests === hold + 1, `requests = hold + 1 = ${hold + 1}`, `requests='${reply.attrs.requests}'`);
    },
  },
  {
    id: 'XEP0124-7.2-3',
    cite: { section: '7.2', keyword: 'SHOULD', quote: '' },
    requirement: "The session response also gives 'ver', 'polling', 'inactivity', 'hold' and 'from'.",
    async run(t) {
      const reply = await new RawBosh(t).create();
      for (const attr of ['ver', 'polling', 'inactivity', 'hold', 'from']) {
        t.check(reply.attrs[attr] !== undefined, `a '${attr}' attribute`, `no '${attr}' on the session creation response`);
      }
    },
  },
  {
    id: 'XEP0124-7.2-4',
    cite: { section: '7.2, 19.3', keyword: 'MUST', quote: '' },
    requirement: 'Session ids are opaque, unpredictable and unique: ten sessions get ten unrelated sids.',
    async run(t) {
      const replies = await Promise.all(Array.from({ length: 10 }, () => new RawBosh(t).create()));
      const sids = replies.map((r) => r.attrs.sid ?? '');
      t.check(sids.every((s) => s.length > 0) && new Set(sids).size === sids.length, '10 distinct sids', sids.join(', '));
      const numbers = sids.map(Number).sort((a, b) => a - b);
      const counter = numbers.every(Number.isInteger) && numbers.every((n, i) => i === 0 || n - numbers[i - 1]! <= 10);
      t.check(!counter, 'sids that are not a counter', `sids form a near-consecutive sequence: ${numbers.join(', ')}`);
    },
  },
  {
    id: 'XEP0124-7.1-1',
    cite: { section: '7.1, 5', keyword: 'MUST', quote: '' },
    requirement: "Without 'content', responses are 'text/xml; charset=utf-8'; with 'content', that value is used throughout the session.",
    // its second session's poll is held for the 'wait' of 1 s it asks for
    takesSeconds: 1,
    async run(t) {
      const plain = new RawBosh(t);
      const first = await plain.create({ content: undefined });
      t.check(/^text\/xml;\s*charset=utf-8$/i.test(first.http.headers['content-type'] ?? ''), "Content-Type 'text/xml; charset=utf-8'", `Content-Type '${first.http.headers['content-type'] ?? ''}'`);
      const custom = new RawBosh(t);
      const created = await custom.create({ content: 'text/plain; charset=utf-8', wait: 1 });
      const later = await custom.next();
      for (const [when, reply] of [['session creation', created], ['a later request', later]] as const) {
        t.check((reply.http.headers['content-type'] ?? '').toLowerCase().startsWith('text/plain'), `Content-Type text/plain on ${when} (the 'content' asked for)`, `Content-Type '${reply.http.headers['content-type'] ?? ''}'`);
      }
    },
  },
  {
    id: 'XEP0124-7.2-5',
    cite: { section: '7.2, 9', keyword: 'MAY', quote: '' },
    requirement: "If the manager uses acknowledgements (an 'ack' on the session response), every response carries 'ack'.",
    async run(t) {
      const bosh = new RawBosh(t);
      const created = await bosh.create({ ack: 1, wait: 1 });
      if (created.attrs.ack === undefined) t.skip('the connection manager does not use acknowledgements');
      const later = await bosh.next();
      t.check(later.attrs.ack !== undefined, "an 'ack' on later responses", later.rawHeader);
    },
  },
]);
