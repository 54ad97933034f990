import crypto from 'node:crypto';
import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0363 from '../requirements/xep-0363.js';
import { type CorsAsk, corsCheck, preflightProblems } from './cors.js';
import { putHeaders } from './slot.js';
import { freshName, http, said, slotFor } from './upload.js';

/** A web client's origin: another site than the upload service (RFC 2606 names it). */
const ORIGIN = 'https://webclient.example.org';

/** XEP-0363 §7: implementation notes. */
export default defineCases({ spec: 'xep-0363', role: 'server' }, [
  {
    id: 'XEP0363-7-2',
    cite: citationOf(xep0363, 'XEP0363-7-2'),
    requirement: 'A web page of another origin may PUT and GET: the preflight allows the origin, PUT and the request headers, and the PUT and GET answers allow the origin.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const data = crypto.randomBytes(512);
      const slot = await slotFor(t, s, freshName(), data.length, 'application/octet-stream');
      const headers = putHeaders(slot);
      // a page cannot set Cookie (a forbidden header name): its own cookies are not sent across origins
      const ask: CorsAsk = { origin: ORIGIN, method: 'PUT', headers: ['content-type', ...Object.keys(headers).map((h) => h.toLowerCase()).filter((h) => h !== 'cookie')] };
      const preflight = await http(t, { method: 'OPTIONS', url: slot.putUrl, headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': ask.headers.join(',') } }, 'preflight');
      const before = preflight.reply ? preflightProblems(preflight.reply.status, preflight.reply.headers, ask) : [said(preflight)];
      t.check(before.length === 0, `a preflight answer that lets ${ORIGIN} PUT with ${ask.headers.join(', ')}`, before.join('; '));
      const put = await http(t, { method: 'PUT', url: slot.putUrl, headers: { ...headers, 'Content-Type': 'application/octet-stream', Origin: ORIGIN }, body: data }, 'put');
      const after = put.reply ? corsCheck(put.reply.headers, ORIGIN) : [said(put)];
      t.check(after.length === 0, `an answer to the PUT that ${ORIGIN} may read`, after.join('; '));
      const get = await http(t, { method: 'GET', url: slot.getUrl, headers: { Origin: ORIGIN } }, 'get');
      const read = get.reply ? corsCheck(get.reply.headers, ORIGIN) : [said(get)];
      t.check(read.length === 0, `an answer to the GET that ${ORIGIN} may read`, read.join('; '));
    },
  },
]);
