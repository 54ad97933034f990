import { ToolError } from './errors.js';
import type { Transcript } from '../evidence/transcript.js';
import type { Endpoint, StreamOpen, TlsInfo, TlsOverrides, TlsSettings, Transport, TransportHandlers } from '../transport/types.js';
import { Element, x } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import type { XmlViolation } from '../xml/stream-parser.js';
import { ExpectationError, Inbox } from './inbox.js';
import { iqStanza, match, type Match } from './match.js';
import { bindResource, BindFailure, establishSession } from './negotiation/binding.js';
import { compressionMethods, negotiateCompression } from './negotiation/compression.js';
import { authenticate, saslMechanisms, SaslFailure } from './negotiation/sasl.js';
import { handshakeTls, negotiateStartTls } from './negotiation/starttls.js';
import { TransportCannot } from './negotiation/stream.js';
import type { MechanismName, SaslCredentials } from './sasl/index.js';
import { residueOf } from './residue.js';
import { iq, newId, streamErrorCondition } from './stanza.js';
import { isStanza, StanzaCount } from './stanza-count.js';

export { BindFailure, ExpectationError, SaslFailure, StanzaCount };

/** What sessions cost the target, counted per run: each certify() gives its sessions its own. */
export interface SessionCounters {
  /** Successful SASL authentications. */
  logins: number;
  /** TCP connections and BOSH sessions opened. */
  connections: number;
}

/** The target as the sessions see it. */
export interface TargetAddress {
  endpoint: Endpoint;
  /** The XMPP domain served (the `to` of stream headers). */
  domain: string;
  tls: TlsSettings;
}

export interface SessionLimits {
  /** How long any single step (a reply, a handshake) may take. */
  stepMs: number;
  connectTimeoutMs: number;
  maxElementChars: number;
}

export interface SessionOptions {
  /** Names the session in transcripts: `alice#1`, `raw#2`. */
  label: string;
  target: TargetAddress;
  transcript: Transcript;
  limits: SessionLimits;
  /** Once aborted (case deadline, run interrupted), no new connection is made. */
  signal?: AbortSignal;
  /** Opens the transport: a TCP connection (tcpConnector), a BOSH session, … */
  transport: (handlers: TransportHandlers) => Promise<Transport>;
  /** Where the run counts its logins and connections. */
  counters?: SessionCounters;
}

/** An answer to an IQ request; undefined: the usual one; null: none at all (a peer that stays silent). */
type IqHandler = (request: Element, session: Session) => Element | null | undefined;

export interface TlsOptions {
  /** false: do not verify the certificate (the case judges it). */
  verify?: boolean;
  /** Narrow the handshake: one cipher suite, a version range. */
  overrides?: TlsOverrides;
}

/** What the tool's own resources say about themselves in disco#info (and hash into caps). */
export interface Persona {
  identity: { category: string; type: string; name: string };
  features: string[];
}

/** What the tool's resources answer to disco#info unless a case gives them another persona. */
export const DEFAULT_PERSONA: Persona = {
  identity: { category: 'client', type: 'bot', name: 'xmpp-certify' },
  features: [NS.discoInfo, NS.ping],
};

/**
 * One client connection to the target, with the small verb set cases are written in:
 * open / starttls / authenticate / bind to set up, send to write, expect and iq to wait for
 * what comes back. Everything on the wire goes to the case transcript. Every wait has a
 * deadline; a closed stream wakes every waiter, so nothing hangs on a dead target.
 */
export class Session {
  /** Names the session in transcripts; a session handed to a later case takes a name there. */
  label: string;
  /** The full JID once bound. */
  jid?: string;
  /** Attributes of the most recent stream header received. */
  header?: Record<string, string>;
  /** The most recent <stream:features/>. */
  features?: Element;
  /** A <stream:error/> the peer sent, if any. */
  streamError?: Element;
  /** Why the stream is over, if it is. */
  closedReason?: string;
  /** The peer closed its stream with </stream:stream>. */
  peerEnded = false;
  violation?: XmlViolation;
  tlsInfo?: TlsInfo;
  persona: Persona = DEFAULT_PERSONA;
  /** The xml:lang of every stream header this session opens (restarts included). */
  lang = 'en';

  /** Where the wire is recorded: the case's transcript; a session that outlives cases moves on. */
  transcript: Transcript;
  /** Why the server may keep state for this session's resource (see residueOf); unset while it keeps none. */
  residue?: string;
  /** How the stream travels; the session itself knows only the Transport interface. */
  transport!: Transport;
  private readonly inbox = new Inbox((text) => this.note(text));
  /** Called whenever the peer ends its stream or the connection closes. */
  private readonly endWaiters = new Set<() => void>();
  private readonly iqHandlers = new Map<string, IqHandler>();
  private readonly counts = new Set<StanzaCount>();

  private constructor(private readonly options: SessionOptions) {
    this.label = options.label;
    this.transcript = options.transcript;
  }

  /** Connects the transport. The stream is not opened yet: see open(). */
  static async connect(options: SessionOptions): Promise<Session> {
    if (options.signal?.aborted) throw new ToolError('not connecting: the case was stopped');
    const session = new Session(options);
    const handlers = session.transportHandlers();
    session.transport = await options.transport(handlers);
    // direct TLS and wss:// are secure before the stream begins
    session.tlsInfo = session.transport.tlsInfo;
    if (options.counters) options.counters.connections++;
    const address = session.transport.address;
    session.note(`connected (${session.transport.kind}) to ${address ? `${address} (domain ${options.target.domain})` : describeTarget(options.target)}`);
    return session;
  }

  get domain(): string {
    return this.options.target.domain;
  }

  get transportKind(): Transport['kind'] {
    return this.transport.kind;
  }

  get isClosed(): boolean {
    return this.closedReason !== undefined;
  }

  get streamId(): string | undefined {
    return this.header?.id;
  }

  get stepMs(): number {
    return this.options.limits.stepMs;
  }

  // ---- writing -------------------------------------------------------------------------

  send(stanza: Element): void {
    // before binding, the stream is being set up: no resource yet to leave state for
    if (this.jid) this.residue ??= residueOf(stanza);
    if (this.counts.size > 0 && isStanza(stanza)) for (const count of this.counts) count.sent++;
    this.transport.send(this.transport.frame(stanza));
  }

  /**
   * Counts, from now on, the stanzas this session sends (through send(), its answers to the
   * server's IQs included) and receives: what XEP-0198 §4 has each side count once stream
   * management is enabled.
   */
  countStanzas(): StanzaCount {
    const count = new StanzaCount();
    this.counts.add(count);
    return count;
  }

  /** Writes text as it is: half elements, bad XML, odd headers. */
  sendRaw(text: string): void {
    this.residue ??= 'it sent raw text';
    this.transport.send(text);
  }

  /** Records what the tool did or saw that is not on the wire. */
  note(text: string): void {
    this.transcript.record(this.label, 'note', text);
  }

  // ---- waiting -------------------------------------------------------------------------

  /**
   * Resolves with the first received element that matches, taking it out of the inbox;
   * elements that arrived earlier and were not taken count too. Rejects with an
   * ExpectationError after `timeoutMs` or when the stream closes first.
   */
  expect(m: Match, timeoutMs = this.stepMs): Promise<Element> {
    return this.inbox.expect(m, timeoutMs);
  }

  /** Like expect(), but resolves to undefined instead of rejecting when nothing matches in time. */
  maybe(m: Match, timeoutMs = this.stepMs): Promise<Element | undefined> {
    return this.inbox.maybe(m, timeoutMs);
  }

  /** Every element received and not yet taken that matches (they stay in the inbox). */
  received(m: Match): Element[] {
    return this.inbox.received(m);
  }

  /** The position of `el` among everything this session received (1 = first): for order checks. */
  arrival(el: Element): number {
    return this.inbox.arrival(el);
  }

  /** Forgets everything received so far, so later checks see only what comes next. */
  clearInbox(): void {
    this.inbox.clear();
  }

  /** Sends an IQ (an id is added when missing) and resolves with its result or error. */
  async iq(request: Element, timeoutMs = this.stepMs): Promise<Element> {
    if (!request.attrs.id) request.attrs.id = newId();
    const id = request.attrs.id as string;
    this.send(request);
    return this.expect(iqStanza({ id, type: ['result', 'error'] }, `a response to <iq id='${id}'>`), timeoutMs);
  }

  /**
   * Like iq(), but an error of type 'wait' is temporary by definition (RFC 6120 §8.3.2: "retry
   * after waiting"), so the request goes out again, with a new id and a growing pause, up to
   * `attempts` times in all. The last answer is returned whatever it is, for the case to judge;
   * the transcript notes each retry.
   */
  async iqRetryingWait(request: Element, attempts = 3): Promise<Element> {
    for (let attempt = 1; ; attempt++) {
      const response = await this.iq(request);
      if (attempt === attempts || response.getChild('error')?.attrs.type !== 'wait') return response;
      const pauseMs = 200 * attempt;
      this.note(`a temporary error (type='wait'): sending the request again in ${pauseMs} ms, attempt ${attempt + 1} of ${attempts} (RFC 6120 §8.3.2)`);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      request.attrs.id = newId(); // the earlier attempt went out as text: changing the id is safe
    }
  }

  /**
   * Waits until every stanza the server sent in answer to what this session sent before has
   * arrived: stanzas from one stream are handled in order (RFC 6120 §10.1), so once a ping to
   * our own server is answered, earlier replies are in. Any answer counts, even an error.
   */
  async sync(timeoutMs = this.stepMs): Promise<void> {
    await this.iq(iq('get', { to: this.domain }, x('ping', { xmlns: NS.ping })), timeoutMs);
  }

  /** Resolves when the connection is gone, or after `timeoutMs` (returns whether it closed). */
  waitClosed(timeoutMs = this.stepMs): Promise<boolean> {
    return this.waitUntil(() => this.isClosed, timeoutMs);
  }

  /** Installs an answer for IQ get/set requests whose payload is in `xmlns`. */
  handleIq(xmlns: string, handler: IqHandler): void {
    this.residue ??= 'it answers IQs its own way';
    this.iqHandlers.set(xmlns, handler);
  }

  // ---- stream set-up (RFC 6120 §4–§7) ---------------------------------------------------

  /** Opens (or restarts) the stream and waits for the header and, for version 1.0, the features. */
  async open(attrs: Partial<StreamOpen> = {}): Promise<{ header: Record<string, string>; features?: Element }> {
    if (this.jid) this.residue ??= 'it restarted its stream after binding';
    this.header = undefined;
    this.features = undefined;
    this.transport.openStream({ to: this.domain, lang: this.lang, ...attrs });
    const header = await this.expectHeader();
    if (header.version === undefined || Number.parseFloat(header.version) < 1) return { header };
    const features = await this.expect(streamFeatures());
    return { header, features };
  }

  /** Sends a header of the caller's own making (TCP only) without waiting for anything. */
  openRaw(header: string): void {
    if (!this.transport.openRawStream) throw new TransportCannot('a header of our own', this.transport);
    this.header = undefined;
    this.features = undefined;
    this.transport.openRawStream(header);
  }

  /** Waits for the next stream header. */
  async expectHeader(timeoutMs = this.stepMs): Promise<Record<string, string>> {
    const el = await this.expect(streamHeader(), timeoutMs);
    return el.attrs as Record<string, string>;
  }

  /** Waits for the next stream header and returns it as an element (name, attributes). */
  expectHeaderElement(timeoutMs = this.stepMs): Promise<Element> {
    return this.expect(streamHeader(), timeoutMs);
  }

  /** Negotiates STARTTLS (RFC 6120 §5.4) and restarts the stream. */
  async starttls(options: TlsOptions = {}): Promise<TlsInfo> {
    this.tlsInfo = await negotiateStartTls(this, this.tlsSettings(options), this.stepMs, options.overrides);
    return this.tlsInfo;
  }

  /**
   * The TLS handshake itself, after <proceed/> (RFC 6120 §5.4.3.3), without the stream restart.
   * `verify: false` leaves the certificate unjudged for cases that judge it themselves.
   */
  async handshakeTls(options: TlsOptions = {}): Promise<TlsInfo> {
    this.tlsInfo = await handshakeTls(this, this.tlsSettings(options), this.stepMs, options.overrides);
    return this.tlsInfo;
  }

  /** The compression methods offered in the current features (XEP-0138 §2). */
  get compressionMethods(): string[] {
    return compressionMethods(this.features);
  }

  /**
   * Negotiates XEP-0138 stream compression and restarts the stream over it. Resolves with the
   * server's answer: <compressed/> (and the stream is now compressed) or <failure/>.
   */
  compress(method = 'zlib'): Promise<Element> {
    return negotiateCompression(this, method);
  }

  /** The SASL mechanisms on offer in the current features. */
  get mechanisms(): string[] {
    return saslMechanisms(this.features);
  }

  /**
   * Authenticates with SASL (RFC 6120 §6) and restarts the stream. Throws SaslFailure with the
   * server's condition when it refuses, and ToolError when no usable mechanism is offered.
   */
  async authenticate(creds: SaslCredentials, mechanism?: MechanismName): Promise<{ mechanism: string; serverProof: string }> {
    // BOSH and WebSocket run over HTTP(S): PLAIN goes no barer there than the endpoint allows
    const done = await authenticate(this, creds, { mechanism, protectedChannel: this.tlsInfo !== undefined || this.transport.kind === 'bosh' || this.transport.kind === 'websocket' });
    if (this.options.counters) this.options.counters.logins++;
    return done;
  }

  /** Binds a resource (RFC 6120 §7) and returns the full JID. */
  async bind(resource?: string): Promise<string> {
    this.jid = await bindResource(this, resource);
    return this.jid;
  }

  /** Establishes the RFC 3921 §3 session when the server offers it as required. */
  establishSession(): Promise<Element | undefined> {
    return establishSession(this);
  }

  /**
   * Closes the stream politely (RFC 6120 §4.4) and waits briefly for the peer to do the same,
   * then for it to close the connection: a server may count the session as online until then
   * (XEP-0016 §2.5 conflicts), and the next case of the account must not meet it.
   */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.transport.send('</stream:stream>');
    await this.waitUntil(() => this.peerEnded || this.isClosed, 1000);
    if (this.peerEnded) await this.waitUntil(() => this.isClosed, 100);
    this.transport.close();
  }

  /**
   * The stream now carries the session that `jid` bound over an earlier connection (XEP-0198 §5
   * resumption): from here on this session is that resource, without binding one of its own.
   */
  resumedAs(jid: string): void {
    this.jid = jid;
    this.residue ??= 'it resumed the session of an earlier stream';
    this.note(`this stream now carries the session of ${jid}`);
  }

  /** Drops the connection without closing the stream, as a crashed client would. */
  destroy(reason = 'destroyed by the tool'): void {
    if (!this.isClosed) this.note(reason);
    this.transport.destroy();
  }

  /**
   * The transport, for a case that works it directly (which may leave it in any state): of the
   * class the case names (`s.transportAs(BoshTransport)`), or a tool error.
   */
  transportAs<T extends Transport>(type: { prototype: T; name: string }): T {
    const transport: Transport = this.transport;
    if (!Object.prototype.isPrototypeOf.call(type.prototype, transport)) throw new ToolError(`this step needs a ${type.name}, not a ${transport.kind} stream`);
    this.residue ??= 'a case worked its transport directly';
    return transport as T;
  }

  /**
   * Hands this session, logged in and quiet, to a later case: its wire goes to that case's
   * transcript under that case's name for it, and it answers as the tool's default persona.
   */
  adopt(transcript: Transcript, label: string): void {
    this.transcript = transcript;
    this.label = label;
    this.persona = DEFAULT_PERSONA;
  }

  // ---- internals ------------------------------------------------------------------------

  private tlsSettings(options: TlsOptions): TlsSettings {
    return options.verify === false ? { ...this.options.target.tls, insecure: true } : this.options.target.tls;
  }

  /** Resolves with true once `condition` holds after an end or close event, false after `timeoutMs`. */
  private waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.endWaiters.delete(check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.endWaiters.delete(check);
        resolve(false);
      }, timeoutMs);
      this.endWaiters.add(check);
    });
  }

  private transportHandlers(): TransportHandlers {
    const transcript = { record: (...args: Parameters<Transcript['record']>) => this.transcript.record(...args) };
    return {
      header: (name, attrs, raw) => {
        if (raw) transcript.record(this.label, 'received', raw);
        this.header = attrs;
        const header = new Element(name, attrs);
        HEADERS.add(header);
        this.deliver(header);
      },
      element: (el, raw) => {
        transcript.record(this.label, 'received', raw);
        if (el.getName() === 'features' && el.getNS() === NS.stream) this.features = el;
        if (el.getName() === 'error' && el.getNS() === NS.stream) this.streamError = el;
        if (this.counts.size > 0 && isStanza(el)) for (const count of this.counts) count.received++;
        this.deliver(el);
      },
      end: (raw) => {
        transcript.record(this.label, 'received', raw || '</stream:stream>');
        this.peerEnded = true;
        this.wakeAll();
      },
      violation: (v) => {
        this.violation = v;
        this.note(`the peer's XML was refused: ${v.condition} (${v.detail})`);
        this.transport.destroy();
      },
      sent: (raw) => transcript.record(this.label, 'sent', raw),
      closed: (reason) => {
        this.closedReason = this.violation ? `${this.violation.condition}: ${this.violation.detail}` : reason;
        this.note(`connection closed: ${this.closedReason}`);
        this.wakeAll();
      },
    };
  }

  private deliver(el: Element): void {
    this.answerIq(el);
    this.inbox.deliver(el);
  }

  /** Answers IQ requests addressed to this session, as a well-behaved client must (RFC 6120 §8.2.3). */
  private answerIq(el: Element): void {
    if (el.name !== 'iq' || (el.attrs.type !== 'get' && el.attrs.type !== 'set')) return;
    const payload = el.getChildElements()[0];
    const xmlns = payload?.getNS();
    const custom = xmlns ? this.iqHandlers.get(xmlns) : undefined;
    let answer = custom?.(el, this);
    if (answer === null) return;
    if (!answer) {
      if (xmlns === NS.roster || xmlns === NS.privacy || xmlns === NS.blocking) {
        // pushes (RFC 6121 §2.1.6, XEP-0016 §2.6, XEP-0191 §3.3) are acknowledged
        answer = iq('result', { to: el.attrs.from, id: el.attrs.id });
      } else if (xmlns === NS.ping && el.attrs.type === 'get') {
        answer = iq('result', { to: el.attrs.from, id: el.attrs.id });
      } else if (xmlns === NS.discoInfo && el.attrs.type === 'get') {
        answer = iq('result', { to: el.attrs.from, id: el.attrs.id }, discoInfoOf(this.persona, payload!.attrs.node));
      } else {
        answer = iq('error', { to: el.attrs.from, id: el.attrs.id },
          x('error', { type: 'cancel' }, x('service-unavailable', { xmlns: NS.stanzaErrors })));
      }
    }
    if (!this.isClosed) this.send(answer);
  }

  /** Ends every wait in progress: the peer ended its stream; once closed, later waits fail at once. */
  private wakeAll(): void {
    this.inbox.interrupt((m) => this.closedExpectation(m), this.isClosed);
    for (const check of [...this.endWaiters]) check();
  }

  private closedExpectation(m: Match): ExpectationError {
    const error = this.streamError ? ` with stream error <${streamErrorCondition(this.streamError) ?? '?'}/>` : '';
    const why = this.closedReason ?? (this.peerEnded ? 'the peer closed its stream' : 'closed');
    return new ExpectationError(m.describe, `the stream ended first${error} (${why})`, 'closed');
  }
}

/**
 * Received stream headers sit in the inbox as elements (name and attributes of the opening tag,
 * no children); this set tells them apart from first-level elements.
 */
const HEADERS = new WeakSet<Element>();

export function streamHeader(): Match {
  return match('a stream header <stream:stream>', (el) => HEADERS.has(el));
}

/** Whether a received element is a stream header (see streamHeader()). */
export function isStreamHeader(el: Element): boolean {
  return HEADERS.has(el);
}

export function streamFeatures(): Match {
  return match('<stream:features/>', (el) => el.getName() === 'features' && el.getNS() === NS.stream);
}

function discoInfoOf(persona: Persona, node: string | undefined): Element {
  return x('query', { xmlns: NS.discoInfo, node },
    x('identity', persona.identity),
    ...persona.features.map((v) => x('feature', { var: v })));
}

function describeTarget(t: TargetAddress): string {
  return `${t.endpoint.host}:${t.endpoint.port} (domain ${t.domain})`;
}
