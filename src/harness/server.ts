import crypto from 'node:crypto';
import net from 'node:net';
import { bare, resourceOf, stanzaError } from '../session/stanza.js';
import { Element, x } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import { ServerStream, type NegotiationQuirks } from './server-stream.js';

/**
 * Deliberate departures from the RFCs, for tests that must see the tool report FAIL and ERROR
 * and not only PASS. Each one breaks one named requirement.
 */
export interface ServerQuirks extends NegotiationQuirks {
  /** Never answer IQs addressed to the server, but for binding and session (RFC 6120 §8.2.3). The IQ quirks below spare them too. */
  ignoreServerIqs?: boolean;
  /** Answer IQs addressed to the server with another id (RFC 6120 §8.1.3). */
  wrongIqIds?: boolean;
  /** Answer IQs addressed to the server with this type instead of result/error (RFC 6120 §8.2.3). */
  iqReplyType?: string;
  /** After binding, send unsolicited messages without pause. */
  floodAfterBind?: boolean;
  /** Answer the first IQ to the server after binding with a stream error. */
  streamErrorOnIq?: string;
  /** Drop every connection this long after it was accepted. */
  dropAfterMs?: number;
  /** Answer the first N software version requests (XEP-0092) of each session with a temporary error (type='wait'). */
  busyVersionRequests?: number;
  /** Send error stanzas without a 'type' on <error/> (RFC 6120 §8.3.2). */
  malformedErrors?: boolean;
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
      this.connections.add(new ServerConnection(this, socket));
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
  available = false;
  priority = 0;
  interested = false;
  /** Version requests answered with a temporary error so far (quirk busyVersionRequests). */
  private busyAnswers = 0;
  private readonly stream: ServerStream;

  constructor(
    private readonly server: HarnessServer,
    private readonly socket: net.Socket,
  ) {
    const { options } = server;
    this.stream = new ServerStream(socket, {
      domain: options.domain,
      password: (local) => server.password(local),
      tls: options.tls,
      requireTls: options.requireTls,
      resourceTaken: (jid) => server.sessionsOf(jid).length > 0,
      quirks: options.quirks,
    }, {
      stanza: (el) => this.onStanza(el),
      bound: () => {
        if (server.quirks.floodAfterBind) this.flood();
      },
      closed: () => this.onClose(),
    });
    const drop = server.quirks.dropAfterMs;
    if (drop !== undefined) setTimeout(() => socket.destroy(), drop).unref();
  }

  get jid(): string | undefined {
    return this.stream.jid;
  }

  destroy(): void {
    this.stream.destroy();
  }

  send(el: Element): void {
    this.stream.send(el);
  }

  private onStanza(el: Element): void {
    if (!this.jid) return this.route(el);
    if (el.name === 'iq') return this.onIq(el);
    if (el.name === 'message') return this.route(el);
    this.onPresence(el);
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
      reply('error', x('error', { type: this.server.quirks.malformedErrors ? undefined : errorType }, x(condition, { xmlns: NS.stanzaErrors })));
    const payloads = el.getChildElements();
    if (payloads.length !== 1) return error('modify', 'bad-request');
    const payload = payloads[0]!;
    const ns = payload.getNS();
    if (this.server.quirks.ignoreServerIqs) return;
    if (this.server.quirks.streamErrorOnIq) return this.stream.streamError(this.server.quirks.streamErrorOnIq);
    if (ns === NS.ping) return reply('result');
    if (ns === NS.discoInfo && type === 'get') {
      const identity = ownAccount ? { category: 'account', type: 'registered' } : { category: 'server', type: 'im', name: 'xmpp-certify harness' };
      const features = ownAccount ? [NS.discoInfo] : [NS.discoInfo, NS.discoItems, NS.ping, NS.version, NS.roster];
      return reply('result', x('query', { xmlns: NS.discoInfo, node: payload.attrs.node }, x('identity', identity), ...features.map((v) => x('feature', { var: v }))));
    }
    if (ns === NS.discoItems && type === 'get') return reply('result', x('query', { xmlns: NS.discoItems, node: payload.attrs.node }));
    if (ns === NS.version && type === 'get' && !ownAccount) {
      if (this.busyAnswers++ < (this.server.quirks.busyVersionRequests ?? 0)) return error('wait', 'resource-constraint');
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
    this.server.connections.delete(this);
    if (this.jid && this.available) {
      const gone = x('presence', { type: 'unavailable', from: this.jid });
      for (const session of this.server.sessionsOf(bare(this.jid)).filter((s) => s.available)) session.send(gone);
    }
  }
}
