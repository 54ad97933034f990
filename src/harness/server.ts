import crypto from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { bare, resourceOf, stanzaError } from '../session/stanza.js';
import { Element, escapeXML, x } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import { StreamParser } from '../xml/stream-parser.js';
import { createServerMechanism, type ServerMechanism } from './sasl-server.js';

/**
 * Deliberate departures from the RFCs, for tests that must see the tool report FAIL and ERROR
 * and not only PASS. Each one breaks one named requirement.
 */
export interface ServerQuirks {
  /** Leave `from` off the response header (RFC 6120 §4.7.1). */
  headerWithoutFrom?: boolean;
  /** Route stanzas sent before authentication instead of closing the stream (RFC 6120 §4.3.5). */
  routeBeforeAuth?: boolean;
  /** Never answer IQs addressed to the server, but for binding and session (RFC 6120 §8.2.3). The IQ quirks below spare them too. */
  ignoreServerIqs?: boolean;
  /** Answer IQs addressed to the server with another id (RFC 6120 §8.1.3). */
  wrongIqIds?: boolean;
  /** Accept any password for any user (RFC 6120 §6.4.5). */
  acceptAnyPassword?: boolean;
  /** Offer these SASL mechanisms instead of SCRAM-SHA-1 and PLAIN. */
  mechanisms?: string[];
  /** Answer IQs addressed to the server with this type instead of result/error (RFC 6120 §8.2.3). */
  iqReplyType?: string;
  /** Drop the connection when the client starts SASL. */
  closeOnAuth?: boolean;
  /** After binding, send unsolicited messages without pause. */
  floodAfterBind?: boolean;
  /** Answer the first IQ to the server after binding with a stream error. */
  streamErrorOnIq?: string;
  /** Drop every connection this long after it was accepted. */
  dropAfterMs?: number;
}

export interface HarnessOptions {
  domain: string;
  /** localpart → password */
  accounts: Record<string, string>;
  /** Offer STARTTLS with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
  /** Insist on STARTTLS before SASL (c2s_require_encryption). */
  requireTls?: boolean;
  quirks?: ServerQuirks;
  host?: string;
  port?: number;
}

interface RosterItem {
  jid: string;
  name?: string;
  subscription: 'none' | 'to' | 'from' | 'both';
  groups: string[];
}

/**
 * A small in-process XMPP server: enough of RFC 6120/6121 (STARTTLS, SASL PLAIN and
 * SCRAM-SHA-1, bind, session, roster, presence and message routing, disco, ping, version) to
 * host the tool's sessions in tests, and, with quirks, to misbehave on purpose.
 */
export class HarnessServer {
  readonly connections = new Set<ServerConnection>();
  readonly rosters = new Map<string, Map<string, RosterItem>>();
  private readonly listener: net.Server;

  private constructor(readonly options: HarnessOptions) {
    this.listener = net.createServer((socket) => {
      const connection = new ServerConnection(this, socket);
      this.connections.add(connection);
      socket.on('close', () => this.connections.delete(connection));
    });
  }

  static async start(options: HarnessOptions): Promise<HarnessServer> {
    const server = new HarnessServer(options);
    await new Promise<void>((resolve, reject) => {
      server.listener.once('error', reject);
      server.listener.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return server;
  }

  get port(): number {
    return (this.listener.address() as net.AddressInfo).port;
  }

  get domain(): string {
    return this.options.domain;
  }

  get quirks(): ServerQuirks {
    return this.options.quirks ?? {};
  }

  password(local: string): string | undefined {
    return Object.hasOwn(this.options.accounts, local) ? this.options.accounts[local] : undefined;
  }

  /** Bound sessions of an account, or the one with this full JID. */
  sessionsOf(jid: string): ServerConnection[] {
    const resource = resourceOf(jid);
    return [...this.connections].filter((c) => c.jid && bare(c.jid).toLowerCase() === bare(jid).toLowerCase() && (resource === undefined || resourceOf(c.jid) === resource));
  }

  roster(account: string): Map<string, RosterItem> {
    const key = account.toLowerCase();
    let roster = this.rosters.get(key);
    if (!roster) {
      roster = new Map();
      this.rosters.set(key, roster);
    }
    return roster;
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.destroy();
    await new Promise<void>((resolve) => this.listener.close(() => resolve()));
  }
}

class ServerConnection {
  jid?: string;
  available = false;
  priority = 0;
  interested = false;
  private socket: net.Socket;
  private readonly parser: StreamParser;
  private headerSent = false;
  private secured = false;
  private authenticated?: string;
  private sasl?: ServerMechanism;

  constructor(
    private readonly server: HarnessServer,
    socket: net.Socket,
  ) {
    this.socket = socket;
    this.parser = new StreamParser({
      header: (_name, attrs) => this.onHeader(attrs),
      element: (el) => this.onElement(el),
      end: () => this.end(),
      violation: (v) => this.streamError(v.condition),
    }, 1_000_000);
    socket.on('data', (data) => this.parser.write(data));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.onClose());
    const drop = server.quirks.dropAfterMs;
    if (drop !== undefined) setTimeout(() => this.socket.destroy(), drop).unref();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private write(text: string): void {
    if (!this.socket.destroyed) this.socket.write(text);
  }

  send(el: Element): void {
    this.write(el.toString());
  }

  private sendHeader(): void {
    if (this.headerSent) return;
    this.headerSent = true;
    const from = this.server.quirks.headerWithoutFrom ? '' : ` from='${escapeXML(this.server.domain)}'`;
    this.write(`<?xml version='1.0'?><stream:stream xmlns='${NS.client}' xmlns:stream='${NS.stream}'${from} id='${crypto.randomUUID()}' version='1.0' xml:lang='en'>`);
  }

  /** Sends a stream error inside a header of our own (RFC 6120 §4.9.1.2) and closes. */
  private streamError(condition: string): void {
    this.sendHeader();
    this.write(`<stream:error><${condition} xmlns='${NS.streamErrors}'/></stream:error></stream:stream>`);
    this.socket.end();
    this.parser.stop();
  }

  private end(): void {
    this.write('</stream:stream>');
    this.socket.end();
  }

  private onHeader(attrs: Record<string, string>): void {
    if (attrs['xmlns:stream'] !== NS.stream) return this.streamError('invalid-namespace');
    if (attrs.xmlns !== NS.client) return this.streamError('invalid-namespace');
    if (attrs.to && attrs.to.toLowerCase() !== this.server.domain.toLowerCase()) return this.streamError('host-unknown');
    this.headerSent = false;
    this.sendHeader();
    this.send(this.features());
  }

  private features(): Element {
    const { tls: tlsOptions, requireTls } = this.server.options;
    if (this.authenticated) {
      return x('stream:features', {}, x('bind', { xmlns: NS.bind }), x('session', { xmlns: NS.session }));
    }
    const offerTls = tlsOptions && !this.secured;
    const mechanisms = this.server.quirks.mechanisms ?? ['SCRAM-SHA-1', 'PLAIN'];
    const offerSasl = !requireTls || this.secured;
    return x('stream:features', {},
      offerTls ? x('starttls', { xmlns: NS.tls }, requireTls ? x('required') : undefined) : undefined,
      offerSasl ? x('mechanisms', { xmlns: NS.sasl }, ...mechanisms.map((m) => x('mechanism', {}, m))) : undefined);
  }

  private onElement(el: Element): void {
    const ns = el.getNS();
    if (ns === NS.tls && el.getName() === 'starttls') return this.startTls();
    if (ns === NS.sasl) return this.onSasl(el);
    if (!this.jid) {
      const stanza = ['message', 'presence', 'iq'].includes(el.name);
      if (this.authenticated && el.name === 'iq' && el.getChild('bind', NS.bind)) return this.bind(el);
      if (stanza && this.server.quirks.routeBeforeAuth) return this.route(el);
      return this.streamError(stanza ? 'not-authorized' : 'unsupported-stanza-type');
    }
    if (el.name === 'iq') return this.onIq(el);
    if (el.name === 'message') return this.route(el);
    if (el.name === 'presence') return this.onPresence(el);
    this.streamError('unsupported-stanza-type');
  }

  private startTls(): void {
    const options = this.server.options.tls;
    if (!options || this.secured) return this.write(`<failure xmlns='${NS.tls}'/></stream:stream>`);
    this.write(`<proceed xmlns='${NS.tls}'/>`);
    this.socket.removeAllListeners('data');
    const secure = new tls.TLSSocket(this.socket, { isServer: true, cert: options.cert, key: options.key });
    secure.on('data', (data) => this.parser.write(data));
    secure.on('error', () => secure.destroy());
    this.socket = secure;
    this.secured = true;
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
    if (el.getName() === 'auth' && this.server.quirks.closeOnAuth) return this.destroy();
    if (el.getName() === 'auth') {
      const offered = this.server.quirks.mechanisms ?? ['SCRAM-SHA-1', 'PLAIN'];
      const lookup = (user: string): string | undefined => this.server.quirks.acceptAnyPassword ? undefined : this.server.password(user);
      const mechanism = offered.includes(el.attrs.mechanism) ? createServerMechanism(el.attrs.mechanism, lookup) : undefined;
      if (!mechanism) return fail('invalid-mechanism');
      if (this.server.quirks.acceptAnyPassword) {
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
    this.authenticated = username.toLowerCase();
    this.parser.reset();
  }

  private bind(request: Element): void {
    const wanted = request.getChild('bind', NS.bind)?.getChildText('resource') || crypto.randomBytes(4).toString('hex');
    const account = `${this.authenticated}@${this.server.domain}`;
    const taken = this.server.sessionsOf(`${account}/${wanted}`).length > 0;
    this.jid = `${account}/${taken ? `${wanted}-${crypto.randomBytes(2).toString('hex')}` : wanted}`;
    this.send(x('iq', { type: 'result', id: request.attrs.id }, x('bind', { xmlns: NS.bind }, x('jid', {}, this.jid))));
    if (this.server.quirks.floodAfterBind) this.flood();
  }

  /** Unsolicited chat messages as fast as the socket takes them, until it closes. */
  private flood(): void {
    let n = 0;
    const burst = (): void => {
      if (this.socket.destroyed) return;
      let more = true;
      for (let i = 0; i < 200 && more; i++) {
        more = this.socket.write(`<message to='${this.jid}' from='flood@${this.server.domain}' type='chat'><body>flood ${n++}</body></message>`);
      }
      if (more) setImmediate(burst);
      else this.socket.once('drain', burst);
    };
    burst();
  }

  // ---- stanzas ------------------------------------------------------------------------

  private onIq(el: Element): void {
    const to = el.attrs.to;
    const account = bare(this.jid!);
    const toServer = !to || to.toLowerCase() === this.server.domain.toLowerCase();
    const toOwnAccount = to !== undefined && to.toLowerCase() === account.toLowerCase();
    if (toServer || toOwnAccount) return this.answerServerIq(el, toOwnAccount);
    this.route(el);
  }

  private answerServerIq(el: Element, ownAccount: boolean): void {
    const { type, id } = el.attrs;
    if (type !== 'get' && type !== 'set') return;
    const { wrongIqIds, iqReplyType } = this.server.quirks;
    const reply = (t: 'result' | 'error', ...children: Element[]): void =>
      this.send(x('iq', { type: iqReplyType ?? t, id: wrongIqIds ? `x${id}` : id, from: ownAccount ? bare(this.jid!) : this.server.domain, to: this.jid }, ...children));
    const error = (errorType: string, condition: string): void =>
      reply('error', x('error', { type: errorType }, x(condition, { xmlns: NS.stanzaErrors })));
    const payloads = el.getChildElements();
    // session establishment is part of logging in: the IQ quirks leave it alone
    if (payloads.length === 1 && payloads[0]!.getNS() === NS.session) {
      return this.send(x('iq', { type: 'result', id, from: this.server.domain, to: this.jid }));
    }
    if (payloads.length !== 1) return error('modify', 'bad-request');
    const payload = payloads[0]!;
    const ns = payload.getNS();
    if (this.server.quirks.ignoreServerIqs) return;
    if (this.server.quirks.streamErrorOnIq) return this.streamError(this.server.quirks.streamErrorOnIq);
    if (ns === NS.ping) return reply('result');
    if (ns === NS.discoInfo && type === 'get') {
      const identity = ownAccount ? { category: 'account', type: 'registered' } : { category: 'server', type: 'im', name: 'xmpp-certify harness' };
      const features = ownAccount ? [NS.discoInfo] : [NS.discoInfo, NS.discoItems, NS.ping, NS.version, NS.roster];
      return reply('result', x('query', { xmlns: NS.discoInfo, node: payload.attrs.node }, x('identity', identity), ...features.map((v) => x('feature', { var: v }))));
    }
    if (ns === NS.discoItems && type === 'get') return reply('result', x('query', { xmlns: NS.discoItems, node: payload.attrs.node }));
    if (ns === NS.version && type === 'get' && !ownAccount) {
      return reply('result', x('query', { xmlns: NS.version }, x('name', {}, 'xmpp-certify harness'), x('version', {}, '0')));
    }
    if (ns === NS.roster) return this.onRoster(el, payload, reply, error);
    error('cancel', 'service-unavailable');
  }

  private onRoster(el: Element, query: Element, reply: (t: 'result' | 'error', ...c: Element[]) => void, error: (t: string, c: string) => void): void {
    const roster = this.server.roster(bare(this.jid!));
    const render = (item: RosterItem, subscription: string = item.subscription): Element =>
      x('item', { jid: item.jid, name: item.name, subscription }, ...item.groups.map((g) => x('group', {}, g)));
    if (el.attrs.type === 'get') {
      this.interested = true;
      return reply('result', x('query', { xmlns: NS.roster }, ...[...roster.values()].map((i) => render(i))));
    }
    const items = query.getChildren('item');
    if (items.length !== 1) return error('modify', 'bad-request');
    const item = items[0]!;
    const jid = (item.attrs.jid as string).toLowerCase();
    let pushed: Element;
    if (item.attrs.subscription === 'remove') {
      const existing = roster.get(jid);
      if (!existing) return error('cancel', 'item-not-found');
      roster.delete(jid);
      pushed = render(existing, 'remove');
    } else {
      const groups = item.getChildren('group').map((g) => g.getText());
      if (new Set(groups).size !== groups.length) return error('modify', 'bad-request');
      const stored: RosterItem = { jid, name: item.attrs.name, subscription: roster.get(jid)?.subscription ?? 'none', groups };
      roster.set(jid, stored);
      pushed = render(stored);
    }
    reply('result');
    for (const session of this.server.sessionsOf(bare(this.jid!)).filter((s) => s.interested)) {
      session.send(x('iq', { type: 'set', id: `push-${crypto.randomBytes(3).toString('hex')}`, to: session.jid }, x('query', { xmlns: NS.roster }, pushed)));
    }
  }

  private onPresence(el: Element): void {
    if (el.attrs.to) return this.route(el);
    const type = el.attrs.type;
    this.available = type !== 'unavailable';
    this.priority = Number(el.getChildText('priority') ?? 0) || 0;
    const stamped = new Element('presence', { ...el.attrs, from: this.jid });
    for (const child of el.children) stamped.cnode(child as Element);
    for (const session of this.server.sessionsOf(bare(this.jid!)).filter((s) => s.available || s === this)) session.send(stamped);
  }

  /** Delivers a stanza to its recipient: a full JID, or the best resource of a bare JID. */
  private route(el: Element): void {
    const to = el.attrs.to;
    const stamped = new Element(el.name, { ...el.attrs, from: this.jid ?? el.attrs.from });
    for (const child of el.children) stamped.cnode(child as Element);
    if (!to) return;
    const local = to.includes('@') ? to.slice(0, to.indexOf('@')) : undefined;
    const exists = local !== undefined && this.server.password(local.toLowerCase()) !== undefined && bare(to).toLowerCase().endsWith(`@${this.server.domain}`);
    const sessions = resourceOf(to) !== undefined ? this.server.sessionsOf(to) : this.server.sessionsOf(to).filter((s) => s.available && s.priority >= 0);
    if (sessions.length === 0 || !exists) {
      if (el.name === 'iq' && (el.attrs.type === 'get' || el.attrs.type === 'set')) this.bounce(el, 'service-unavailable');
      else if (el.name === 'message' && el.attrs.type !== 'error' && !exists) this.bounce(el, 'service-unavailable');
      return;
    }
    const targets = el.name === 'presence' || resourceOf(to) !== undefined ? sessions : [sessions.sort((a, b) => b.priority - a.priority)[0]!];
    for (const session of targets) session.send(stamped);
  }

  private bounce(el: Element, condition: string): void {
    if (stanzaError(el)) return;
    this.send(x(el.name, { type: 'error', id: el.attrs.id, from: el.attrs.to, to: this.jid },
      x('error', { type: 'cancel' }, x(condition, { xmlns: NS.stanzaErrors }))));
  }

  private onClose(): void {
    if (this.jid && this.available) {
      const gone = x('presence', { type: 'unavailable', from: this.jid });
      for (const session of this.server.sessionsOf(bare(this.jid)).filter((s) => s !== this && s.available)) session.send(gone);
    }
    this.jid = undefined;
  }
}
