import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/evidence/redact.js';
import { Transcript } from '../../src/evidence/transcript.js';
import { Session } from '../../src/session/session.js';
import { isStanza } from '../../src/session/stanza-count.js';
import { iq } from '../../src/session/stanza.js';
import type { Transport, TransportHandlers } from '../../src/transport/types.js';
import { x, type Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';

/**
 * What a session counts for XEP-0198 (§4: each side counts the stanzas it sent and the ones it
 * received and handled), and a session taking over a resource over a new connection (§5), over
 * a fake transport: the test plays the server by handing elements up as the parser would.
 */

interface Wire {
  session: Session;
  /** Hands an element to the session as if it had arrived: first-level, in jabber:client. */
  arrive(el: Element): void;
  written: string[];
}

async function wire(): Promise<Wire> {
  let handlers!: TransportHandlers;
  const written: string[] = [];
  const transport = async (h: TransportHandlers): Promise<Transport> => {
    handlers = h;
    return {
      kind: 'tcp',
      isClosed: false,
      openStream: () => undefined,
      send: (data) => written.push(data),
      frame: (el) => el.toString(),
      close: () => undefined,
      destroy: () => h.closed('destroyed'),
    };
  };
  const session = await Session.connect({
    label: 'A',
    target: { endpoint: { host: '127.0.0.1', port: 5222 }, domain: 'example.test', tls: { insecure: false } },
    transcript: new Transcript(new Redactor()),
    limits: { stepMs: 200, connectTimeoutMs: 200, maxElementChars: 100_000 },
    transport,
  });
  const arrive = (el: Element): void => {
    // as the stream parser hands them up: the root's default namespace on the element
    el.attrs.xmlns ??= NS.client;
    handlers.element(el, el.toString());
  };
  return { session, arrive, written };
}

describe('isStanza', () => {
  it('takes message, presence and IQ of the client namespace, built or received, and nothing else', () => {
    expect(isStanza(x('message', { to: 'b@example.test' }))).toBe(true);
    expect(isStanza(x('presence', { xmlns: NS.client }))).toBe(true);
    expect(isStanza(iq('get', {}))).toBe(true);
    expect(isStanza(x('r', { xmlns: 'urn:xmpp:sm:3' }))).toBe(false);
    expect(isStanza(x('features', { xmlns: NS.stream }))).toBe(false);
    expect(isStanza(x('message', { xmlns: NS.server }))).toBe(false);
  });
});

describe('Session.countStanzas', () => {
  it('counts stanzas sent and received from the moment it starts, not nonzas, not what came before', async () => {
    const { session, arrive } = await wire();
    session.send(x('message', { to: 'b@example.test' }));
    arrive(x('message', { from: 'b@example.test/r' }));
    const count = session.countStanzas();
    session.send(x('enable', { xmlns: 'urn:xmpp:sm:3' }));
    arrive(x('enabled', { xmlns: 'urn:xmpp:sm:3' }));
    session.send(x('message', { to: 'b@example.test' }, x('body', {}, 'one')));
    session.send(x('presence'));
    arrive(x('message', { from: 'b@example.test/r' }, x('body', {}, 'two')));
    arrive(x('r', { xmlns: 'urn:xmpp:sm:3' }));
    expect(count).toEqual({ sent: 2, received: 1 });
  });

  it("counts the session's own answers to the server's IQs as sent", async () => {
    const { session, arrive, written } = await wire();
    const count = session.countStanzas();
    arrive(iq('get', { from: 'example.test', id: 'p1' }, x('ping', { xmlns: NS.ping })));
    expect(written.some((w) => w.includes("id=\"p1\"") && w.includes('result'))).toBe(true);
    expect(count).toEqual({ sent: 1, received: 1 });
  });

  it('keeps counts apart: a count started later sees only what followed', async () => {
    const { session, arrive } = await wire();
    const first = session.countStanzas();
    arrive(x('message', {}));
    const second = session.countStanzas();
    arrive(x('presence', {}));
    session.send(x('message', {}));
    expect(first).toEqual({ sent: 1, received: 2 });
    expect(second).toEqual({ sent: 1, received: 1 });
  });
});

describe('Session.resumedAs', () => {
  it('makes a new connection that resource, without a bind, and keeps it from being handed to later cases', async () => {
    const { session } = await wire();
    expect(session.jid).toBeUndefined();
    session.resumedAs('a@example.test/phone');
    expect(session.jid).toBe('a@example.test/phone');
    expect(session.residue).toMatch(/resumed/);
    expect(session.transcript.entries.some((e) => e.direction === 'note' && e.data.includes('a@example.test/phone'))).toBe(true);
  });
});
