import { bare, defineCases, presence, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { jidRule } from '../lib/privacy.js';
import { seenAvailable } from './seen-available.js';

/** XEP-0016 §2.10: a rule that starts blocking inbound presence tells the user the contact went away. */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-2.10-1',
    cite: {
      section: '2.10',
      keyword: 'SHOULD',
      quote: "Note: If a client blocks incoming presence notifications from an entity that has been available before, the user's server SHOULD send unavailable presence to the user on behalf of that contact.",
      anchor: 'protocol-presencein',
      changed: 'RFC 3921 §10.10 has no such rule',
    },
    requirement: 'When the user starts blocking inbound presence from an available contact, the server sends the user unavailable presence on its behalf.',
    accounts: 2,
    async run(t) {
      const { a, b, privacy } = await seenAvailable(t);
      await privacy.activate(await privacy.create([jidRule('deny', b.jid!, 1, 'presence-in')]));
      await a.expect(presence({ type: 'unavailable', fromBare: bare(b.jid!) }, `unavailable presence from ${bare(b.jid!)}`));
    },
  },
]);
