import crypto from 'node:crypto';
import type net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { type Element, escapeXML, x } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import { StreamParser } from '../xml/stream-parser.js';
import { createServerMechanism, type ServerMechanism } from './sasl-server.js';

/** Departures from the RFCs in stream negotiation, for tests that must see the tool report FAIL and ERROR. */
export interface NegotiationQuirks {
  /** Leave `from` off the response header (RFC 6120 §4.7.1). */
  headerWithoutFrom?: boolean;
  /** Hand on stanzas sent before authentication instead of closing the stream (RFC 6120 §4.3.5). */
  routeBeforeAuth?: boolean;
  /** Accept any password for any user (RFC 6120 §6.4.5). */
  acceptAnyPassword?: boolean;
  /** Offer these SASL mechanisms instead of SCRAM-SHA-1 and PLAIN. */
  mechanisms?: string[];
  /** Drop the connection when the client starts SASL. */
  closeOnAuth?: boolean;
}

export interface ServerStreamOptions {
  domain: string;
  /** The password of a local account, or undefined when there is no such account. */
  password(local: string): string | undefined;
  /** Offer STARTTLS with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
  /** Insist on STARTTLS before SASL. */
  requireTls?: boolean;
  /** Offer XEP-0138 zlib compression once authenticated. */
  compression?: boolean;
  /** Whether a full JID is bound already (a bind request for it gets another resource). */
  resourceTaken(jid: string): boolean;
  quirks?: NegotiationQuirks;
  maxElementChars?: number;
}

export interface ServerStreamHandlers {
  /** Every stanza the client sends once bound (RFC 3921 session requests are answered here). */
  stanza(el: Element): void;
  bound?(jid: string): void;
  closed?(): void;
  /** The text on the wire each way (decompressed), for transcripts. */
  wire?(direction: 'sent' | 'received', text: string): void;
}

/** What the client did while negotiating its stream: evidence for client certification. */
export interface Negotiation {
  /** The attributes of every stream header the client sent, restarts included. */
  headers: Record<string, string>[];
  /** Whether the client upgraded the stream with STARTTLS. */
  tls: boolean;
  /** The SASL mechanisms the client tried, in order. */
  mechanisms: string[];
  /** The authenticated username. */
  username?: string;
  /** The compression methods the client asked for, and the one in force. */
  compressionAsked: string[];
  compression?: string;
  /** The resource the client asked to bind; null when it let the server choose. */
  resourceAsked?: string | null;
  jid?: string;
  /** Whether the client sent the RFC 3921 session request, and how many stanzas it sent after binding before that. */
  session: boolean;
  stanzasBeforeSession: number;
  /** The first stanza the client sent before binding a resource (refused with <not-authorized/>). */
  beforeBind?: string;
}

/**
 * The server side of one client's XML stream: headers and features, STARTTLS, SASL (PLAIN and
 * SCRAM-SHA-1), XEP-0138 compression, resource binding and the RFC 3921 session. What follows
 * binding goes to the owner; what the client did on the way is kept in `negotiation`.
 */
export class ServerStream {
  readonly negotiation: Negotiation = { headers: [], tls: false, mechanisms: [], compressionAsked: [], session: false, stanzasBeforeSession: 0 };
  private socket: net.Socket;
  private readonly parser: StreamParser;
  private input: (data: Buffer) => void;
  private deflate?: zlib.Deflate;
  private headerSent = false;
  private sasl?: ServerMechanism;

  constructor(
    socket: net.Socket,
    private readonly options: ServerStreamOptions,
    private readonly handlers: ServerStreamHandlers,
  ) {
    this.socket = socket;
    this.parser = new StreamParser({
      header: (_name, attrs, raw) => {
        if (raw) this.handlers.wire?.('received', raw);
        this.onHeader(attrs);
      },
      element: (el, raw) => {
        this.handlers.wire?.('received', raw);
        this.onElement(el);
      },
      end: (raw) => {
        this.handlers.wire?.('received', raw || '</stream:stream>');
        this.end();
      },
      violation: (v) => this.streamError(v.condition),
    }, options.maxElementChars ?? 1_000_000);
    this.input = (data) => this.parser.write(data);
    this.listen(socket);
    socket.once('close', () => this.handlers.closed?.());
  }

  get jid(): string | undefined {
    return this.negotiation.jid;
  }

  get isClosed(): boolean {
    return this.socket.destroyed;
  }

  send(el: Element): void {
    this.write(el.toString());
  }

  /** Sends a stream error (inside a header of our own if none was sent, RFC 6120 §4.9.1.2) and closes. */
  streamError(condition: string): void {
    this.sendHeader();
    this.write(`<stream:error><${condition} xmlns='${NS.streamErrors}'/></stream:error></stream:stream>`);
    this.parser.stop();
    this.socket.end();
  }

  /** Ends the stream politely. */
  close(): void {
    this.write('</stream:stream>');
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private listen(socket: net.Socket): void {
    socket.on('data', (data: Buffer) => this.input(data));
    socket.on('error', () => socket.destroy());
  }

  private write(text: string): void {
    if (this.socket.destroyed) return;
    this.handlers.wire?.('sent', text);
    if (this.deflate) {
      this.deflate.write(text);
      this.deflate.flush(zlib.constants.Z_SYNC_FLUSH);
    } else {
      this.socket.write(text);
    }
  }

  private sendHeader(): void {
    if (this.headerSent) return;
    this.headerSent = true;
    const from = this.options.quirks?.headerWithoutFrom ? '' : ` from='${escapeXML(this.options.domain)}'`;
    this.write(`<?xml version='1.0'?><stream:stream xmlns='${NS.client}' xmlns:stream='${NS.stream}'${from} id='${crypto.randomUUID()}' version='1.0' xml:lang='en'>`);
  }

  private end(): void {
    this.write('</stream:stream>');
    this.socket.end();
  }

  private onHeader(attrs: Record<string, string>): void {
    this.negotiation.headers.push(attrs);
    this.headerSent = false;
    if (attrs['xmlns:stream'] !== NS.stream) return this.streamError('invalid-namespace');
    if (attrs.xmlns !== NS.client) return this.streamError('invalid-namespace');
    if (attrs.to && attrs.to.toLowerCase() !== this.options.domain.toLowerCase()) return this.streamError('host-unknown');
    this.sendHeader();
    this.send(this.features());
  }

  private get authenticated(): boolean {
    return this.negotiation.username !== undefined;
  }

  private features(): Element {
    const { tls: tlsOptions, requireTls, compression } = this.options;
    if (this.authenticated) {
      const offerCompression = compression && !this.negotiation.compression;
      return x('stream:features', {},
        offerCompression ? x('compression', { xmlns: NS.compressFeature }, x('method', {}, 'zlib')) : undefined,
        x('bind', { xmlns: NS.bind }),
        x('session', { xmlns: NS.session }));
    }
    const offerTls = tlsOptions && !this.negotiation.tls;
    const mechanisms = this.options.quirks?.mechanisms ?? ['SCRAM-SHA-1', 'PLAIN'];
    const offerSasl = !requireTls || this.negotiation.tls;
    return x('stream:features', {},
      offerTls ? x('starttls', { xmlns: NS.tls }, requireTls ? x('required') : undefined) : undefined,
      offerSasl ? x('mechanisms', { xmlns: NS.sasl }, ...mechanisms.map((m) => x('mechanism', {}, m))) : undefined);
  }

  private onElement(el: Element): void {
    const ns = el.getNS();
    if (ns === NS.tls && el.getName() === 'starttls') return this.startTls();
    if (ns === NS.sasl) return this.onSasl(el);
    if (ns === NS.compress && el.getName() === 'compress') return this.compress(el);
    const stanza = ['message', 'presence', 'iq'].includes(el.name);
    if (!this.jid) {
      if (this.authenticated && el.name === 'iq' && el.getChild('bind', NS.bind)) return this.bind(el);
      if (stanza && this.options.quirks?.routeBeforeAuth) return this.handlers.stanza(el);
      if (stanza) this.negotiation.beforeBind ??= el.toString().slice(0, 300);
      return this.streamError(stanza ? 'not-authorized' : 'unsupported-stanza-type');
    }
    if (!stanza) return this.streamError('unsupported-stanza-type');
    if (el.name === 'iq' && el.getChildElements().length === 1 && el.getChildElements()[0]!.getNS() === NS.session) {
      this.negotiation.session = true;
      return this.send(x('iq', { type: 'result', id: el.attrs.id, from: this.options.domain, to: this.jid }));
    }
    if (!this.negotiation.session) this.negotiation.stanzasBeforeSession++;
    this.handlers.stanza(el);
  }

  private startTls(): void {
    const options = this.options.tls;
    if (!options || this.negotiation.tls) {
      this.write(`<failure xmlns='${NS.tls}'/></stream:stream>`);
      return void this.socket.end();
    }
    this.write(`<proceed xmlns='${NS.tls}'/>`);
    this.socket.removeAllListeners('data');
    const secure = new tls.TLSSocket(this.socket, { isServer: true, cert: options.cert, key: options.key });
    this.listen(secure);
    this.socket = secure;
    this.negotiation.tls = true;
    this.parser.reset();
  }

  private onSasl(el: Element): void {
    const fail = (condition: string): void => this.write(`<failure xmlns='${NS.sasl}'><${condition}/></failure>`);
    const payload = el.getText().trim();
    const data = payload === '=' ? Buffer.alloc(0) : Buffer.from(payload, 'base64');
    if (payload && payload !== '=' && !/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) return fail('incorrect-encoding');
    if (el.getName() === 'abort') {
      this.sasl = undefined;
      return fail('aborted');
    }
    const quirks = this.options.quirks ?? {};
    if (el.getName() === 'auth') {
      this.negotiation.mechanisms.push(el.attrs.mechanism ?? '');
      if (quirks.closeOnAuth) return this.destroy();
      const offered = quirks.mechanisms ?? ['SCRAM-SHA-1', 'PLAIN'];
      const lookup = (user: string): string | undefined => (quirks.acceptAnyPassword ? undefined : this.options.password(user));
      const mechanism = offered.includes(el.attrs.mechanism) ? createServerMechanism(el.attrs.mechanism, lookup) : undefined;
      if (!mechanism) return fail('invalid-mechanism');
      if (quirks.acceptAnyPassword) {
        const user = el.attrs.mechanism === 'PLAIN' ? data.toString().split('\0')[1] ?? '' : '';
        return this.succeed(user || 'anyone');
      }
      this.sasl = mechanism;
    } else if (el.getName() !== 'response' || !this.sasl) {
      return fail('malformed-request');
    }
    const step = this.sasl.step(data);
    if (step.kind === 'challenge') return this.write(`<challenge xmlns='${NS.sasl}'>${step.data.toString('base64')}</challenge>`);
    this.sasl = undefined;
    if (step.kind === 'failure') return fail(step.condition);
    this.succeed(step.username, step.data);
  }

  private succeed(username: string, data?: Buffer): void {
    this.write(`<success xmlns='${NS.sasl}'>${data ? data.toString('base64') : ''}</success>`);
    this.negotiation.username = username.toLowerCase();
    this.parser.reset();
  }

  /** XEP-0138 §2: after <compressed/>, both directions go through zlib and the stream restarts. */
  private compress(el: Element): void {
    const methods = el.getChildren('method').map((m) => m.getText());
    this.negotiation.compressionAsked.push(...methods);
    const failure = (condition: string): void => this.write(`<failure xmlns='${NS.compress}'><${condition}/></failure>`);
    if (!this.options.compression || !this.authenticated || this.negotiation.compression) return failure('setup-failed');
    if (methods.length !== 1 || methods[0] !== 'zlib') return failure('unsupported-method');
    this.write(`<compressed xmlns='${NS.compress}'/>`);
    const inflate = zlib.createInflate();
    inflate.on('data', (data: Buffer) => this.parser.write(data));
    inflate.on('error', () => this.streamError('not-well-formed'));
    this.input = (data) => inflate.write(data);
    const deflate = zlib.createDeflate();
    deflate.on('data', (data: Buffer) => {
      if (!this.socket.destroyed) this.socket.write(data);
    });
    this.deflate = deflate;
    this.negotiation.compression = 'zlib';
    this.parser.reset();
  }

  private bind(request: Element): void {
    const asked = request.getChild('bind', NS.bind)?.getChildText('resource') || null;
    this.negotiation.resourceAsked = asked;
    const account = `${this.negotiation.username}@${this.options.domain}`;
    const wanted = asked ?? crypto.randomBytes(4).toString('hex');
    const resource = this.options.resourceTaken(`${account}/${wanted}`) ? `${wanted}-${crypto.randomBytes(2).toString('hex')}` : wanted;
    this.negotiation.jid = `${account}/${resource}`;
    this.send(x('iq', { type: 'result', id: request.attrs.id }, x('bind', { xmlns: NS.bind }, x('jid', {}, this.negotiation.jid))));
    this.handlers.bound?.(this.negotiation.jid);
  }
}
