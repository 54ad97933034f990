import { defineCases, describe } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { discoInfo } from '../lib/disco.js';
import xep0363 from '../requirements/xep-0363.js';
import { bytes, fileTooLarge, maxFileSizeText, slotOf, UPLOAD_NS, uploadForm } from './slot.js';
import { freshName, serviceOf, slotRequest } from './upload.js';

/** More than any service takes: a refusal as too large shows that the service has a limit. */
const HUGE = 2 ** 40;

/** XEP-0363 §3: discovering the service and its size limit. */
export default defineCases({ spec: 'xep-0363', role: 'server' }, [
  {
    id: 'XEP0363-3-1',
    cite: citationOf(xep0363, 'XEP0363-3-1'),
    requirement: 'A service that refuses files as too large lists its maximum file size in its disco#info (a XEP-0128 form).',
    evidence: 'advertisement',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const service = serviceOf(t);
      const info = await discoInfo(s, service);
      const listed = maxFileSizeText(uploadForm(info.forms));
      if (listed !== undefined) return t.outcome(`max-file-size ${listed} listed by ${service}`);
      const response = await s.iq(slotRequest(service, freshName(), HUGE));
      if (slotOf(response)) return t.skip(`no size limit to list: ${service} gave a slot for ${HUGE} bytes`);
      const tooLarge = fileTooLarge(response);
      if (!tooLarge) return t.skip(`unproven: a request for ${HUGE} bytes was refused, but not with <file-too-large/>: ${describe(response, 300)}`, 'unproven');
      t.check(false, `a max-file-size field in the ${UPLOAD_NS} form of ${service}, which refuses ${HUGE} bytes as too large${tooLarge.maxFileSize ? ` (limit ${tooLarge.maxFileSize})` : ''}`, info.response);
    },
  },
  {
    id: 'XEP0363-3-2',
    cite: citationOf(xep0363, 'XEP0363-3-2'),
    requirement: "The size limit in the service's urn:xmpp:http:upload:0 form is the field max-file-size, a whole number of bytes.",
    evidence: 'advertisement',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const service = serviceOf(t);
      const info = await discoInfo(s, service);
      const form = uploadForm(info.forms);
      if (!form) return t.skip(`the disco#info of ${service} has no ${UPLOAD_NS} form: no size limit listed`);
      const value = maxFileSizeText(form);
      if (value === undefined) {
        // a size limit under another name breaks the rule; a form without any leaves nothing to judge
        const other = form.getChildren('field').map((f) => f.attrs.var as string).filter((v) => v && v !== 'FORM_TYPE' && /size/i.test(v));
        t.check(other.length === 0, 'a size limit in a field named max-file-size', `fields ${other.join(', ')}`);
        return t.skip(`the ${UPLOAD_NS} form of ${service} lists no size limit`);
      }
      t.check(bytes(value) !== undefined, 'the value of max-file-size a whole number of bytes', `'${value}'`);
    },
  },
]);
