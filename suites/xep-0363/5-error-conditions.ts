import { defineCases, describe, stanzaError } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0363 from '../requirements/xep-0363.js';
import { bytes, fileTooLarge, slotOf } from './slot.js';
import { freshName, serviceOf, slotRequest } from './upload.js';

/** XEP-0363 §5: refusals. */
export default defineCases({ spec: 'xep-0363', role: 'server' }, [
  {
    id: 'XEP0363-5-1',
    cite: citationOf(xep0363, 'XEP0363-5-1'),
    requirement: 'A request above the advertised max-file-size is refused with an error (the text shows <not-acceptable/> with <file-too-large/>).',
    accounts: 1,
    async run(t) {
      const max = bytes(t.fact('maxFileSize'));
      if (max === undefined) return t.skip('the service lists no max-file-size to ask above');
      const s = await t.login(t.accounts[0]!);
      const response = await s.iq(slotRequest(serviceOf(t), freshName(), max + 1));
      if (slotOf(response)) return t.skip(`the service gave a slot for ${max + 1} bytes, above its max-file-size ${max}: it may do so`);
      if (response.attrs.type !== 'error') return t.skip(`unproven: a request for ${max + 1} bytes got neither a slot nor an error: ${describe(response, 300)}`, 'unproven');
      const tooLarge = fileTooLarge(response);
      t.outcome(`refused with <${stanzaError(response)?.condition ?? '?'}/>${tooLarge ? ' and <file-too-large/>' : ''}`);
      t.expectError(response, []);
      if (tooLarge?.maxFileSize !== undefined && bytes(tooLarge.maxFileSize) !== max) {
        t.note(`<file-too-large/> names max-file-size ${tooLarge.maxFileSize}, the disco#info form ${max}`);
      }
    },
  },
]);
