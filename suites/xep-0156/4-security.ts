import { defineCases, endpointTls } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/xep-0156.js';
import { xrdHostMeta } from './host-meta.js';

/** XEP-0156 v1.4.0 §4: the connection URLs are protected by TLS. */
export default defineCases({ spec: 'xep-0156', role: 'server' }, [
  {
    id: 'XEP0156-4-1',
    cite: citationOf(rows, 'XEP0156-4-1'),
    requirement: 'Every connection URL the host-meta names is https:// or wss://, and a TLS handshake completes there.',
    async run(t) {
      const links = (await xrdHostMeta(t)).links ?? [];
      if (links.length === 0) return t.skip('the host-meta names no XMPP connection URL', 'not-applicable');
      for (const link of links) {
        if (!t.must(/^(https|wss):\/\//.test(link.href), `an https:// or wss:// URL`, link.href)) continue;
        try {
          const { info } = await endpointTls(link.href, t.domain, t.target.tls, t.stepMs);
          t.note(`${link.href}: ${info.protocol} ${info.cipher}`);
        } catch (err) {
          t.must(false, `a TLS handshake with ${link.href}`, (err as Error).message);
        }
      }
    },
  },
]);
