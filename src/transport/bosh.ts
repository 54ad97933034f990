import http from 'node:http';
import https from 'node:https';
import { ToolError } from '../session/errors.js';
import { Element, escapeXML } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import { StreamParser, type XmlViolation } from '../xml/stream-parser.js';
import { secureContextFor, type TlsSettings } from './tcp.js';
import type { StreamOpen, Transport, TransportHandlers } from './types.js';

/** A kept-alive connection was already closed by the manager when reused. */
class StaleConnection extends Error {}

/** The connection manager did not answer a request in time: a finding when the case is about that. */
export class HttpTimeout extends ToolError {}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * POSTs to a BOSH connection manager (XEP-0124 §5) over HTTP or HTTPS, with the run's TLS
 * settings and a deadline on every request. Used by the BOSH transport and by the XEP-0124
 * cases that look at HTTP itself.
 */
export class BoshHttp {
  private readonly agent: http.Agent;
  private readonly url: URL;
  /** Settles when the latest request has been written out. */
  private written: Promise<void> = Promise.resolve();

  constructor(url: string, tlsSettings: TlsSettings) {
    this.url = new URL(url);
    const secure = this.url.protocol === 'https:';
    this.agent = secure
      ? new https.Agent({ keepAlive: true, maxSockets: 4, secureContext: secureContextFor(tlsSettings), rejectUnauthorized: !tlsSettings.insecure })
      : new http.Agent({ keepAlive: true, maxSockets: 4 });
  }

  /**
   * POSTs one <body/>. A keep-alive connection the manager closed just as the request went
   * out fails with ECONNRESET before anything was answered; the request is sent once more on
   * a new connection (repeating a rid is safe: the manager answers it again, XEP-0124 §14.3).
   */
  async post(body: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> {
    try {
      return await this.once(body, timeoutMs, signal);
    } catch (err) {
      if (!(err instanceof StaleConnection)) throw err;
      return this.once(body, timeoutMs, signal);
    }
  }

  private async once(body: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> {
    // requests go on the wire in the order they were made: on two connections, one that must
    // first connect would let a later request overtake it, and managers that see rids out of
    // order may hold both (ejabberd 23.01 does). The next request waits until this one is
    // written, not until it is answered.
    const previous = this.written;
    let written!: () => void;
    this.written = new Promise((r) => (written = r));
    await previous;
    return this.send(body, timeoutMs, signal, written);
  }

  private send(body: string, timeoutMs: number, signal: AbortSignal | undefined, written: () => void): Promise<HttpAnswer> {
    const lib = this.url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = lib.request(this.url, {
        method: 'POST',
        agent: this.agent,
        headers: { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body) },
        timeout: timeoutMs,
        signal,
      }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      request.on('finish', written);
      request.on('close', written);
      request.on('timeout', () => request.destroy(new HttpTimeout(`no HTTP response from ${this.url.href} within ${timeoutMs} ms`)));
      request.on('error', (err: NodeJS.ErrnoException) => {
        if (err instanceof ToolError) return reject(err);
        if (request.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) return reject(new StaleConnection(err.code));
        reject(new ToolError(`BOSH request to ${this.url.href} failed: ${err.code ?? err.message}`));
      });
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A response <body/>: its attributes, its children (with their raw text), or why it was refused. */
export interface ParsedBody {
  attrs: Record<string, string>;
  rawHeader: string;
  children: { el: Element; raw: string }[];
  violation?: XmlViolation;
}

/** Parses one BOSH <body/> with the same strict parser as XMPP streams. */
export function parseBody(text: string, maxElementChars: number): ParsedBody {
  const parsed: ParsedBody = { attrs: {}, rawHeader: '', children: [] };
  const parser = new StreamParser({
    header: (_name, attrs, raw) => {
      parsed.attrs = attrs;
      parsed.rawHeader = raw;
    },
    element: (el, raw) => parsed.children.push({ el, raw }),
    end: () => undefined,
    violation: (v) => (parsed.violation = v),
  }, maxElementChars);
  parser.write(text);
  return parsed;
}

export interface BoshOptions {
  url: string;
  tls: TlsSettings;
  /** Longest a request may be held by the connection manager (the `wait` attribute). */
  waitSeconds: number;
  stepMs: number;
  maxElementChars: number;
}

/**
 * A stanza as a <body/> carries it: qualified by 'jabber:client' (XEP-0206 §2 wants that).
 * Unqualified, the stanza and its children would be in the wrapper's default namespace,
 * httpbind, and a manager that keeps namespaces (Prosody does) passes <body/>, <show/> or
 * <priority/> on in that namespace.
 */
export function qualifiedStanza(stanza: Element): string {
  if (stanza.attrs.xmlns !== undefined || !['message', 'presence', 'iq'].includes(stanza.name)) return stanza.toString();
  const copy = new Element(stanza.name, { ...stanza.attrs, xmlns: NS.client });
  copy.children = stanza.children;
  return copy.toString();
}

/** A <body/> wrapper with these attributes around `content` (XEP-0124 §4). */
export function bodyTag(attrs: Record<string, string | number | undefined>, content = ''): string {
  const rendered = Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}='${escapeXML(String(v))}'`)
    .join('');
  return `<body${rendered} xmlns='${NS.httpbind}' xmlns:xmpp='${NS.xbosh}'${content ? `>${content}</body>` : '/>'}`;
}

/**
 * An XMPP stream over BOSH (XEP-0124 with XEP-0206): session creation stands for the stream
 * header, `xmpp:restart` for a stream restart, and stanzas ride in <body/> wrappers. One
 * request is kept waiting at the connection manager so the server can push; stanzas to send
 * go out at once while fewer than `requests` are outstanding.
 */
/** The least time between two requests of one session (see flush()). */
const REQUEST_SPACING_MS = 15;

export class BoshTransport implements Transport {
  readonly kind = 'bosh';
  readonly address: string;
  /** The HTTP client of the session, for cases that write <body/> wrappers themselves. */
  readonly http: BoshHttp;
  private rid = Math.floor(Math.random() * 2 ** 40) + 1;
  private sid?: string;
  private domain = '';
  private maxRequests = 2;
  private outstanding = 0;
  private readonly queue: string[] = [];
  private closedReason?: string;
  private readonly controller = new AbortController();
  private flushTimer?: NodeJS.Timeout;
  private lastSentAt = 0;
  /** Answers that came before those of earlier rids, waiting their turn. */
  private readonly pending = new Map<number, () => void>();
  private nextToDeliver?: number;
  /** Rids a caller took for requests of its own: never answered here. */
  private readonly external = new Set<number>();
  /** Called when a request goes out: see holding(). */
  private readonly requestWaiters = new Set<() => void>();

  constructor(
    private readonly options: BoshOptions,
    private readonly handlers: TransportHandlers,
  ) {
    this.http = new BoshHttp(options.url, options.tls);
    this.address = options.url;
  }

  get isClosed(): boolean {
    return this.closedReason !== undefined;
  }

  /** The session id the connection manager gave (XEP-0124 §7.2). */
  get sessionId(): string | undefined {
    return this.sid;
  }

  /**
   * Resolves once a request of the session is waiting at the manager, or after `timeoutMs`:
   * between an answer and the next request the manager has nothing to answer on, and what it
   * must push meanwhile (a stream error) may be lost with a session it ends.
   */
  holding(timeoutMs: number): Promise<void> {
    if (this.outstanding > 0 || this.isClosed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.requestWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.requestWaiters.add(wake);
    });
  }

  /** Takes the next request id, for a request the caller sends itself (and reads the answer of). */
  takeRid(): number {
    this.external.add(this.rid);
    return this.rid++;
  }

  /** The first call creates the BOSH session; later calls restart the stream (XEP-0206 §5). */
  openStream(open: StreamOpen): void {
    this.domain = open.to;
    if (this.sid === undefined) {
      this.request(bodyTag({
        content: 'text/xml; charset=utf-8', hold: 1, rid: this.rid++, to: open.to, ver: '1.6',
        wait: this.options.waitSeconds, 'xml:lang': open.lang ?? 'en', 'xmpp:version': open.version ?? '1.0',
      }), true);
      return;
    }
    this.request(bodyTag({ rid: this.rid++, sid: this.sid, to: open.to, 'xml:lang': open.lang ?? 'en', 'xmpp:restart': 'true' }), false);
    // BOSH has no second header: the restart itself opens the new stream, and its features may
    // come back on any pending request (XEP-0206 §5)
    this.handlers.header('stream:stream', this.headerAttrs(), '');
  }

  private headerAttrs(attrs: Record<string, string> = {}): Record<string, string> {
    return {
      from: attrs.from ?? this.domain,
      id: attrs.authid ?? this.sid ?? '',
      version: attrs['xmpp:version'] ?? '1.0',
      'xmlns:stream': NS.stream,
      xmlns: NS.client,
    };
  }

  frame(stanza: Element): string {
    return qualifiedStanza(stanza);
  }

  send(data: string): void {
    if (this.isClosed) return;
    if (data === '</stream:stream>') return this.terminate();
    this.queue.push(data);
    this.flush();
  }

  close(): void {
    this.terminate();
  }

  destroy(): void {
    this.markClosed('closed by the tool');
  }

  /**
   * Sends what is queued if the manager allows another request (XEP-0124 §11). Requests are
   * spaced a few milliseconds apart: two sent at once travel on two connections and may reach
   * the manager out of rid order, which some managers handle badly (ejabberd 23.01 then holds
   * one and loses the other's stanzas); stanzas queued meanwhile ride in the next request.
   * An empty poll waits the same way, so stanzas sent right after a response ride in it.
   */
  private flush(): void {
    if (this.sid === undefined || this.isClosed || this.flushTimer) return;
    if (this.outstanding >= this.maxRequests) return;
    if (this.queue.length === 0 && this.outstanding > 0) return;
    const wait = this.lastSentAt + REQUEST_SPACING_MS - performance.now();
    if (wait > 0 || this.queue.length === 0) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        this.sendQueued();
      }, Math.max(wait, 1));
      return;
    }
    this.sendQueued();
  }

  private sendQueued(): void {
    if (this.sid === undefined || this.isClosed) return;
    if (this.outstanding >= this.maxRequests || (this.queue.length === 0 && this.outstanding > 0)) return;
    this.request(bodyTag({ rid: this.rid++, sid: this.sid }, this.queue.splice(0).join('')), false);
  }

  private terminate(): void {
    if (this.isClosed || this.sid === undefined) {
      this.markClosed('closed by the tool');
      return;
    }
    const body = bodyTag({ rid: this.rid++, sid: this.sid, type: 'terminate' }, this.queue.splice(0).join(''));
    this.handlers.sent(body);
    // the answer goes to the transcript like any other: it tells whether the manager ended the session
    this.http.post(body, this.options.stepMs).then(
      (answer) => this.onAnswer(answer, false),
      (err: Error) => this.markClosed(`the terminate request failed: ${err.message}`),
    ).finally(() => this.markClosed('BOSH session terminated by the tool'));
  }

  /**
   * Sends one request. Its answer is handed up only after the answers to every earlier rid
   * (XEP-0124 §8): answers travel on different connections and may arrive in any order, and
   * stanzas must reach the session in the order the server sent them.
   */
  private request(body: string, isStreamStart: boolean): void {
    const rid = Number(/\brid='(\d+)'/.exec(body)?.[1]);
    this.outstanding++;
    for (const wake of [...this.requestWaiters]) wake();
    this.lastSentAt = performance.now();
    this.handlers.sent(body);
    const timeout = this.options.waitSeconds * 1000 + this.options.stepMs;
    this.http.post(body, timeout, this.controller.signal).then(
      (answer) => this.answered(rid, () => this.onAnswer(answer, isStreamStart)),
      (err: Error) => this.answered(rid, () => this.markClosed(this.isClosed ? this.closedReason! : err.message)),
    ).finally(() => {
      this.outstanding--;
      // keep one request waiting at the manager so the server can always push
      if (!this.isClosed && this.sid !== undefined) this.flush();
    });
  }

  private answered(rid: number, deliver: () => void): void {
    this.pending.set(rid, deliver);
    this.nextToDeliver ??= rid;
    for (;;) {
      while (this.external.delete(this.nextToDeliver)) this.nextToDeliver++;
      const next = this.pending.get(this.nextToDeliver);
      if (!next) return;
      this.pending.delete(this.nextToDeliver++);
      next();
    }
  }

  private onAnswer(answer: HttpAnswer, isStreamStart: boolean): void {
    if (this.isClosed) return;
    if (answer.status !== 200) {
      this.markClosed(`the connection manager answered HTTP ${answer.status}`);
      return;
    }
    const body = parseBody(answer.body, this.options.maxElementChars);
    if (body.violation) {
      this.handlers.violation(body.violation);
      return;
    }
    if (isStreamStart) {
      if (body.attrs.sid) this.sid = body.attrs.sid;
      const requests = Number(body.attrs.requests);
      if (Number.isInteger(requests) && requests > 0) this.maxRequests = requests;
      // the session creation response stands for the stream header (XEP-0206 §3)
      this.handlers.header('stream:stream', this.headerAttrs(body.attrs), body.rawHeader);
    }
    for (const { el, raw } of body.children) this.handlers.element(el, raw);
    if (body.attrs.type === 'terminate') {
      const condition = body.attrs.condition ?? 'terminated';
      this.handlers.end(`<body type='terminate' condition='${condition}'/>`);
      this.markClosed(`the connection manager ended the session (condition ${condition})`);
    }
  }

  private markClosed(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    clearTimeout(this.flushTimer);
    this.controller.abort();
    this.http.close();
    this.handlers.closed(reason);
  }
}
