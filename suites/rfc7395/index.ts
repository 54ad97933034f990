import { ConnectFailed, type Suite, TargetSilent, TlsHandshakeFailed, WebSocketRefused } from '../../src/authoring.js';
import subprotocol from './3.1-subprotocol.js';
import messages from './3.2-messages.js';
import framing from './3.3-framing.js';
import initiation from './3.4-stream-initiation.js';
import errors from './3.5-stream-errors.js';
import closing from './3.6-closing.js';
import restarts from './3.7-restarts.js';
import tls from './3.9-tls.js';
import { webSocket } from './websocket.js';

/** RFC 7395 An XMPP Subprotocol for WebSocket, at the endpoint --websocket-url or host-meta names. */
export const rfc7395: Suite = {
  spec: 'rfc7395',
  role: 'server',
  // there when the endpoint takes the 'xmpp' subprotocol and answers an <open/>
  async probe(t) {
    const entity = `WebSocket endpoint ${t.websocketUrl ?? '(none)'}`;
    try {
      const { s, ws } = await webSocket(t, 'probe');
      const { header } = await s.open();
      return { supported: true, entity, detail: `the 'xmpp' subprotocol, and an <open/> answered with ${header.xmlns === undefined ? 'a header' : `<open xmlns='${header.xmlns}'/>`}${ws.tlsInfo ? ` over ${ws.tlsInfo.protocol}` : ''}` };
    } catch (err) {
      // no WebSocket there: nothing listens, nothing answers, or no 'xmpp' upgrade
      if (err instanceof WebSocketRefused || err instanceof ConnectFailed || err instanceof TargetSilent) return { supported: false, entity, detail: err.message };
      if (err instanceof TlsHandshakeFailed && !err.untrusted) return { supported: false, entity, detail: err.message };
      throw err;
    }
  },
  cases: [...subprotocol, ...messages, ...framing, ...initiation, ...errors, ...closing, ...restarts, ...tls],
};
