import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/xep-0156.js';
import { jrdHostMeta, xrdHostMeta } from './host-meta.js';

/** An origin of another site, as a web client hosted elsewhere sends it. */
const ORIGIN = 'https://client.certify.invalid';

/** XEP-0156 v1.4.0 §3: CORS, so that web clients of other sites can read host-meta. */
export default defineCases({ spec: 'xep-0156', role: 'server' }, [
  {
    id: 'XEP0156-3-1',
    cite: citationOf(rows, 'XEP0156-3-1'),
    requirement: 'host-meta (and host-meta.json where it exists) allow a cross-origin read: Access-Control-Allow-Origin * or the origin.',
    async run(t) {
      const documents = [await xrdHostMeta(t, { Origin: ORIGIN }), await jrdHostMeta(t, { Origin: ORIGIN })].filter((d) => d.reply.status === 200);
      for (const doc of documents) {
        const allowed = doc.reply.headers['access-control-allow-origin'];
        t.note(`${doc.url}: Access-Control-Allow-Origin ${allowed ?? 'absent'}`);
        t.check(allowed === '*' || allowed === ORIGIN, `Access-Control-Allow-Origin * or ${ORIGIN} on ${doc.url}`, allowed ?? 'no such header');
      }
    },
  },
]);
