import crypto from 'node:crypto';
import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0363 from '../requirements/xep-0363.js';
import { putHeaders } from './slot.js';
import { freshName, http, said, slotFor, succeeded } from './upload.js';

/** XEP-0363 §6: the PUT. */
export default defineCases({ spec: 'xep-0363', role: 'server' }, [
  {
    id: 'XEP0363-6-1',
    cite: citationOf(xep0363, 'XEP0363-6-1'),
    requirement: 'A PUT whose Content-Length differs from the size of the slot request (one byte fewer, one more) is refused, and the GET URL does not serve it.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const size = 1024;
      const data = crypto.randomBytes(size + 1);
      for (const body of [data.subarray(0, size - 1), data]) {
        const slot = await slotFor(t, s, freshName(), size, 'application/octet-stream');
        const put = await http(t, { method: 'PUT', url: slot.putUrl, headers: { ...putHeaders(slot), 'Content-Type': 'application/octet-stream' }, body }, 'put');
        t.check(!succeeded(put), `the PUT of ${body.length} bytes (Content-Length: ${body.length}) to a slot of ${size} refused`, said(put));
        if (put.failure) t.note(`the PUT of ${body.length} bytes got no HTTP answer: ${put.failure.message}`);
        const get = await http(t, { method: 'GET', url: slot.getUrl }, 'get');
        t.check(!(get.reply?.status === 200 && get.reply.body.equals(body)), `the GET URL not serving the refused ${body.length} bytes`, said(get));
      }
    },
  },
  {
    id: 'XEP0363-6-2',
    cite: citationOf(xep0363, 'XEP0363-6-2'),
    requirement: 'A PUT whose Content-Type differs from the content-type of the slot request is refused.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const body = Buffer.from(`certify ${crypto.randomUUID()}\n`);
      const slot = await slotFor(t, s, freshName('txt'), body.length, 'text/plain');
      const put = await http(t, { method: 'PUT', url: slot.putUrl, headers: { ...putHeaders(slot), 'Content-Type': 'image/png' }, body }, 'put');
      t.check(!succeeded(put), 'the PUT with Content-Type image/png to a slot asked for as text/plain refused', said(put));
    },
  },
]);
