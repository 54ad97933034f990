import { defineCases, NS } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/rfc7395.js';
import { webSocket } from './websocket.js';

/** RFC 7395 §3.9: TLS belongs to the WebSocket (wss://), never to the stream. */
export default defineCases({ spec: 'rfc7395', role: 'server' }, [
  {
    id: 'RFC7395-3.9-1',
    cite: citationOf(rows, 'RFC7395-3.9-1'),
    requirement: 'The stream features over WebSocket hold no <starttls/>.',
    async run(t) {
      const { s, ws } = await webSocket(t);
      const { features } = await s.open();
      t.note(ws.tlsInfo ? `the WebSocket runs over ${ws.tlsInfo.protocol}` : 'the WebSocket runs without TLS (ws://)');
      t.check(features?.getChild('starttls', NS.tls) === undefined, 'no <starttls/> among the features', features?.toString() ?? 'no features');
    },
  },
]);
