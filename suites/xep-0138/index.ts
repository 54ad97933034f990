import type { Suite } from '../../src/authoring.js';
import protocol from './2-protocol.js';
import businessRules from './3-business-rules.js';
import mandatory from './4-mandatory-to-implement.js';
import implementationNotes from './6-implementation-notes.js';
import { findOffer } from './compression.js';

/** XEP-0138 Stream Compression (server side). */
export const xep0138: Suite = {
  spec: 'xep-0138',
  role: 'server',
  // compression is a stream feature only, never a disco feature: offered is advertised, and a
  // <compressed/> answer is the behaviour
  async probe(t) {
    const offer = await findOffer(t, t.accounts[0]!);
    const entity = `stream features of ${t.domain}`;
    if (!offer) return { supported: false, advertised: false, entity, detail: 'no feature set (before TLS, after TLS, after SASL) offers compression' };
    const method = offer.methods.includes('zlib') ? 'zlib' : offer.methods[0] ?? 'zlib';
    const answer = await offer.session.compress(method);
    const works = answer.getName() === 'compressed';
    return {
      supported: true,
      advertised: true,
      entity: `${entity} (${offer.stage})`,
      detail: works ? `offered ${offer.stage} with [${offer.methods.join(', ')}]; ${method} negotiated` : `offered ${offer.stage}, but <compress/> with ${method} was refused`,
    };
  },
  cases: [...protocol, ...businessRules, ...mandatory, ...implementationNotes],
};
