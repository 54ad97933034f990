import { describe, expect, it } from 'vitest';
import { bindResource, BindFailure, establishSession } from '../../src/session/negotiation/binding.js';
import { negotiateCompression } from '../../src/session/negotiation/compression.js';
import { authenticate, SaslFailure } from '../../src/session/negotiation/sasl.js';
import { negotiateStartTls } from '../../src/session/negotiation/starttls.js';
import { ScramSha1Server } from '../../src/host/sasl-server.js';
import type { NegotiatingStream } from '../../src/session/negotiation/stream.js';
import { ExpectationError } from '../../src/session/inbox.js';
import type { Match } from '../../src/session/match.js';
import type { TlsInfo, Transport } from '../../src/transport/types.js';
import { x, type Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';

/**
 * The negotiation steps (RFC 6120 §5–§7, XEP-0138) over a fake stream: a script says what the
 * "server" answers to each element sent, and what the transport was asked to do is recorded.
 */

const TLS: TlsInfo = { protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', authorized: true };

class FakeStream implements NegotiatingStream {
  readonly domain = 'example.test';
  readonly sent: Element[] = [];
  readonly notes: string[] = [];
  readonly calls: string[] = [];
  restarts = 0;
  features?: Element;
  private readonly inbox: Element[] = [];
  readonly transport: Transport;

  constructor(private readonly answer: (el: Element) => Element[], capabilities: Partial<Transport> = {}) {
    this.transport = {
      kind: 'tcp',
      openStream: () => undefined,
      send: () => undefined,
      frame: (el) => el.toString(),
      close: () => undefined,
      destroy: () => undefined,
      isClosed: false,
      startTls: async (servername) => {
        this.calls.push(`startTls ${servername}`);
        return TLS;
      },
      startCompression: () => this.calls.push('startCompression'),
      ...capabilities,
    };
  }

  send(el: Element): void {
    this.sent.push(el);
    this.inbox.push(...this.answer(el));
  }

  async expect(m: Match): Promise<Element> {
    const i = this.inbox.findIndex((el) => m.test(el));
    if (i < 0) throw new ExpectationError(m.describe, 'nothing matching arrived', 'timeout');
    return this.inbox.splice(i, 1)[0]!;
  }

  async iq(request: Element): Promise<Element> {
    this.send(request);
    return this.expect({ describe: 'an answer', test: (el) => el.name === 'iq' });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  async open(): Promise<void> {
    this.restarts++;
  }
}

const tls = (name: string): Element => x(name, { xmlns: NS.tls });
const mechanisms = (...names: string[]): Element => x('features', { xmlns: NS.stream }, x('mechanisms', { xmlns: NS.sasl }, ...names.map((n) => x('mechanism', {}, n))));

describe('STARTTLS', () => {
  it('asks, upgrades after <proceed/> with the domain as server name, and restarts the stream', async () => {
    const s = new FakeStream((el) => (el.name === 'starttls' ? [tls('proceed')] : []));
    expect(await negotiateStartTls(s, { insecure: false }, 1000)).toEqual(TLS);
    expect(s.sent.map((e) => `${e.name} ${e.getNS()}`)).toEqual([`starttls ${NS.tls}`]);
    expect(s.calls).toEqual(['startTls example.test']);
    expect(s.restarts).toBe(1);
  });

  it('stops at a <failure/>, without a handshake', async () => {
    const s = new FakeStream(() => [tls('failure')]);
    await expect(negotiateStartTls(s, { insecure: false }, 1000)).rejects.toThrow(/the server refused STARTTLS/);
    expect(s.calls).toEqual([]);
    expect(s.restarts).toBe(0);
  });

  it('is a tool error on a transport that cannot do TLS', async () => {
    const s = new FakeStream(() => [tls('proceed')], { startTls: undefined });
    await expect(negotiateStartTls(s, { insecure: false }, 1000)).rejects.toThrow(/TLS needs a TCP stream/);
  });
});

describe('compression (XEP-0138)', () => {
  it('switches both directions and restarts after <compressed/>', async () => {
    const s = new FakeStream(() => [x('compressed', { xmlns: NS.compress })]);
    expect((await negotiateCompression(s, 'zlib')).name).toBe('compressed');
    expect(s.sent[0]!.getChildText('method')).toBe('zlib');
    expect(s.calls).toEqual(['startCompression']);
    expect(s.restarts).toBe(1);
  });

  it('returns a <failure/> for the case to judge, the stream left as it was', async () => {
    const s = new FakeStream(() => [x('failure', { xmlns: NS.compress }, x('unsupported-method'))]);
    expect((await negotiateCompression(s, 'lzw')).name).toBe('failure');
    expect(s.calls).toEqual([]);
    expect(s.restarts).toBe(0);
  });
});

describe('SASL', () => {
  const creds = { username: 'alice', password: 'secret', domain: 'example.test' };

  it('never sends PLAIN over a channel that is not protected', async () => {
    const s = new FakeStream(() => []);
    s.features = mechanisms('PLAIN');
    await expect(authenticate(s, creds, { protectedChannel: false })).rejects.toThrow(/no usable SASL mechanism: offered \[PLAIN\] on a stream without TLS/);
    expect(s.sent).toEqual([]);
  });

  it('logs in with PLAIN over a protected channel and restarts the stream', async () => {
    const s = new FakeStream((el) => (el.name === 'auth' ? [x('success', { xmlns: NS.sasl })] : []));
    s.features = mechanisms('PLAIN');
    expect((await authenticate(s, creds, { protectedChannel: true })).mechanism).toBe('PLAIN');
    expect(Buffer.from(s.sent[0]!.getText(), 'base64').toString()).toBe('\0alice\0secret');
    expect(s.restarts).toBe(1);
  });

  it('prefers SCRAM-SHA-1, and refuses a <success/> whose server signature does not verify', async () => {
    const s = new FakeStream((el) => {
      if (el.name === 'auth') {
        const clientFirst = Buffer.from(el.getText(), 'base64').toString();
        const nonce = /r=([^,]+)/.exec(clientFirst)![1]!;
        const serverFirst = `r=${nonce}server,s=${Buffer.from('salt').toString('base64')},i=4096`;
        return [x('challenge', { xmlns: NS.sasl }, Buffer.from(serverFirst).toString('base64'))];
      }
      return [x('success', { xmlns: NS.sasl }, Buffer.from(`v=${Buffer.from('not the signature').toString('base64')}`).toString('base64'))];
    });
    s.features = mechanisms('PLAIN', 'SCRAM-SHA-1');
    const failure = await authenticate(s, creds, { protectedChannel: true }).catch((err: unknown) => err);
    expect(s.sent[0]!.attrs.mechanism).toBe('SCRAM-SHA-1');
    expect(failure).toBeInstanceOf(SaslFailure);
    expect((failure as SaslFailure).condition).toBe('server-proof-mismatch');
    expect(s.restarts).toBe(0);
  });

  it('accepts the SCRAM server-final-message in a last <challenge/> and verifies it with <success/> (RFC 6120 §6.3.10)', async () => {
    const server = new ScramSha1Server((user) => (user === 'alice' ? 'secret' : undefined));
    const s = new FakeStream((el) => {
      if (el.name === 'auth' || (el.name === 'response' && el.getText() !== '')) {
        const step = server.step(Buffer.from(el.getText(), 'base64'));
        if (step.kind === 'challenge') return [x('challenge', { xmlns: NS.sasl }, step.data.toString('base64'))];
        if (step.kind === 'success') return [x('challenge', { xmlns: NS.sasl }, (step.data ?? Buffer.alloc(0)).toString('base64'))];
        return [x('failure', { xmlns: NS.sasl }, x('not-authorized'))];
      }
      // the empty response to the last challenge
      return [x('success', { xmlns: NS.sasl })];
    });
    s.features = mechanisms('SCRAM-SHA-1');
    const done = await authenticate(s, creds, { protectedChannel: true });
    expect(done.serverProof).toBe('server signature verified');
    expect(s.sent.map((e) => e.name)).toEqual(['auth', 'response', 'response']);
    expect(s.sent[2]!.getText()).toBe('');
  });

  it("reports the server's condition from a <failure/>", async () => {
    const s = new FakeStream(() => [x('failure', { xmlns: NS.sasl }, x('not-authorized'))]);
    s.features = mechanisms('PLAIN');
    const failure = await authenticate(s, creds, { protectedChannel: true }).catch((err: unknown) => err);
    expect((failure as SaslFailure).condition).toBe('not-authorized');
  });
});

describe('binding and the RFC 3921 session', () => {
  const result = (request: Element, ...children: Element[]): Element => x('iq', { type: 'result', id: request.attrs.id }, ...children);

  it('returns the JID the server bound, asking for the resource given', async () => {
    const s = new FakeStream((el) => [result(el, x('bind', { xmlns: NS.bind }, x('jid', {}, 'alice@example.test/desk')))]);
    expect(await bindResource(s, 'desk')).toBe('alice@example.test/desk');
    expect(s.sent[0]!.getChild('bind', NS.bind)!.getChildText('resource')).toBe('desk');
  });

  it('throws the refusal as evidence', async () => {
    const s = new FakeStream((el) => [x('iq', { type: 'error', id: el.attrs.id }, x('error', { type: 'modify' }, x('bad-request', { xmlns: NS.stanzaErrors })))]);
    await expect(bindResource(s)).rejects.toBeInstanceOf(BindFailure);
  });

  it('establishes the session only when the features require it', async () => {
    const s = new FakeStream((el) => [result(el)]);
    expect(await establishSession(s)).toBeUndefined();
    s.features = x('features', { xmlns: NS.stream }, x('session', { xmlns: NS.session }, x('optional')));
    expect(await establishSession(s)).toBeUndefined();
    s.features = x('features', { xmlns: NS.stream }, x('session', { xmlns: NS.session }));
    expect((await establishSession(s))?.attrs.type).toBe('result');
    expect(s.sent).toHaveLength(1);
  });
});
