import { defineCases, streamErrorCondition } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/rfc7395.js';
import { describeMessage, provokeStreamError, webSocket } from './websocket.js';

/** RFC 7395 §3.5: how a stream error travels, and that the server closes after it. */
export default defineCases({ spec: 'rfc7395', role: 'server' }, [
  {
    id: 'RFC7395-3.5-1',
    cite: citationOf(rows, 'RFC7395-3.5-1'),
    requirement: 'A stream error (here for an <open/> to a domain the server does not serve) comes as <stream:error/> in a message of its own.',
    async run(t) {
      const { s, ws } = await webSocket(t);
      const error = await provokeStreamError(s);
      if (!error) return t.skip('the server answered an <open/> to a domain it does not serve with no stream error (RFC6120 judges that): nothing to see framed', 'unproven');
      t.note(`stream error <${streamErrorCondition(error) ?? '?'}/>`);
      const carrying = ws.messages.find((m) => m.elements.some((e) => e.name.endsWith('error') && e.ns === 'http://etherx.jabber.org/streams'));
      t.check(carrying?.elements.length === 1, 'the <stream:error/> alone in its message', carrying ? describeMessage(carrying, ws.messages.indexOf(carrying)) : 'not found');
    },
  },
  {
    id: 'RFC7395-3.5-2',
    cite: citationOf(rows, 'RFC7395-3.5-2'),
    requirement: 'An <open/> to an unknown domain is answered by an <open/>, then the stream error in a second message.',
    async run(t) {
      const { s, ws } = await webSocket(t);
      const error = await provokeStreamError(s);
      if (!error) return t.skip('the server accepted a stream to an unknown domain (RFC 6120 §4.9.3.6 judges that): no error to see', 'unproven');
      t.note(`stream error <${streamErrorCondition(error) ?? '?'}/>; messages: ${ws.messages.map(describeMessage).join('; ')}`);
      const first = ws.messages[0]?.elements.map((e) => e.name) ?? [];
      const second = ws.messages[1]?.elements.map((e) => e.name) ?? [];
      t.check(first.length === 1 && first[0] === 'open', 'first a message with the <open/> response alone', first.join(', ') || 'none');
      t.check(second.length === 1 && second[0]!.endsWith('error'), 'then a message with the <stream:error/> alone', second.join(', ') || 'none');
    },
  },
  {
    id: 'RFC7395-3.5-3',
    cite: citationOf(rows, 'RFC7395-3.5-3'),
    requirement: 'After a stream error the server closes the stream with <close/> and ends the connection.',
    async run(t) {
      const { s, ws } = await webSocket(t);
      const error = await provokeStreamError(s);
      if (!error) return t.skip('the server answered an <open/> to a domain it does not serve with no stream error (RFC6120 judges that)', 'unproven');
      const closed = await s.waitClosed();
      const after = ws.messages.slice(ws.messages.findIndex((m) => m.elements.some((e) => e.name.endsWith('error'))) + 1).flatMap((m) => m.elements.map((e) => e.name));
      t.check(after.includes('close'), 'a <close/> after the error', after.join(', ') || 'nothing');
      t.check(closed, 'the connection closed by the server', `still open after ${s.stepMs} ms`);
    },
  },
]);
