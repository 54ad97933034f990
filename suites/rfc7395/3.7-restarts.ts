import { defineCases, FRAMING_NS, NS } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/rfc7395.js';
import { credentials } from '../lib/sessions.js';
import { webSocket } from './websocket.js';

/** RFC 7395 §3.7: the stream restart after SASL. */
export default defineCases({ spec: 'rfc7395', role: 'server' }, [
  {
    id: 'RFC7395-3.7-1',
    cite: citationOf(rows, 'RFC7395-3.7-1'),
    requirement: 'After SASL success a new <open/> gets a new <open/> and features with <bind/>, and the login completes.',
    accounts: 1,
    async run(t) {
      const { s } = await webSocket(t, 'A');
      const first = (await s.open()).header.id;
      // authenticate() restarts the stream with a new <open/>, as §3.7 has the client do
      await s.authenticate(credentials(t.accounts[0]!));
      t.check(s.header?.xmlns === FRAMING_NS, 'an <open/> in the framing namespace answering the restart', s.header ? `xmlns='${s.header.xmlns ?? ''}'` : 'none');
      t.note(`stream ids: ${first ?? 'none'} before, ${s.header?.id ?? 'none'} after the restart`);
      t.check(s.features?.getChild('bind', NS.bind) !== undefined, '<bind/> in the features of the new stream', s.features?.toString() ?? 'no features');
      const jid = await s.bind();
      t.note(`bound ${jid}`);
    },
  },
]);
