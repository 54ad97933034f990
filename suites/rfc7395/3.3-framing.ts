import { defineCases, FRAMING_NS, messageWithBody, streamError, streamErrorCondition, token, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/rfc7395.js';
import { offending, trafficOverWebSocket, webSocket } from './websocket.js';

/** RFC 7395 §3.3: the framing namespace (§3.3.2) and one standalone element per message (§3.3.3). */
export default defineCases({ spec: 'rfc7395', role: 'server' }, [
  {
    id: 'RFC7395-3.3.2-1',
    cite: citationOf(rows, 'RFC7395-3.3.2-1'),
    requirement: "The server's <open/> and <close/> are qualified by urn:ietf:params:xml:ns:xmpp-framing.",
    async run(t) {
      const { s, ws } = await webSocket(t);
      await s.open();
      await s.close();
      const headers = ws.messages.flatMap((m) => m.elements).filter((e) => e.name === 'open' || e.name === 'close');
      t.note(`stream headers received: ${headers.map((e) => `<${e.name} xmlns='${e.ns ?? ''}'/>`).join(', ') || 'none'}`);
      t.check(headers.some((e) => e.name === 'open'), 'an <open/> answering ours', 'none');
      const wrong = headers.filter((e) => e.ns !== FRAMING_NS);
      t.check(wrong.length === 0, `<open/> and <close/> in ${FRAMING_NS}`, wrong.map((e) => `<${e.name}> in '${e.ns ?? 'no namespace'}'`).join(', '));
    },
  },
  {
    id: 'RFC7395-3.3.2-2',
    cite: citationOf(rows, 'RFC7395-3.3.2-2'),
    requirement: 'An <open/> in another namespace ends the stream with the stream error <invalid-namespace/>.',
    async run(t) {
      const { s } = await webSocket(t);
      s.openRaw(`<open xmlns='urn:example:not-framing' to='${t.domain}' version='1.0'/>`);
      const error = await s.expect(streamError());
      const condition = streamErrorCondition(error);
      t.must(condition === 'invalid-namespace', 'the stream error <invalid-namespace/>', condition ? `<${condition}/>` : 'an error without a defined condition');
    },
  },
  {
    id: 'RFC7395-3.3.3-1',
    cite: citationOf(rows, 'RFC7395-3.3.3-1'),
    requirement: 'Each message the server sends parses as an XML document on its own, every namespace declared in it.',
    accounts: 1,
    async run(t) {
      // a message the tool cannot parse ends the login in the body: a finding, not an error
      const { ws } = await trafficOverWebSocket(t, t.accounts[0]!);
      t.check(ws.messages.every((m) => m.undeclared.length === 0), 'every element with its namespace declared in its message',
        `undeclared: ${offending(ws.messages, (m) => m.undeclared.length > 0)}`);
    },
  },
  {
    id: 'RFC7395-3.3.3-2',
    cite: citationOf(rows, 'RFC7395-3.3.3-2'),
    requirement: 'The server sends no XML declaration in its messages.',
    accounts: 1,
    async run(t) {
      const { ws } = await trafficOverWebSocket(t, t.accounts[0]!);
      t.check(ws.messages.every((m) => !m.declaration), 'no XML declaration', `with one: ${offending(ws.messages, (m) => m.declaration)}`);
    },
  },
  {
    id: 'RFC7395-3.3.3-3',
    cite: citationOf(rows, 'RFC7395-3.3.3-3'),
    requirement: "Every message the server sends starts with '<'.",
    accounts: 1,
    async run(t) {
      const { ws } = await trafficOverWebSocket(t, t.accounts[0]!);
      t.check(ws.messages.every((m) => m.first === '<'), "'<' first in every message", `otherwise: ${offending(ws.messages, (m) => m.first !== '<')}`);
    },
  },
  {
    id: 'RFC7395-3.3.3-4',
    cite: citationOf(rows, 'RFC7395-3.3.3-4'),
    requirement: 'Each message the server sends holds exactly one element, also when stanzas for the session come in a burst.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const { s, ws } = await trafficOverWebSocket(t, a!);
      const sender = await t.login(b!);
      const bodies = Array.from({ length: 8 }, () => `burst ${token()}`);
      for (const body of bodies) sender.send(x('message', { to: s.jid, type: 'chat' }, x('body', {}, body)));
      for (const body of bodies) await s.expect(messageWithBody(body));
      t.note(`${ws.messages.length} messages received`);
      t.check(ws.messages.every((m) => m.elements.length === 1), 'one element in every message', offending(ws.messages, (m) => m.elements.length !== 1));
    },
  },
]);
