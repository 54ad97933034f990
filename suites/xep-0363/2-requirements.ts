import crypto from 'node:crypto';
import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0363 from '../requirements/xep-0363.js';
import { putHeaders } from './slot.js';
import { freshName, http, said, sha256, slotFor, succeeded } from './upload.js';

/** XEP-0363 §2: what a slot is for. */
export default defineCases({ spec: 'xep-0363', role: 'server' }, [
  {
    id: 'XEP0363-2-1',
    cite: citationOf(xep0363, 'XEP0363-2-1'),
    requirement: 'A file PUT to a slot (with the headers the slot names) is accepted, and a GET of its GET URL without credentials returns the same bytes.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const data = crypto.randomBytes(2048 + crypto.randomInt(2048));
      const slot = await slotFor(t, s, freshName(), data.length, 'application/octet-stream');
      const put = await http(t, { method: 'PUT', url: slot.putUrl, headers: { ...putHeaders(slot), 'Content-Type': 'application/octet-stream' }, body: data }, 'put');
      if (!t.check(succeeded(put), `the PUT of ${data.length} bytes to the slot accepted (2xx; §6: 201 means the file can be fetched)`, said(put))) return;
      if (put.reply!.status !== 201) t.note(`the PUT was answered ${put.reply!.status}, not 201`);
      const get = await http(t, { method: 'GET', url: slot.getUrl }, 'get');
      const seen = get.reply ? `HTTP ${get.reply.status}: ${get.reply.body.length} bytes, SHA-256 ${sha256(get.reply.body)}` : said(get);
      t.check(get.reply?.status === 200 && sha256(get.reply.body) === sha256(data), `a GET without credentials returning the ${data.length} bytes put (SHA-256 ${sha256(data)})`, seen);
    },
  },
]);
