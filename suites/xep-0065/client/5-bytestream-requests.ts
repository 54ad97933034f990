import { defineCases, stanzaError, x } from '../../../src/authoring.js';
import { BYTESTREAMS } from './namespace.js';

/** XEP-0065 §5.3.1 (v1.7 §4.5): a bytestream request the client must refuse. */
export default defineCases({ spec: 'xep-0065', role: 'client' }, [
  {
    id: 'XEP0065-5.3.1-2',
    cite: {
      section: '4.5',
      anchor: 'proto-inform',
      keyword: 'MUST',
      quote: 'If the Target is unwilling to accept the bytestream, it MUST return a <not-acceptable/> error to the Initiator.',
      changed: "v1.8 §5.3.1 (2011): a malformed request, e.g. without 'sid', MUST get <bad-request/>",
    },
    requirement: "A bytestream request without a 'sid' (which v1.7 §6.1 says MUST be present), offered out of the blue, is refused with an error: <not-acceptable/> (unwilling, §4.5), or <bad-request/> (malformed, as v1.8 names it), or <item-not-found/> (its streamhost, a closed port, unreachable: §4.6).",
    async run(t) {
      const answer = await t.client.iq(x('iq', { type: 'set' }, x('query', { xmlns: BYTESTREAMS, mode: 'tcp' }, x('streamhost', { jid: t.client.peer, host: '127.0.0.1', port: '9' }))));
      t.outcome(answer.attrs.type === 'error' ? `an error <${stanzaError(answer)?.condition ?? '?'}/>` : 'a result');
      t.expectError(answer, ['not-acceptable', 'bad-request', 'item-not-found']);
    },
  },
]);
