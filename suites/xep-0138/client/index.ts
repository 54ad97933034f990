import type { Suite } from '../../../src/authoring.js';
import protocol from './2-protocol.js';

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
  cases: protocol,
};
