import { defineCases, NS, x } from '../../../src/authoring.js';
import { serverPush } from '../../lib/client.js';

/** XEP-0016 §2.6: the client's answer to the server's privacy-list push. */
export default defineCases({ spec: 'xep-0016', role: 'client' }, [
  {
    id: 'XEP0016-2.6-2',
    cite: {
      section: '2.6',
      keyword: 'MUST',
      quote: 'In accordance with the semantics of IQ stanzas defined in RFC 3920, each connected resource MUST return an IQ result to the server as well',
      anchor: 'protocol-edit',
    },
    requirement: 'The client answers a privacy-list push with an IQ result.',
    async run(t) {
      const answer = await serverPush(t, x('query', { xmlns: NS.privacy }, x('list', { name: 'certify-pushed' })));
      t.check(answer.attrs.type === 'result', 'an IQ result to the privacy-list push', answer);
    },
  },
]);
