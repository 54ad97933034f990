import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CaseContext } from '../../src/engine/context.js';
import { Skip, ToolError } from '../../src/engine/errors.js';
import { Transcript } from '../../src/evidence/transcript.js';
import { Redactor } from '../../src/evidence/redact.js';
import { makeCertificate } from '../../src/host/certificate.js';
import { ConnectFailed, TlsHandshakeFailed } from '../../src/session/errors.js';
import { Session, streamFeatures } from '../../src/session/session.js';
import { directTlsConnector, XMPP_CLIENT_ALPN } from '../../src/transport/tcp.js';
import { FRAMING_NS, parseMessage, webSocketConnector, WebSocketRefused, WebSocketTransport } from '../../src/transport/websocket.js';
import { acceptFor, closePayload, encodeFrame, type Frame, FrameDecoder, FramingError, OPCODE } from '../../src/transport/websocket-frames.js';
import type { Transport, TransportHandlers } from '../../src/transport/types.js';
import { x } from '../../src/xml/element.js';
import { harnessEnvironment } from '../support/harness.js';
import { NS } from '../../src/xml/namespaces.js';

const LIMITS = { stepMs: 2000, connectTimeoutMs: 2000, maxElementChars: 100_000 };
const FEATURES = `<stream:features xmlns:stream='${NS.stream}'><bind xmlns='${NS.bind}'/></stream:features>`;

describe('RFC 6455 frames', () => {
  it('round-trip masked and unmasked, in pieces, at every length encoding', () => {
    const decoder = new FrameDecoder(1 << 20);
    const payloads = [Buffer.from('<open/>'), Buffer.alloc(300, 0x61), Buffer.alloc(70_000, 0x62)];
    const wire = Buffer.concat(payloads.map((p, i) => encodeFrame(OPCODE.text, p, { mask: i !== 1 })));
    const frames: Frame[] = [];
    // in pieces that cut through headers and payloads: nothing may assume a frame arrives whole
    for (let i = 0; i < wire.length; i += 977) frames.push(...decoder.push(wire.subarray(i, i + 977)));
    expect(frames.map((f) => [f.fin, f.opcode, f.masked, f.payload.length])).toEqual([[true, 1, true, 7], [true, 1, false, 300], [true, 1, true, 70_000]]);
    expect(frames.map((f) => f.payload.equals(payloads[frames.indexOf(f)]!))).toEqual([true, true, true]);
  });

  it('mask what a client sends with a key that changes from frame to frame', () => {
    const a = encodeFrame(OPCODE.text, Buffer.from('same'), { mask: true });
    const b = encodeFrame(OPCODE.text, Buffer.from('same'), { mask: true });
    expect(a[1]! & 0x80).toBe(0x80);
    expect(a.subarray(2)).not.toEqual(b.subarray(2));
    expect(a.subarray(6).toString()).not.toBe('same');
  });

  it('refuse a frame larger than allowed before buffering it, and reserved bits', () => {
    expect(() => new FrameDecoder(100).push(encodeFrame(OPCODE.text, Buffer.alloc(200), { mask: false }))).toThrow(FramingError);
    expect(() => new FrameDecoder(100).push(Buffer.from([0xc1, 0x00]))).toThrow(/reserved bits/);
  });

  it('answer a key with the accept value of RFC 6455 §1.3', () => {
    expect(acceptFor('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});

describe('an RFC 7395 message', () => {
  it('is one element, with its namespace declared', () => {
    const parsed = parseMessage(`<message xmlns='jabber:client' to='a@b'><body>hi</body></message>`, 10_000);
    expect(parsed.elements.map((e) => e.el.getChild('body')?.getText())).toEqual(['hi']);
    expect([parsed.declaration, parsed.undeclared, parsed.violation]).toEqual([false, [], undefined]);
  });

  it('shows two elements in one message, an XML declaration and an undeclared prefix', () => {
    expect(parseMessage(`<message xmlns='jabber:client'/><presence xmlns='jabber:client'/>`, 10_000).elements.map((e) => e.el.name)).toEqual(['message', 'presence']);
    expect(parseMessage(`<?xml version='1.0'?><open xmlns='${FRAMING_NS}'/>`, 10_000)).toMatchObject({ declaration: true, undeclared: [] });
    expect(parseMessage('<stream:features><bind/></stream:features>', 10_000).undeclared).toEqual(['stream:features']);
  });

  it('refuses what RFC 6120 §11 forbids', () => {
    expect(parseMessage('<!-- hi --><message/>', 10_000).violation?.condition).toBe('restricted-xml');
  });
});

/** A WebSocket XMPP endpoint in-process: it answers each message the client sends with `reply`. */
class FakeWebSocketServer {
  readonly received: string[] = [];
  readonly sockets: net.Socket[] = [];
  private readonly server = http.createServer((_req, res) => res.writeHead(404).end());

  constructor(
    private readonly reply: (message: string, socket: net.Socket) => string[],
    private readonly protocol: string | null = 'xmpp',
  ) {
    this.server.on('upgrade', (req, socket: net.Socket) => {
      this.sockets.push(socket);
      const lines = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptFor(String(req.headers['sec-websocket-key']))}`];
      if (this.protocol) lines.push(`Sec-WebSocket-Protocol: ${this.protocol}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      const decoder = new FrameDecoder(1 << 20);
      socket.on('data', (data: Buffer) => {
        for (const frame of decoder.push(data)) {
          if (frame.opcode === OPCODE.close) {
            socket.end(encodeFrame(OPCODE.close, closePayload(1000), { mask: false }));
            continue;
          }
          const text = frame.payload.toString('utf8');
          this.received.push(text);
          for (const out of this.reply(text, socket)) socket.write(encodeFrame(OPCODE.text, Buffer.from(out), { mask: false }));
        }
      });
    });
  }

  async url(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${(this.server.address() as net.AddressInfo).port}/xmpp-websocket`;
  }

  close(): void {
    for (const s of this.sockets) s.destroy();
    this.server.close();
  }
}

const open = (): string => `<open xmlns='${FRAMING_NS}' from='example.test' id='s1' version='1.0' xml:lang='en'/>`;

async function session(connect: (handlers: TransportHandlers) => Promise<Transport>): Promise<Session> {
  const target = { endpoint: { host: '127.0.0.1', port: 1 }, domain: 'example.test', tls: { insecure: false } };
  return Session.connect({ label: 'A', target, transcript: new Transcript(new Redactor()), limits: LIMITS, transport: connect });
}

describe('the WebSocket transport (RFC 7395)', () => {
  let server: FakeWebSocketServer | undefined;
  afterEach(() => server?.close());
  const settings = { tls: { insecure: false }, connectTimeoutMs: 2000, maxElementChars: 100_000 };

  it("asks for 'xmpp', opens with <open/> in the framing namespace, and takes the answering <open/> as the header", async () => {
    server = new FakeWebSocketServer((m) => (m.startsWith('<open') ? [open(), FEATURES] : []));
    const url = await server.url();
    const s = await session(webSocketConnector({ url, ...settings }));
    expect(s.transport.address).toBe(url);
    const { header, features } = await s.open();
    expect(server.received[0]).toMatch(new RegExp(`^<open xmlns='${FRAMING_NS}' to='example.test' version='1.0' xml:lang='en'/>$`));
    expect(header).toMatchObject({ xmlns: FRAMING_NS, id: 's1', version: '1.0' });
    expect(features?.getChild('bind', NS.bind)).toBeDefined();
    const ws = s.transportAs(WebSocketTransport);
    expect(ws.handshake.protocol).toBe('xmpp');
    expect(ws.messages.map((m) => m.elements)).toEqual([[{ name: 'open', ns: FRAMING_NS }], [{ name: 'stream:features', ns: NS.stream }]]);
    s.destroy();
  });

  it('sends each stanza in a message of its own, qualified by jabber:client, and closes with <close/> and a Close frame', async () => {
    server = new FakeWebSocketServer((m) => (m.startsWith('<open') ? [open(), FEATURES] : m.startsWith('<close') ? [`<close xmlns='${FRAMING_NS}'/>`] : []));
    const s = await session(webSocketConnector({ url: await server.url(), ...settings }));
    await s.open();
    s.send(x('message', { to: 'b@example.test' }, x('body', {}, 'one')));
    s.send(x('presence'));
    await s.close();
    await s.waitClosed();
    expect(server.received.slice(1)).toEqual([
      `<message to="b@example.test" xmlns="jabber:client"><body>one</body></message>`,
      `<presence xmlns="jabber:client"/>`,
      `<close xmlns='${FRAMING_NS}'/>`,
    ]);
    expect(s.peerEnded).toBe(true);
    expect(s.transportAs(WebSocketTransport).peerClose?.code).toBe(1000);
  });

  it('records two elements in one server message and still delivers both', async () => {
    server = new FakeWebSocketServer((m) => (m.startsWith('<open') ? [open(), FEATURES] : [`<message xmlns='jabber:client' id='1'/><message xmlns='jabber:client' id='2'/>`]));
    const s = await session(webSocketConnector({ url: await server.url(), ...settings }));
    await s.open();
    s.send(x('presence'));
    await s.expect({ describe: 'the second message', test: (el) => el.attrs.id === '2' });
    expect(s.transportAs(WebSocketTransport).messages.at(-1)?.elements.map((e) => e.name)).toEqual(['message', 'message']);
    s.destroy();
  });

  it("answers a ping with a pong, and notes a connection dropped without a Close frame", async () => {
    let pong: Buffer | undefined;
    server = new FakeWebSocketServer((m, socket) => {
      socket.on('data', (d: Buffer) => {
        const frames = new FrameDecoder(1000).push(d);
        const found = frames.find((f) => f.opcode === OPCODE.pong);
        if (found) {
          pong = found.payload;
          socket.destroy();
        }
      });
      socket.write(encodeFrame(OPCODE.ping, Buffer.from('are you there'), { mask: false }));
      return m.startsWith('<open') ? [open()] : [];
    });
    const s = await session(webSocketConnector({ url: await server.url(), ...settings }));
    s.transport.openStream({ to: 'example.test' });
    await s.waitClosed();
    expect(pong?.toString()).toBe('are you there');
    expect(s.closedReason).toBe('connection closed by the peer without a WebSocket Close frame');
  });

  it("refuses a handshake answer without the 'xmpp' subprotocol (RFC 7395 §3.1)", async () => {
    server = new FakeWebSocketServer(() => [], null);
    const error = await session(webSocketConnector({ url: await server.url(), ...settings })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebSocketRefused);
    expect((error as WebSocketRefused).handshake.status).toBe(101);
    expect((error as Error).message).toMatch(/no subprotocol/);
  });

  it('reports an HTTP answer that is no upgrade, with its status', async () => {
    const plain = net.createServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(plain.address() as net.AddressInfo).port}/`;
    const error = await WebSocketTransport.connect({ url, ...settings }, {} as TransportHandlers).catch((e: unknown) => e);
    plain.close();
    expect(error).toBeInstanceOf(WebSocketRefused);
    expect((error as WebSocketRefused).handshake.status).toBe(403);
  });
});

describe("a case's connections over the web transports", () => {
  let server: FakeWebSocketServer | undefined;
  afterEach(() => server?.close());

  it('are not run without an endpoint, go to an endpoint of their own when given one (a host-meta link), and refuse one for a transport that takes none', async () => {
    server = new FakeWebSocketServer((m) => (m.startsWith('<open') ? [open(), FEATURES] : []));
    const url = await server.url();
    const t = new CaseContext(await harnessEnvironment(1, []), [], 'tcp', new Map(), new AbortController().signal, { strength: 'must' });
    const none = await t.connect('ws', 'websocket').catch((e: unknown) => e);
    expect(none).toBeInstanceOf(Skip);
    expect([(none as Skip).kind, (none as Skip).reason]).toEqual(['not-run', expect.stringMatching(/no WebSocket endpoint for this run \(--websocket-url/)]);
    const s = await t.connect('ws', 'websocket', url);
    expect([s.transportKind, s.transport.address]).toEqual(['websocket', url]);
    await expect(t.connect('tls', 'directtls', url)).rejects.toBeInstanceOf(ToolError);
    s.destroy();
  });
});

describe('direct TLS (XEP-0368)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmpp-certify-directtls-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let server: tls.Server | undefined;
  afterEach(() => server?.close());

  async function listen(alpn: string[] | undefined, seen: { servername?: string; alpn?: string[] }): Promise<{ port: number; ca: string }> {
    const made = await makeCertificate(dir, 'example.test');
    server = tls.createServer({
      cert: fs.readFileSync(made.cert), key: fs.readFileSync(made.key),
      ALPNCallback: alpn ? ({ servername, protocols }) => {
        seen.servername = servername;
        seen.alpn = protocols;
        return alpn.find((p) => protocols.includes(p));
      } : undefined,
      SNICallback: (name, cb) => {
        seen.servername = name;
        cb(null, undefined);
      },
    }, (socket) => {
      socket.once('data', () => socket.write(`<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${NS.stream}' from='example.test' id='d1' version='1.0'>${FEATURES.replace(` xmlns:stream='${NS.stream}'`, '')}`));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as net.AddressInfo).port, ca: fs.readFileSync(made.cert, 'utf8') };
  }

  it('speaks TLS from the first byte with SNI the domain and ALPN xmpp-client, the certificate verified, and the stream secure from the start', async () => {
    const seen: { servername?: string; alpn?: string[] } = {};
    const { port, ca } = await listen([XMPP_CLIENT_ALPN], seen);
    const s = await session(directTlsConnector({ host: '127.0.0.1', port }, 'example.test', { ca: [ca], insecure: false }, LIMITS));
    expect([s.transportKind, s.transport.address]).toEqual(['directtls', `127.0.0.1:${port}`]);
    expect(seen).toEqual({ servername: 'example.test', alpn: [XMPP_CLIENT_ALPN] });
    expect(s.tlsInfo).toMatchObject({ authorized: true, alpn: XMPP_CLIENT_ALPN });
    const { features } = await s.open();
    expect(features).toBeDefined();
    expect(s.received(streamFeatures())).toEqual([]);
    s.destroy();
  });

  it('leaves ALPN unset when the server selects none', async () => {
    const { port, ca } = await listen(undefined, {});
    const s = await session(directTlsConnector({ host: '127.0.0.1', port }, 'example.test', { ca: [ca], insecure: false }, LIMITS));
    expect(s.tlsInfo?.alpn).toBeUndefined();
    s.destroy();
  });

  it('says that nothing accepts connections at a closed port, for the WebSocket as for direct TLS', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(session(directTlsConnector({ host: '127.0.0.1', port }, 'example.test', { insecure: false }, LIMITS))).rejects.toBeInstanceOf(ConnectFailed);
    await expect(session(webSocketConnector({ url: `ws://127.0.0.1:${port}/`, tls: { insecure: false }, connectTimeoutMs: 2000, maxElementChars: 1000 }))).rejects.toBeInstanceOf(ConnectFailed);
  });

  it('fails with the certificate named as the reason when it does not verify', async () => {
    const { port } = await listen([XMPP_CLIENT_ALPN], {});
    const error = await session(directTlsConnector({ host: '127.0.0.1', port }, 'example.test', { insecure: false }, LIMITS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsHandshakeFailed);
    expect((error as TlsHandshakeFailed).untrusted).toBe(true);
  });
});
