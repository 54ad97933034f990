import { defineCases } from '../../../src/authoring.js';
import { askVersion, NAME_AND_VERSION } from '../software-version.js';

/** XEP-0092 §2: the client's answer to a version request. */
export default defineCases({ spec: 'xep-0092', role: 'client' }, [
  {
    id: 'XEP0092-2-4',
    cite: { section: '2', anchor: 'protocol', keyword: 'REQUIRED', quote: NAME_AND_VERSION },
    requirement: 'A client that supports the protocol answers a version get with <name/> and <version/>.',
    async run(t) {
      const answer = await askVersion(t.client, t.client.jid);
      t.check(Boolean(answer.name), 'a non-empty <name/>', answer.response);
      t.check(Boolean(answer.version), 'a non-empty <version/>', answer.response);
    },
  },
]);
