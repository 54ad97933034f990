import net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { ConnectFailed, TargetSilent, TlsHandshakeFailed } from '../session/errors.js';
import { escapeXML, type Element } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import { StreamParser } from '../xml/stream-parser.js';
import type { Endpoint, StreamOpen, TlsInfo, TlsOverrides, TlsSettings, Transport, TransportHandlers } from './types.js';

export type { Endpoint, TlsInfo, TlsOverrides, TlsSettings };

/** The CAs to trust: the system's, plus those given with --ca. */
export function trustedCas(settings: TlsSettings): string[] | undefined {
  return settings.ca && settings.ca.length > 0 ? [...tls.rootCertificates, ...settings.ca] : undefined;
}

const contexts = new WeakMap<TlsSettings, tls.SecureContext>();

/**
 * One TLS context per run's settings: building one parses every trusted certificate, which
 * costs more than the handshake itself when a run opens thousands of connections.
 */
export function secureContextFor(settings: TlsSettings): tls.SecureContext {
  let context = contexts.get(settings);
  if (!context) {
    context = tls.createSecureContext({ ca: trustedCas(settings) });
    contexts.set(settings, context);
  }
  return context;
}

export interface TcpOptions {
  maxElementChars: number;
  connectTimeoutMs: number;
}

/** The TLS options of a handshake as the client: SNI, trust, and what a case narrows. */
function clientTlsOptions(servername: string, settings: TlsSettings, overrides: TlsOverrides): tls.ConnectionOptions {
  const narrowed = Object.keys(overrides).length > 0;
  return {
    servername: net.isIP(servername) ? undefined : servername,
    // a case that narrows the handshake needs a context of its own; everyone else shares one
    secureContext: narrowed ? undefined : secureContextFor(settings),
    ca: narrowed ? trustedCas(settings) : undefined,
    rejectUnauthorized: !settings.insecure,
    ...overrides,
  };
}

/** What a completed handshake showed. */
export function tlsInfoOf(secure: tls.TLSSocket): TlsInfo {
  const cipher = secure.getCipher();
  const cert = secure.getPeerCertificate();
  return {
    protocol: secure.getProtocol() ?? 'unknown',
    cipher: cipher?.name ?? 'unknown',
    authorized: secure.authorized,
    authorizationError: secure.authorizationError ? String(secure.authorizationError) : undefined,
    subjectAltName: cert?.subjectaltname,
    alpn: typeof secure.alpnProtocol === 'string' ? secure.alpnProtocol : undefined,
  };
}

/** The ALPN protocol of XMPP client-to-server streams over direct TLS (XEP-0368 §3). */
export const XMPP_CLIENT_ALPN = 'xmpp-client';

/**
 * A client-to-server XMPP stream over TCP (RFC 6120 §4), with the STARTTLS upgrade (§5) and
 * XEP-0138 zlib compression as layers the session can switch on mid-stream; or over TLS from
 * the first byte (XEP-0368 direct TLS, kind 'directtls').
 */
export class TcpTransport implements Transport {
  readonly kind: 'tcp' | 'directtls';
  readonly tlsInfo?: TlsInfo;
  readonly address?: string;
  private socket: net.Socket | tls.TLSSocket;
  private readonly parser: StreamParser;
  private deflate?: zlib.Deflate;
  private closedReason?: string;
  private closing = false;

  private constructor(
    socket: net.Socket,
    private readonly handlers: TransportHandlers,
    options: TcpOptions,
    direct?: { tls: TlsInfo; endpoint: Endpoint },
  ) {
    this.socket = socket;
    this.kind = direct ? 'directtls' : 'tcp';
    this.tlsInfo = direct?.tls;
    this.address = direct && `${direct.endpoint.host}:${direct.endpoint.port}`;
    this.parser = new StreamParser(
      {
        header: (name, attrs, raw) => handlers.header(name, attrs, raw),
        element: (el, raw) => handlers.element(el, raw),
        end: (raw) => handlers.end(raw),
        violation: (v) => handlers.violation(v),
      },
      options.maxElementChars,
    );
    this.attach(socket, (data) => this.parser.write(data));
  }

  /** Connects, failing with a ToolError (not a hang) when the target is unreachable. */
  static connect(endpoint: Endpoint, handlers: TransportHandlers, options: TcpOptions): Promise<TcpTransport> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: endpoint.host, port: endpoint.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new TargetSilent(`connection to ${endpoint.host}:${endpoint.port} timed out after ${options.connectTimeoutMs} ms`));
      }, options.connectTimeoutMs);
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new ConnectFailed(`cannot connect to ${endpoint.host}:${endpoint.port}: ${err.code ?? err.message}`));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new TcpTransport(socket, handlers, options));
      });
    });
  }

  /**
   * Connects with TLS from the first byte (XEP-0368): SNI `servername`, ALPN xmpp-client, the
   * certificate verified as for STARTTLS. A refused connection is a ToolError, a failed
   * handshake TlsHandshakeFailed, no answer in time TargetSilent.
   */
  static connectDirectTls(endpoint: Endpoint, servername: string, settings: TlsSettings, handlers: TransportHandlers, options: TcpOptions): Promise<TcpTransport> {
    return new Promise((resolve, reject) => {
      const secure = tls.connect({ host: endpoint.host, port: endpoint.port, ALPNProtocols: [XMPP_CLIENT_ALPN], ...clientTlsOptions(servername, settings, {}) });
      secure.setNoDelay(true);
      let connected = false;
      let settled = false;
      secure.once('connect', () => (connected = true));
      const timer = setTimeout(() => {
        settled = true;
        secure.destroy();
        reject(new TargetSilent(`direct TLS to ${endpoint.host}:${endpoint.port} did not complete within ${options.connectTimeoutMs} ms`));
      }, options.connectTimeoutMs);
      // `on`: a refused certificate is followed by the peer's alert, a second 'error'
      secure.on('error', (err: NodeJS.ErrnoException) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(connected ? new TlsHandshakeFailed(err.message, err.code) : new ConnectFailed(`cannot connect to ${endpoint.host}:${endpoint.port}: ${err.code ?? err.message}`));
      });
      secure.once('secureConnect', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        secure.removeAllListeners('error');
        resolve(new TcpTransport(secure, handlers, options, { tls: tlsInfoOf(secure), endpoint }));
      });
    });
  }

  get isClosed(): boolean {
    return this.closedReason !== undefined;
  }

  openStream(open: StreamOpen): void {
    this.parser.reset();
    this.send(openingTag(open));
  }

  /** Writes a header of the caller's own making (for tests of bad headers). */
  openRawStream(header: string): void {
    this.parser.reset();
    this.send(header);
  }

  frame(stanza: Element): string {
    return stanza.toString();
  }

  send(data: string): void {
    if (this.isClosed) return;
    this.handlers.sent(data);
    if (this.deflate) {
      this.deflate.write(data);
      this.deflate.flush(zlib.constants.Z_SYNC_FLUSH);
    } else {
      this.socket.write(data);
    }
  }

  /** Writes bytes that are not text (a corrupt zlib block, invalid UTF-8), bypassing compression. */
  sendBytes(bytes: Buffer, description: string): void {
    if (this.isClosed) return;
    this.handlers.sent(description);
    this.socket.write(bytes);
  }

  /**
   * Upgrades the connection after <proceed/> (RFC 6120 §5.4.3.3). Resolves with what the
   * handshake showed; rejects with a ToolError when it fails or the certificate does not verify.
   * `overrides` narrow the handshake for one case (a single cipher suite, a version range).
   */
  startTls(servername: string, settings: TlsSettings, timeoutMs: number, overrides: TlsOverrides = {}): Promise<TlsInfo> {
    const plain = this.socket as net.Socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    return new Promise((resolve, reject) => {
      const secure = tls.connect({ socket: plain, ...clientTlsOptions(servername, settings, overrides) });
      // `on`, not `once`: a refused certificate is followed by the peer's alert, a second
      // 'error' that would otherwise be unhandled and end the process
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        secure.destroy();
        reject(new TargetSilent(`TLS handshake did not complete within ${timeoutMs} ms`));
      }, timeoutMs);
      secure.on('error', (err: NodeJS.ErrnoException) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.markClosed(`TLS handshake failed: ${err.message}`);
        reject(new TlsHandshakeFailed(err.message, err.code));
      });
      secure.once('secureConnect', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        secure.removeAllListeners('error');
        this.socket = secure;
        this.attach(secure, (data) => this.parser.write(data));
        resolve(tlsInfoOf(secure));
      });
    });
  }

  /** Switches both directions to zlib after <compressed/> (XEP-0138 §2). */
  startCompression(): void {
    const inflate = zlib.createInflate();
    inflate.on('data', (data: Buffer) => this.parser.write(data));
    inflate.on('error', (err) => this.handlers.violation({ condition: 'not-well-formed', detail: `zlib: ${err.message}` }));
    this.socket.removeAllListeners('data');
    this.socket.on('data', (data: Buffer) => inflate.write(data));
    const deflate = zlib.createDeflate();
    deflate.on('data', (data: Buffer) => {
      if (!this.isClosed) this.socket.write(data);
    });
    this.deflate = deflate;
  }

  close(): void {
    if (this.isClosed) return;
    this.closing = true;
    this.socket.end();
    // a peer that never closes its side must not keep us waiting
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  destroy(): void {
    this.socket.destroy();
    this.markClosed('closed by the tool');
  }

  private attach(socket: net.Socket, onData: (data: Buffer) => void): void {
    socket.on('data', onData);
    socket.on('error', (err: NodeJS.ErrnoException) => this.markClosed(`connection error: ${err.code ?? err.message}`));
    socket.on('close', () => this.markClosed(this.closing ? 'closed by the tool' : 'connection closed by the peer'));
  }

  private markClosed(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    this.handlers.closed(reason);
  }
}

/** What opens a TCP stream to `endpoint`, for Session.connect. */
export function tcpConnector(endpoint: Endpoint, options: TcpOptions): (handlers: TransportHandlers) => Promise<Transport> {
  return (handlers) => TcpTransport.connect(endpoint, handlers, options);
}

/** What opens a direct TLS stream to `endpoint` for `domain` (XEP-0368), for Session.connect. */
export function directTlsConnector(endpoint: Endpoint, domain: string, settings: TlsSettings, options: TcpOptions): (handlers: TransportHandlers) => Promise<Transport> {
  return (handlers) => TcpTransport.connectDirectTls(endpoint, domain, settings, handlers, options);
}

/** The XML declaration and opening tag a client sends (RFC 6120 §4.7). */
export function openingTag(open: StreamOpen): string {
  const attrs: [string, string | undefined][] = [
    ['to', open.to],
    ['from', open.from],
    ['version', open.version ?? '1.0'],
    ['xml:lang', open.lang ?? 'en'],
    ['xmlns', NS.client],
    ['xmlns:stream', NS.stream],
  ];
  const rendered = attrs
    .filter((a): a is [string, string] => a[1] !== undefined && a[1] !== '')
    .map(([k, v]) => ` ${k}='${escapeXML(v)}'`)
    .join('');
  return `<?xml version='1.0'?><stream:stream${rendered}>`;
}
