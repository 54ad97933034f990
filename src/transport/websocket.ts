import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type tls from 'node:tls';
import { TextDecoder } from 'node:util';
import { ConnectFailed, TargetSilent, TlsHandshakeFailed, ToolError } from '../session/errors.js';
import { escapeXML, type Element } from '../xml/element.js';
import { StreamParser, type XmlViolation } from '../xml/stream-parser.js';
import { qualifiedStanza } from './bosh.js';
import { secureContextFor, tlsInfoOf } from './tcp.js';
import type { StreamOpen, TlsInfo, TlsSettings, Transport, TransportHandlers } from './types.js';
import { acceptFor, closePayload, encodeFrame, type Frame, FrameDecoder, type FramingError, OPCODE } from './websocket-frames.js';

/** The namespace of <open/> and <close/> (RFC 7395 §3.3.2). */
export const FRAMING_NS = 'urn:ietf:params:xml:ns:xmpp-framing';

/** The WebSocket subprotocol of XMPP (RFC 7395 §3.1). */
export const XMPP_SUBPROTOCOL = 'xmpp';

export interface WebSocketOptions {
  /** ws:// or wss:// */
  url: string;
  tls: TlsSettings;
  connectTimeoutMs: number;
  maxElementChars: number;
  /** The subprotocols asked for (default: xmpp). */
  protocols?: string[];
}

/** What the server's answer to the opening handshake showed (RFC 6455 §4.2.2). */
export interface WebSocketHandshake {
  status: number;
  /** The subprotocol the server chose; undefined: none. */
  protocol?: string;
  headers: http.IncomingHttpHeaders;
}

/** How one message from the server was framed: what RFC 7395 §3.2 and §3.3.3 cases judge. */
export interface ReceivedMessage {
  binary: boolean;
  /** Its top-level elements, in order: name and namespace (undefined when it declares none). */
  elements: { name: string; ns?: string }[];
  /** It began with an XML declaration. */
  declaration: boolean;
  /** Its first character (RFC 7395 §3.3.3 wants '<'). */
  first: string;
  /** Elements in it whose namespace it does not declare. */
  undeclared: string[];
}

/** The server answered the opening handshake without the 'xmpp' subprotocol (or not with 101 at all). */
export class WebSocketRefused extends ToolError {
  constructor(
    readonly handshake: WebSocketHandshake,
    why: string,
  ) {
    super(`the WebSocket handshake gave no XMPP connection: ${why}`);
    this.name = 'WebSocketRefused';
  }
}

/**
 * An XMPP stream over WebSocket (RFC 7395): the RFC 6455 handshake asks for the 'xmpp'
 * subprotocol, <open/> and <close/> in the framing namespace stand for the stream's header and
 * end, and every message carries one element. A minimal RFC 6455 client: masked frames out,
 * fragmented messages and control frames in, no extensions. What each message of the server
 * looked like is kept (messages) for the cases that judge the framing.
 */
export class WebSocketTransport implements Transport {
  readonly kind = 'websocket';
  readonly tlsInfo?: TlsInfo;
  readonly address: string;
  /** Every message the server sent, in order. */
  readonly messages: ReceivedMessage[] = [];
  /** The Close frame the server sent, if it sent one (RFC 6455 §5.5.1). */
  peerClose?: { code?: number; reason: string };
  private readonly decoder: FrameDecoder;
  private readonly text = new TextDecoder('utf-8', { fatal: true });
  private fragments: Buffer[] = [];
  private fragmentOpcode = 0;
  private closeSent = false;
  private closedReason?: string;

  private constructor(
    private readonly socket: net.Socket,
    readonly handshake: WebSocketHandshake,
    private readonly handlers: TransportHandlers,
    private readonly options: WebSocketOptions,
    head: Buffer,
  ) {
    this.tlsInfo = 'encrypted' in socket ? tlsInfoOf(socket as tls.TLSSocket) : undefined;
    this.address = options.url;
    this.decoder = new FrameDecoder(options.maxElementChars * 4);
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => this.receive(data));
    socket.on('error', (err: NodeJS.ErrnoException) => this.markClosed(`connection error: ${err.code ?? err.message}`));
    socket.on('close', () => this.markClosed(this.peerClose
      ? `the server closed the WebSocket (code ${this.peerClose.code ?? 'none'})`
      : this.closeSent ? 'closed by the tool' : 'connection closed by the peer without a WebSocket Close frame'));
    if (head.length) this.receive(head);
  }

  /**
   * Opens the WebSocket: the HTTP upgrade with Sec-WebSocket-Protocol xmpp, over TLS for wss://
   * (SNI the URL's host, the run's trust). Rejects with WebSocketRefused when the answer is no
   * XMPP WebSocket, with TlsHandshakeFailed or a ToolError when the connection fails.
   */
  static connect(options: WebSocketOptions, handlers: TransportHandlers): Promise<WebSocketTransport> {
    const url = new URL(options.url);
    const secure = url.protocol === 'wss:';
    if (!secure && url.protocol !== 'ws:') return Promise.reject(new ToolError(`not a WebSocket URL: ${options.url}`));
    const key = crypto.randomBytes(16).toString('base64');
    const protocols = options.protocols ?? [XMPP_SUBPROTOCOL];
    const headers: Record<string, string> = { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13' };
    if (protocols.length) headers['Sec-WebSocket-Protocol'] = protocols.join(', ');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.destroy();
        reject(err);
      };
      const request = (secure ? https : http).request({
        host,
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        headers,
        agent: false,
        ...(secure ? { servername: net.isIP(host) ? undefined : host, secureContext: secureContextFor(options.tls), rejectUnauthorized: !options.tls.insecure } : {}),
      });
      const timer = setTimeout(() => fail(new TargetSilent(`no WebSocket handshake from ${url.host} within ${options.connectTimeoutMs} ms`)), options.connectTimeoutMs);
      let connected = false;
      request.on('socket', (socket) => socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true)));
      request.on('error', (err: NodeJS.ErrnoException) => {
        if (secure && !connected && err.code !== 'ECONNREFUSED' && err.code !== 'ENOTFOUND') return fail(new TlsHandshakeFailed(err.message, err.code));
        fail(new ConnectFailed(`cannot open a WebSocket to ${url.host}: ${err.code ?? err.message}`));
      });
      request.on('response', (response) => {
        response.resume();
        fail(new WebSocketRefused({ status: response.statusCode ?? 0, headers: response.headers }, `HTTP ${response.statusCode} instead of 101 Switching Protocols`));
      });
      request.on('upgrade', (response, socket, head) => {
        const protocol = headerValue(response.headers['sec-websocket-protocol']);
        const handshake: WebSocketHandshake = { status: response.statusCode ?? 0, protocol, headers: response.headers };
        if (headerValue(response.headers['sec-websocket-accept']) !== acceptFor(key)) {
          socket.destroy();
          return fail(new WebSocketRefused(handshake, 'Sec-WebSocket-Accept does not answer the key sent (RFC 6455 §4.2.2)'));
        }
        if (protocols.length && protocol !== XMPP_SUBPROTOCOL) {
          // RFC 7395 §3.1: without 'xmpp' in the answer the client must close
          socket.destroy();
          return fail(new WebSocketRefused(handshake, protocol ? `the server chose the subprotocol '${protocol}'` : "the server named no subprotocol, not 'xmpp'"));
        }
        if (settled) return socket.destroy();
        settled = true;
        clearTimeout(timer);
        resolve(new WebSocketTransport(socket, handshake, handlers, options, head));
      });
      request.end();
    });
  }

  get isClosed(): boolean {
    return this.closedReason !== undefined;
  }

  /** <open/> in the framing namespace (RFC 7395 §3.4); a restart is just another one (§3.7). */
  openStream(open: StreamOpen): void {
    const attrs: [string, string | undefined][] = [['xmlns', FRAMING_NS], ['to', open.to], ['from', open.from], ['version', open.version ?? '1.0'], ['xml:lang', open.lang ?? 'en']];
    this.send(`<open${attrs.filter((a): a is [string, string] => Boolean(a[1])).map(([k, v]) => ` ${k}='${escapeXML(v)}'`).join('')}/>`);
  }

  /** Sends a header of the caller's own making as one message (a wrong namespace, a bad 'to'). */
  openRawStream(header: string): void {
    this.send(header);
  }

  /** A stanza stands alone in its message, so it carries its namespace. */
  frame(stanza: Element): string {
    return qualifiedStanza(stanza);
  }

  /** One text message; the end of the stream is a <close/> (RFC 7395 §3.6). */
  send(data: string): void {
    if (this.isClosed || this.closeSent) return;
    const message = data === '</stream:stream>' ? `<close xmlns='${FRAMING_NS}'/>` : data;
    this.handlers.sent(message);
    this.socket.write(encodeFrame(OPCODE.text, Buffer.from(message, 'utf8'), { mask: true }));
  }

  /** Starts the WebSocket closing handshake and lets the server finish it, or ends it after a second. */
  close(): void {
    if (this.isClosed) return;
    this.sendClose(1000);
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  destroy(): void {
    this.socket.destroy();
    this.markClosed('closed by the tool');
  }

  private sendClose(code: number): void {
    if (this.closeSent) return;
    this.closeSent = true;
    this.socket.write(encodeFrame(OPCODE.close, closePayload(code), { mask: true }));
  }

  private receive(data: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.decoder.push(data);
    } catch (err) {
      return this.refuse({ condition: 'not-well-formed', detail: `WebSocket framing: ${(err as FramingError).message}` });
    }
    for (const frame of frames) {
      if (this.isClosed) return;
      if (frame.masked) return this.refuse({ condition: 'not-well-formed', detail: 'WebSocket framing: a masked frame from the server (RFC 6455 §5.1)' });
      if (frame.opcode === OPCODE.ping) {
        if (!this.closeSent) this.socket.write(encodeFrame(OPCODE.pong, frame.payload, { mask: true }));
      } else if (frame.opcode === OPCODE.close) {
        this.peerClose = { code: frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : undefined, reason: frame.payload.subarray(2).toString('utf8') };
        this.sendClose(1000);
        this.socket.end();
      } else if (frame.opcode === OPCODE.text || frame.opcode === OPCODE.binary || frame.opcode === OPCODE.continuation) {
        if (frame.opcode !== OPCODE.continuation) this.fragmentOpcode = frame.opcode;
        this.fragments.push(frame.payload);
        if (frame.fin) {
          const payload = Buffer.concat(this.fragments);
          this.fragments = [];
          this.message(payload, this.fragmentOpcode === OPCODE.binary);
        }
      }
    }
  }

  /** One complete message: each element in it goes up as the session expects it. */
  private message(payload: Buffer, binary: boolean): void {
    let text: string;
    try {
      text = this.text.decode(payload);
    } catch {
      return this.refuse({ condition: 'not-well-formed', detail: 'a WebSocket message that is not valid UTF-8' });
    }
    const parsed = parseMessage(text, this.options.maxElementChars);
    this.messages.push({ binary, elements: parsed.elements.map((e) => ({ name: e.el.name, ns: e.el.getNS() || undefined })), declaration: parsed.declaration, first: text.charAt(0), undeclared: parsed.undeclared });
    if (parsed.violation) return this.refuse(parsed.violation);
    for (const { el, raw } of parsed.elements) {
      if (el.name === 'open') this.handlers.header(el.name, el.attrs as Record<string, string>, raw);
      else if (el.name === 'close') this.handlers.end(raw);
      else this.handlers.element(el, raw);
    }
  }

  private refuse(violation: XmlViolation): void {
    this.handlers.violation(violation);
    this.destroy();
  }

  private markClosed(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    this.handlers.closed(reason);
  }
}

/** A message parsed as RFC 7395 §3.3.3 wants it: a standalone document of one element. */
export interface ParsedMessage {
  elements: { el: Element; raw: string }[];
  declaration: boolean;
  undeclared: string[];
  violation?: XmlViolation;
}

/**
 * Parses one message with the strict stream parser. The elements are collected under a
 * wrapper that declares nothing, so an element whose namespace the message does not declare
 * shows as such (§3.3.3: each message complete with its namespace declarations).
 */
export function parseMessage(text: string, maxElementChars: number): ParsedMessage {
  const declaration = /^\s*<\?xml\s[^?]*\?>/.exec(text);
  const body = declaration ? text.slice(declaration[0].length) : text;
  const parsed: ParsedMessage = { elements: [], declaration: Boolean(declaration), undeclared: [] };
  const parser = new StreamParser({
    header: () => undefined,
    element: (el, raw) => parsed.elements.push({ el, raw }),
    end: () => undefined,
    violation: (v) => (parsed.violation ??= v),
  }, maxElementChars);
  parser.write(`<message-frame>${body}</message-frame>`);
  for (const { el } of parsed.elements) {
    if (!el.getNS()) parsed.undeclared.push(el.name);
  }
  return parsed;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

/** What opens a WebSocket stream to `url`, for Session.connect. */
export function webSocketConnector(options: WebSocketOptions): (handlers: TransportHandlers) => Promise<Transport> {
  return (handlers) => WebSocketTransport.connect(options, handlers);
}
