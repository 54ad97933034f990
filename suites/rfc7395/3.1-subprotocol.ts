import { defineCases, WebSocketRefused } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/rfc7395.js';
import { webSocket } from './websocket.js';

/** RFC 7395 §3.1: the WebSocket handshake for the 'xmpp' subprotocol. */
export default defineCases({ spec: 'rfc7395', role: 'server' }, [
  {
    id: 'RFC7395-3.1-1',
    cite: citationOf(rows, 'RFC7395-3.1-1'),
    requirement: "The handshake response to a request for the 'xmpp' subprotocol names 'xmpp'.",
    // an endpoint that upgrades without 'xmpp' is exactly what the probe counts as no support
    needsSupport: false,
    async run(t) {
      try {
        const { ws } = await webSocket(t);
        t.check(ws.handshake.protocol === 'xmpp', "Sec-WebSocket-Protocol: xmpp in the 101 response", ws.handshake.protocol ?? 'none');
      } catch (err) {
        if (!(err instanceof WebSocketRefused)) throw err;
        const { status, protocol } = err.handshake;
        if (status !== 101) t.skip(`no WebSocket at ${t.websocketUrl}: HTTP ${status}`);
        t.check(false, "Sec-WebSocket-Protocol: xmpp in the 101 response", protocol ? `the subprotocol '${protocol}'` : 'no subprotocol');
      }
    },
  },
]);
