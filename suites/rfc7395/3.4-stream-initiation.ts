import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/rfc7395.js';
import { describeMessage, webSocket } from './websocket.js';

/** RFC 7395 §3.4: who speaks first, and the <open/> that answers. */
export default defineCases({ spec: 'rfc7395', role: 'server' }, [
  {
    id: 'RFC7395-3.4-1',
    cite: citationOf(rows, 'RFC7395-3.4-1'),
    requirement: "The server sends nothing after the handshake until the client's <open/>.",
    async run(t) {
      const { s, ws } = await webSocket(t);
      // nothing can show that the server had its chance to speak but a wait
      await new Promise((resolve) => setTimeout(resolve, t.silenceMs));
      t.check(ws.messages.length === 0, `no message in the ${t.silenceMs} ms before our <open/>`, ws.messages.map(describeMessage).join('; '));
      await s.open();
    },
  },
  {
    id: 'RFC7395-3.4-2',
    cite: citationOf(rows, 'RFC7395-3.4-2'),
    requirement: "The server answers <open/> with its own <open/>, with from, id and version 1.0 (RFC 6120 §4.7), and then its features.",
    async run(t) {
      const { s } = await webSocket(t);
      const { header, features } = await s.open();
      t.note(`response header: ${Object.entries(header).map(([k, v]) => `${k}='${v}'`).join(' ')}`);
      t.check(header.from === t.domain, `from='${t.domain}'`, header.from === undefined ? 'no from' : `from='${header.from}'`);
      t.check(Boolean(header.id), 'a stream id', 'no id');
      t.check(header.version === '1.0', "version='1.0'", header.version === undefined ? 'no version' : `version='${header.version}'`);
      t.check(features !== undefined, '<stream:features/> after the <open/>', 'none');
      if (!header['xml:lang']) t.note('no xml:lang on the <open/> (RFC 6120 §4.7.4: SHOULD)');
    },
  },
]);
