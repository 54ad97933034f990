import { defineCases } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';

/** XEP-0124 v1.6 §19: security considerations (HTTPS). */
export default defineCases({ spec: 'xep-0124', role: 'server' }, [
  {
    id: 'XEP0124-19.1-1',
    cite: {
      '1.6': {
        section: '19.1', anchor: 'security-crypt', keyword: 'SHOULD',
        quote: 'All communications SHOULD occur over encrypted HTTP connections.',
      },
      '1.11.2': {
        section: '19.1',
        anchor: 'security-client',
        keyword: 'SHOULD',
        quote: 'All communications between a client and a BOSH service SHOULD occur over encrypted HTTP connections.',
      },
    },
    requirement: 'BOSH works over HTTPS: a session is created at the https URL given.',
    async run(t) {
      if (!t.boshUrl?.startsWith('https:')) t.skip('the BOSH URL given is plain HTTP; give the https URL to check this');
      const reply = await new RawBosh(t).create();
      t.check(reply.http.status === 200 && reply.attrs.sid !== undefined, 'a session over HTTPS', `HTTP ${reply.http.status}`);
    },
  },
]);
