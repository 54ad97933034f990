import { bodyTag, defineCases, sameIn } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';

/** XEP-0124 v1.6 §14: request ids. */
export default defineCases({ spec: 'xep-0124', role: 'server' }, [
  {
    id: 'XEP0124-14.2-1',
    cite: sameIn(['1.6', '1.11.2'], {
      section: '14.2', anchor: 'rids-order', keyword: 'MUST',
      quote: "If it receives a request with a 'rid' greater than the values in the window, then the connection manager MUST terminate the session with an error:",
    }),
    requirement: "A 'rid' beyond the window ends the session with type='terminate' condition='item-not-found'.",
    async run(t) {
      const bosh = new RawBosh(t);
      await bosh.create({ wait: 1 });
      bosh.rid += 1000;
      const reply = await bosh.next();
      t.check(reply.attrs.type === 'terminate' && reply.attrs.condition === 'item-not-found', "type='terminate' condition='item-not-found'", `HTTP ${reply.http.status}: ${reply.rawHeader || reply.http.body.slice(0, 200)}`);
    },
  },
  {
    id: 'XEP0124-14.3-1',
    cite: sameIn(['1.6', '1.11.2'], {
      section: '14.3', anchor: 'rids-broken', keyword: 'SHOULD',
      quote: "Whenever the connection manager receives a request with a 'rid' that it has already received, it SHOULD return an HTTP 200 (OK) response that includes the buffered copy of the original XML response to the client",
    }),
    requirement: "Re-sending a request whose 'rid' was already answered returns the same response again.",
    // its requests may be held for the 'wait' of 1 s it asks for
    takesSeconds: 1,
    async run(t) {
      const bosh = new RawBosh(t);
      await bosh.create({ wait: 1 });
      const body = bodyTag({ rid: bosh.rid++, sid: bosh.sid });
      const original = await bosh.post(body);
      const repeated = await bosh.post(body);
      t.check(repeated.http.status === 200 && repeated.http.body === original.http.body, 'the identical response body', `first: ${original.http.body.slice(0, 160)} | again: HTTP ${repeated.http.status} ${repeated.http.body.slice(0, 160)}`);
    },
  },
]);
