import { defineCases, sameIn } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';

/** XEP-0124 v1.6 §17: error and status codes. */
export default defineCases({ spec: 'xep-0124', role: 'server' }, [
  {
    id: 'XEP0124-17.2-1',
    cite: sameIn(['1.6', '1.11.2'], {
      section: '17.2', anchor: 'errorstatus-terminal', keyword: 'MAY',
      quote: "In any response it sends to the client, the connection manager MAY return a fatal error by setting a 'type' attribute of the <body/> element to \"terminate\".",
      changed: "the table of §17.2 gives item-not-found for an invalid 'sid', without a keyword, in every version",
    }),
    requirement: "An unknown 'sid' may get type='terminate' with the condition §17.2 defines for it, item-not-found: what came is recorded.",
    async run(t) {
      const bosh = new RawBosh(t);
      bosh.sid = `certify-no-such-sid-${Date.now()}`;
      const reply = await bosh.next();
      t.outcome(`HTTP ${reply.http.status}${reply.attrs.type ? ` type='${reply.attrs.type}'` : ''}${reply.attrs.condition ? ` condition='${reply.attrs.condition}'` : ''}`);
      t.check(reply.attrs.type === 'terminate' && reply.attrs.condition === 'item-not-found', "type='terminate' condition='item-not-found'", `HTTP ${reply.http.status}: ${reply.http.body.slice(0, 200)}`);
    },
  },
  {
    id: 'XEP0124-17.2-2',
    cite: sameIn(['1.6', '1.11.2'], {
      section: '17.2', anchor: 'errorstatus-terminal', keyword: 'MAY',
      quote: "In any response it sends to the client, the connection manager MAY return a fatal error by setting a 'type' attribute of the <body/> element to \"terminate\".",
    }),
    requirement: "A session request for a domain the server does not serve may get condition='host-unknown'.",
    async run(t) {
      const reply = await new RawBosh(t).create({ to: 'no-such-host.invalid' });
      t.outcome(reply.attrs.type === 'terminate' ? `terminated with condition '${reply.attrs.condition ?? ''}'` : `HTTP ${reply.http.status}, not terminated`);
      t.check(reply.attrs.condition === 'host-unknown', "condition='host-unknown'", `HTTP ${reply.http.status}: ${reply.rawHeader || reply.http.body.slice(0, 200)}`);
    },
  },
]);
