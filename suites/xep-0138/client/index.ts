import { defineCases, type Suite } from '../../../src/engine/case.js';
import { loginRecord } from '../../lib/client.js';

/** XEP-0138 Stream Compression for clients: observed while the client logs in to the tool, which offers zlib after SASL. */
export const xep0138Client: Suite = {
  spec: 'xep-0138',
  role: 'client',
  async probe(t) {
    const login = t.client.login;
    if (!login) return t.skip('stream compression is seen only when the client logs in to the tool (--listen)', 'not-run');
    const asked = login.negotiation.compressionAsked;
    return {
      supported: asked.length > 0,
      entity: `client ${t.client.jid}`,
      detail: asked.length ? `the client asked for ${asked.join(', ')} when the tool offered zlib` : 'the client did not ask for compression when the tool offered zlib',
    };
  },
  cases: defineCases({ spec: 'xep-0138', role: 'client' }, [
    {
      id: 'XEP0138-2-5',
      cite: { section: '2', keyword: 'SHOULD', quote: '' },
      requirement: 'A client that supports compression asks for it when it is offered, and picks zlib.',
      async run(t) {
        const { negotiation } = loginRecord(t);
        t.check(negotiation.compression === 'zlib', 'the stream compressed with zlib', `asked for: ${negotiation.compressionAsked.join(', ') || 'nothing'}`);
      },
    },
  ]),
};
