import { defineCases, type Suite } from '../../../src/authoring.js';
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
      cite: {
        section: '4', anchor: 'mandatory', keyword: 'MUST',
        quote: 'A compliant implementation MUST implement the ZLIB compression method as specified in RFC 1950.',
        changed: 'v1.2 (2007-08-22) has compression negotiated after SASL, where the tool offers it (v1.1 §3: SHOULD be completed before SASL); v1.3: "… is REQUIRED"',
      },
      requirement: 'A client that asks for compression implements zlib: offered zlib alone, it negotiates zlib.',
      async run(t) {
        const { negotiation } = loginRecord(t);
        t.check(negotiation.compression === 'zlib', 'the stream compressed with zlib', `asked for: ${negotiation.compressionAsked.join(', ') || 'nothing'}`);
      },
    },
  ]),
};
