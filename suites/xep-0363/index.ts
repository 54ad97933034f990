import { type CaseContext, describe, stanzaError, type Suite, type SupportFinding } from '../../src/authoring.js';
import requirements from './2-requirements.js';
import discovering from './3-discovering-support.js';
import requesting from './4-requesting-a-slot.js';
import errors from './5-error-conditions.js';
import upload from './6-upload.js';
import notes from './7-implementation-notes.js';
import general from './8.3-general.js';
import { maxFileSizeText, slotOf, UPLOAD_NS, uploadForm } from './slot.js';
import { findUploadService, slotRequest } from './upload.js';

/**
 * Finds the upload service (v1.1.0 §3: the server or an item of its disco#items listing
 * urn:xmpp:http:upload:0). Support is behaviour: the service gives a slot for a small file. Its
 * max-file-size, if listed, is a fact the cases use.
 */
async function probe(t: CaseContext): Promise<SupportFinding> {
  const s = await t.login(t.accounts[0]!);
  const { service, asked } = await findUploadService(s, t.domain);
  if (!service) {
    return { supported: false, advertised: false, entity: `server ${t.domain}`, detail: `neither ${t.domain} nor any of its disco#items (${asked - 1} asked) lists ${UPLOAD_NS}` };
  }
  const max = maxFileSizeText(uploadForm(service.info.forms));
  const facts = { service: service.jid, ...(max !== undefined ? { maxFileSize: max } : {}) };
  const listed = `${service.jid} lists ${UPLOAD_NS}${max !== undefined ? ` (max-file-size ${max})` : ''}`;
  const response = await s.iq(slotRequest(service.jid, 'probe.txt', 16, 'text/plain'));
  if (slotOf(response)) return { supported: true, advertised: true, entity: service.entity, facts, detail: `${listed} and gave a slot for a 16-byte file` };
  if (response.attrs.type === 'error') {
    return { supported: false, advertised: true, entity: service.entity, facts, detail: `${listed} but refused a slot for a 16-byte file: <${stanzaError(response)?.condition ?? '?'}/>` };
  }
  throw new Error(`${service.jid} answered a slot request with neither a slot nor an error: ${describe(response, 300)}`);
}

/** XEP-0363 HTTP File Upload, the service side (v1.1.0): slots by XMPP, files by HTTP(S). */
export const xep0363: Suite = {
  spec: 'xep-0363',
  role: 'server',
  probe,
  cases: [...requirements, ...discovering, ...requesting, ...errors, ...upload, ...notes, ...general],
};
