import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/rfc7395.js';
import { offending, trafficOverWebSocket } from './websocket.js';

/** RFC 7395 §3.2: what kind of WebSocket messages carry the stream. */
export default defineCases({ spec: 'rfc7395', role: 'server' }, [
  {
    id: 'RFC7395-3.2-1',
    cite: citationOf(rows, 'RFC7395-3.2-1'),
    requirement: 'Every data message the server sends during a login and a burst of pings is a text message.',
    accounts: 1,
    async run(t) {
      const { ws } = await trafficOverWebSocket(t, t.accounts[0]!);
      t.note(`${ws.messages.length} messages received`);
      t.check(ws.messages.every((m) => !m.binary), 'text messages only', `binary: ${offending(ws.messages, (m) => m.binary)}`);
    },
  },
]);
