import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/rfc7395.js';
import { provokeStreamError, webSocket } from './websocket.js';

/** RFC 7395 §3.6: closing, down to the WebSocket closing handshake. */
export default defineCases({ spec: 'rfc7395', role: 'server' }, [
  {
    id: 'RFC7395-3.6-1',
    cite: citationOf(rows, 'RFC7395-3.6-1'),
    requirement: 'A server that ends the stream (after a stream error for an unknown domain) starts the WebSocket closing handshake with a Close frame.',
    async run(t) {
      const { s, ws } = await webSocket(t);
      if (!(await provokeStreamError(s))) return t.skip('the server answered an <open/> to a domain it does not serve with no stream error: it did not end the stream', 'unproven');
      if (!(await s.waitClosed())) return t.skip(`the server left the connection open for ${s.stepMs} ms after the error (RFC7395-3.5-3 judges that)`, 'unproven');
      t.check(ws.peerClose !== undefined, 'a WebSocket Close frame from the server', s.closedReason ?? 'the connection ended');
      if (ws.peerClose) t.note(`Close frame, status ${ws.peerClose.code ?? 'none'}${ws.peerClose.reason ? ` (${ws.peerClose.reason})` : ''}`);
    },
  },
]);
