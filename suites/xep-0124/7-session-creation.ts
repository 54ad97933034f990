import { defineCases, renumbered, sameIn } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';

const REQUESTED_WAIT = 10;
const REQUESTED_HOLD = 1;

/** XEP-0124 v1.6 §7 (and §9, acknowledgements): creating a BOSH session. */
export default defineCases({ spec: 'xep-0124', role: 'server' }, [
  {
    id: 'XEP0124-7.2-1',
    cite: renumbered({ '1.6': '7.2', '1.11.2': { section: '7.2', anchor: 'session-response' } }, {
      anchor: 'session-create', keyword: 'MUST',
      quote: "The <body/> element of the connection manager's response to the client's session creation request MUST possess the following attributes (they SHOULD NOT be included in any other responses): 'sid' … 'wait'",
    }),
    requirement: "A session request is answered (HTTP 200) with a <body/> carrying 'sid' and 'wait'.",
    async run(t) {
      const reply = await new RawBosh(t).create();
      const missing = ['sid', 'wait'].filter((a) => !reply.attrs[a]);
      t.check(reply.http.status === 200 && missing.length === 0, 'HTTP 200 with sid and wait', `HTTP ${reply.http.status}; missing: ${missing.join(', ') || 'none'}`);
    },
  },
  {
    id: 'XEP0124-7.2-2',
    cite: {
      '1.6': {
        section: '7.2', anchor: 'session-create', keyword: ['MUST', 'RECOMMENDED', 'MUST NOT'],
        quote: "The time MUST be less than or equal to the value specified in the session request. … The RECOMMENDED values are either \"2\" or one more than the value of the 'hold' attribute specified in the session request. … This value MUST NOT be greater than the value specified by the client in the session request.",
      },
      '1.11.2': {
        section: '7.2',
        anchor: 'session-response',
        keyword: ['MUST', 'RECOMMENDED', 'MUST NOT'],
        quote: "The time MUST be less than or equal to the value specified in the session request. … The RECOMMENDED value is one more than the value of the 'hold' attribute specified in the session request. … This value MUST NOT be greater than the value specified by the client in the session request.",
      },
    },
    requirement: "The answered 'wait' and 'hold' are no larger than requested; 'requests' should be 2 or one more than the 'hold' requested.",
    async run(t) {
      const reply = await new RawBosh(t).create({ wait: REQUESTED_WAIT, hold: REQUESTED_HOLD });
      if (reply.attrs.wait === undefined) t.note("no 'wait' on the session creation response (see XEP0124-7.2-1)");
      else t.must(Number(reply.attrs.wait) <= REQUESTED_WAIT, `wait <= ${REQUESTED_WAIT}`, `wait='${reply.attrs.wait}'`);
      if (reply.attrs.hold !== undefined) t.must(Number(reply.attrs.hold) <= REQUESTED_HOLD, `hold <= ${REQUESTED_HOLD}`, `hold='${reply.attrs.hold}'`);
      else t.note("no 'hold' on the session creation response (a SHOULD of §7.2, see XEP0124-7.2-3)");
      if (reply.attrs.requests === undefined) return t.note("no 'requests' on the session creation response (a SHOULD of §7.2, see XEP0124-7.2-3)");
      const requests = Number(reply.attrs.requests);
      t.should(requests === 2 || requests === REQUESTED_HOLD + 1, `requests = 2 or ${REQUESTED_HOLD + 1} (the requested hold + 1)`, `requests='${reply.attrs.requests}'`);
    },
  },
  {
    id: 'XEP0124-7.2-3',
    cite: renumbered({ '1.6': '7.2', '1.11.2': { section: '7.2', anchor: 'session-response' } }, {
      anchor: 'session-create', keyword: 'SHOULD',
      quote: "The <body/> element SHOULD also include the following attributes (they SHOULD NOT be included in any other responses): 'ver' … 'polling' … 'inactivity' … 'requests' … 'hold'",
    }),
    requirement: "The session response also gives 'ver', 'polling', 'inactivity', 'requests' and 'hold'.",
    async run(t) {
      const reply = await new RawBosh(t).create();
      for (const attr of ['ver', 'polling', 'inactivity', 'requests', 'hold']) {
        t.check(reply.attrs[attr] !== undefined, `a '${attr}' attribute`, `no '${attr}' on the session creation response`);
      }
      // §7.2: the manager MAY forward the server's identity in 'from', here or in a later response
      t.outcome(reply.attrs.from !== undefined ? `from='${reply.attrs.from}' on the session creation response` : "no 'from' on the session creation response (a MAY)");
    },
  },
  {
    id: 'XEP0124-7.2-4',
    cite: renumbered({ '1.6': '7.2', '1.11.2': { section: '7.2', anchor: 'session-response' } }, {
      anchor: 'session-create', keyword: 'MUST',
      quote: 'After receiving a new session request, the connection manager MUST generate an opaque, unpredictable session identifier (or SID). The SID MUST be unique within the context of the connection manager application.',
    }),
    requirement: 'Session ids are opaque, unpredictable and unique: ten sessions get ten distinct sids that are not a counter.',
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
    cite: sameIn(['1.6', '1.11.2'], {
      section: '7.1', anchor: 'session-request', keyword: 'MUST',
      quote: "This specifies the value of the HTTP Content-Type header that MUST appear in all the connection manager's responses during the session. If the client request does not possess a 'content' attribute, then the HTTP Content-Type header of responses MUST be \"text/xml; charset=utf-8\".",
    }),
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
    cite: {
      '1.6': {
        section: '9.1', anchor: 'ack-request', keyword: 'MUST',
        quote: "If the connection manager will be including 'ack' attributes on responses during a session then it MUST include an 'ack' attribute in its session creation response, and set the 'ack' attribute of responses throughout the session.",
      },
      '1.11.2': {
        section: '9.1',
        anchor: 'ack-request',
        keyword: 'MUST',
        quote: "If the connection manager will be including 'ack' attributes on responses during a session, then it MUST include an 'ack' attribute in its session creation response, and set the 'ack' attribute of responses throughout the session.",
      },
    },
    requirement: "A manager that uses acknowledgements (an 'ack' on the session response) sets 'ack' on a response it holds while a later request arrives.",
    // the held request is answered when the second arrives, or after the 'wait' of 2 s
    takesSeconds: 2,
    async run(t) {
      const bosh = new RawBosh(t);
      const created = await bosh.create({ ack: 1, hold: 1, wait: 2 });
      if (created.attrs.ack === undefined) return t.skip('the connection manager does not use acknowledgements (no ack on the session creation response)');
      const acked = created.attrs.ack;
      // §9.1: the manager SHOULD NOT set 'ack' when it would be the rid being answered, so
      // the response must answer one request while it has received a later one
      const first = bosh.rid;
      const held = bosh.next();
      await new Promise((r) => setTimeout(r, 300));
      // §9.2: a request sent before the earlier one was answered says what the client has received
      const second = bosh.next({ ack: acked }).catch(() => undefined);
      const reply = await held;
      t.note(`rid ${first} answered with ack='${reply.attrs.ack ?? ''}' after rid ${first + 1} was sent`);
      t.check(reply.attrs.ack !== undefined, `an 'ack' on the response to rid ${first}, held while rid ${first + 1} arrived`, reply.rawHeader);
      await second;
    },
  },
]);
