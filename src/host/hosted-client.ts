import crypto from 'node:crypto';
import type net from 'node:net';
import type { Account } from '../engine/accounts.js';
import type { Redactor } from '../evidence/redact.js';
import { Transcript, type Direction, type TranscriptEntry } from '../evidence/transcript.js';
import { ServerStream, type Negotiation } from './server-stream.js';
import { ExpectationError, Inbox } from '../session/inbox.js';
import type { Match } from '../session/match.js';
import { bare, domainOf, resourceOf } from '../session/stanza.js';
import { Element, x } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import { conferenceInfo, isPerson, occupantPresence, personInfo, WORLD_RESOURCE, type World } from './world.js';

export interface HostedClientOptions {
  domain: string;
  account: Account;
  tls: { cert: string; key: string };
  /** Offer XEP-0138 zlib after authentication. */
  compression: boolean;
  world: World;
  redactor: Redactor;
  /** Whether a full JID is already bound by another connection of the client. */
  resourceTaken(jid: string): boolean;
  onBound(client: HostedClient): void;
}

/** How many of the client's first stanzas are kept as the record of how it started its session. */
const OPENING_STANZAS = 50;

/** The label the client's connection has in transcripts. */
export const CLIENT_LABEL = 'client';

/**
 * One connection of the client under certification, as the host sees it: its stream
 * (negotiated by ServerStream), everything it sends (an inbox cases wait on), and the server it
 * believes it talks to, answering the requests a client makes of its server (roster, disco,
 * vCard, privacy lists, blocking, ping, version) and playing the scripted world of contacts and
 * rooms (World). The wire is recorded whole, and into the transcript of the case in progress.
 */
export class HostedClient {
  readonly inbox: Inbox;
  /** Everything on the wire since the client connected. */
  readonly log: Transcript;
  /** The first stanzas after binding, in order: how the client started its session. */
  readonly opening: Element[] = [];
  /** The wire of the login, as it stood when the cases began (see sealLogin). */
  private loginEntries?: readonly TranscriptEntry[];
  private readonly stream: ServerStream;
  private caseTranscript?: Transcript;
  private readonly roster = new Map<string, Element>();
  private readonly blocklist = new Set<string>();
  private readonly privacyLists = new Map<string, Element>();
  private vcard?: Element;
  /** Rooms the client is in, with its nickname there. */
  private readonly rooms = new Map<string, string>();
  /** The client's latest presence broadcast (no 'to'). */
  presence?: Element;
  private readonly presenceWaiters = new Set<() => void>();
  private closedAt?: number;
  private pushes = 0;

  constructor(socket: net.Socket, private readonly options: HostedClientOptions) {
    this.log = new Transcript(options.redactor);
    this.inbox = new Inbox((text) => this.note(text));
    for (const c of options.world.contacts) {
      this.roster.set(c.jid, x('item', { jid: c.jid, name: c.name, subscription: 'both' }, x('group', {}, c.group)));
    }
    this.stream = new ServerStream(socket, {
      domain: options.domain,
      password: (local) => (local.toLowerCase() === options.account.local.toLowerCase() ? options.account.password : undefined),
      tls: options.tls,
      requireTls: false,
      compression: options.compression,
      resourceTaken: options.resourceTaken,
    }, {
      stanza: (el) => this.onStanza(el),
      bound: () => options.onBound(this),
      closed: () => this.onClosed(),
      wire: (direction, text) => this.record(direction === 'sent' ? 'sent' : 'received', text),
    });
  }

  /** The client's full JID (once bound). */
  get jid(): string | undefined {
    return this.stream.jid;
  }

  get negotiation(): Negotiation {
    return this.stream.negotiation;
  }

  get isClosed(): boolean {
    return this.closedAt !== undefined || this.stream.isClosed;
  }

  /** Records the wire into `transcript` too, until detached (one case at a time). */
  attach(transcript: Transcript | undefined): void {
    this.caseTranscript = transcript;
  }

  note(text: string): void {
    this.record('note', text);
  }

  /** Sends a stanza to the client: from the world (`from` as given) or from the server. */
  deliver(el: Element): void {
    if (!el.attrs.to && this.jid) el.attrs.to = this.jid;
    this.stream.send(el);
  }

  expect(m: Match, timeoutMs: number): Promise<Element> {
    return this.inbox.expect(m, timeoutMs);
  }

  /** The wire of the login: up to sealLogin(), or all of it so far. */
  get loginTranscript(): readonly TranscriptEntry[] {
    return this.loginEntries ?? this.log.entries;
  }

  /** Marks the end of the login: what the cases do next is theirs. */
  sealLogin(): void {
    this.loginEntries ??= [...this.log.entries];
  }

  /** Whether the client sends its initial presence within `timeoutMs` (at once if it did). */
  presenceWithin(timeoutMs: number): Promise<boolean> {
    if (this.presence) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.presenceWaiters.delete(wake);
        resolve(this.presence !== undefined);
      };
      const timer = setTimeout(wake, timeoutMs);
      this.presenceWaiters.add(wake);
    });
  }

  close(): void {
    this.stream.close();
  }

  destroy(): void {
    this.stream.destroy();
  }

  private record(direction: Direction, text: string): void {
    this.log.record(CLIENT_LABEL, direction, text);
    this.caseTranscript?.record(CLIENT_LABEL, direction, text);
  }

  private onClosed(): void {
    this.closedAt = Date.now();
    this.note('the client\'s connection closed');
    this.inbox.interrupt((m) => new ExpectationError(m.describe, 'the client disconnected first', 'closed'), true);
  }

  // ---- what the client sends ------------------------------------------------------------

  private onStanza(el: Element): void {
    if (this.opening.length < OPENING_STANZAS) this.opening.push(el);
    this.inbox.deliver(el);
    const to = el.attrs.to;
    const world = this.options.world;
    if (el.name === 'presence' && !to) return this.onBroadcast(el);
    if (!to || to.toLowerCase() === this.options.domain.toLowerCase() || to.toLowerCase() === bare(this.jid!).toLowerCase()) {
      if (el.name === 'iq') this.answerAsServer(el);
      return;
    }
    if (domainOf(to).toLowerCase() === world.conference) return this.asConference(el);
    if (el.name === 'iq' && el.attrs.type === 'get' && el.getChild('query', NS.discoInfo)) {
      // a scripted person answers disco (clients ask it for caps); for anyone else, offline and
      // unknown, the server says so (RFC 6121 §8.5); everything else the cases judge
      const answer = isPerson(world, bare(to))
        ? x('iq', { type: 'result', id: el.attrs.id, from: to }, personInfo(el.getChild('query')?.attrs.node))
        : x('iq', { type: 'error', id: el.attrs.id, from: to }, x('error', { type: 'cancel' }, x('service-unavailable', { xmlns: NS.stanzaErrors })));
      this.deliver(answer);
    }
  }

  /** Presence without 'to': to the client's own resources, and on the first one the contacts' presence (RFC 6121 §4.2.2). */
  private onBroadcast(el: Element): void {
    const first = this.presence === undefined;
    this.presence = el;
    for (const wake of [...this.presenceWaiters]) wake();
    const echo = new Element('presence', { ...el.attrs, from: this.jid, to: this.jid });
    for (const child of el.children) echo.cnode(child as Element);
    this.deliver(echo);
    if (first && el.attrs.type !== 'unavailable') {
      for (const c of this.options.world.contacts) this.deliver(x('presence', { from: `${c.jid}/${WORLD_RESOURCE}` }));
    }
  }

  private answerAsServer(el: Element): void {
    const { type, id } = el.attrs;
    if (type !== 'get' && type !== 'set') return;
    const reply = (...children: Element[]): void => this.deliver(x('iq', { type: 'result', id, from: el.attrs.to }, ...children));
    const error = (errorType: string, condition: string): void =>
      this.deliver(x('iq', { type: 'error', id, from: el.attrs.to }, x('error', { type: errorType }, x(condition, { xmlns: NS.stanzaErrors }))));
    const payload = el.getChildElements()[0];
    if (!payload || el.getChildElements().length !== 1) return error('modify', 'bad-request');
    const ns = payload.getNS();
    const get = type === 'get';
    if (ns === NS.roster) return this.onRoster(el, payload, reply, error);
    if (ns === NS.ping) return reply();
    if (ns === NS.discoInfo && get) return reply(this.serverInfo(payload.attrs.node, Boolean(el.attrs.to?.includes('@'))));
    if (ns === NS.discoItems && get) return reply(x('query', { xmlns: NS.discoItems }, x('item', { jid: this.options.world.conference, name: 'Chatrooms' })));
    if (ns === NS.version && get) return reply(x('query', { xmlns: NS.version }, x('name', {}, 'xmpp-certify host'), x('version', {}, '1')));
    if (ns === NS.vcard) {
      if (!get) this.vcard = payload;
      return get ? reply(this.vcard ?? x('vCard', { xmlns: NS.vcard })) : reply();
    }
    if (ns === NS.blocking) return this.onBlocking(payload, get, reply, error);
    if (ns === NS.privacy) return this.onPrivacy(payload, get, reply, error);
    error('cancel', 'service-unavailable');
  }

  private serverInfo(node: string | undefined, account: boolean): Element {
    if (account) return x('query', { xmlns: NS.discoInfo, node }, x('identity', { category: 'account', type: 'registered' }));
    const features = [NS.discoInfo, NS.discoItems, NS.roster, NS.privacy, NS.blocking, NS.vcard, NS.ping, NS.version];
    return x('query', { xmlns: NS.discoInfo, node },
      x('identity', { category: 'server', type: 'im', name: 'xmpp-certify host' }),
      ...features.map((v) => x('feature', { var: v })));
  }

  /** Sends the client a push (RFC 6121 §2.1.6, XEP-0016 §2.6, XEP-0191 §3.3): an IQ set it must acknowledge. */
  push(payload: Element): Element {
    const request = x('iq', { type: 'set', id: `push-${++this.pushes}-${crypto.randomBytes(2).toString('hex')}`, to: this.jid }, payload);
    this.deliver(request);
    return request;
  }

  private onRoster(el: Element, query: Element, reply: (...c: Element[]) => void, error: (t: string, c: string) => void): void {
    if (el.attrs.type === 'get') return reply(x('query', { xmlns: NS.roster }, ...this.roster.values()));
    const item = query.getChildren('item');
    if (item.length !== 1 || !item[0]!.attrs.jid) return error('modify', 'bad-request');
    const jid = bare(item[0]!.attrs.jid).toLowerCase();
    if (item[0]!.attrs.subscription === 'remove') this.roster.delete(jid);
    else this.roster.set(jid, x('item', { jid, name: item[0]!.attrs.name, subscription: this.roster.get(jid)?.attrs.subscription ?? 'none' }, ...item[0]!.getChildren('group')));
    reply();
    this.push(x('query', { xmlns: NS.roster }, item[0]!.attrs.subscription === 'remove' ? x('item', { jid, subscription: 'remove' }) : this.roster.get(jid)!));
  }

  private onBlocking(payload: Element, get: boolean, reply: (...c: Element[]) => void, error: (t: string, c: string) => void): void {
    if (get && payload.getName() === 'blocklist') return reply(x('blocklist', { xmlns: NS.blocking }, ...[...this.blocklist].map((jid) => x('item', { jid }))));
    if (get || !['block', 'unblock'].includes(payload.getName())) return error('modify', 'bad-request');
    const jids = payload.getChildren('item').map((i) => i.attrs.jid as string);
    if (payload.getName() === 'block' && jids.length === 0) return error('modify', 'bad-request');
    if (payload.getName() === 'block') for (const j of jids) this.blocklist.add(j);
    else if (jids.length === 0) this.blocklist.clear();
    else for (const j of jids) this.blocklist.delete(j);
    reply();
    this.push(x(payload.getName(), { xmlns: NS.blocking }, ...jids.map((jid) => x('item', { jid }))));
  }

  private onPrivacy(payload: Element, get: boolean, reply: (...c: Element[]) => void, error: (t: string, c: string) => void): void {
    const lists = payload.getChildren('list');
    if (get && lists.length === 0) return reply(x('query', { xmlns: NS.privacy }, ...[...this.privacyLists.keys()].map((name) => x('list', { name }))));
    if (get) {
      const list = this.privacyLists.get(lists[0]!.attrs.name as string);
      return list ? reply(x('query', { xmlns: NS.privacy }, list)) : error('cancel', 'item-not-found');
    }
    if (lists.length === 1) {
      const name = lists[0]!.attrs.name as string;
      if (lists[0]!.getChildren('item').length === 0) this.privacyLists.delete(name);
      else this.privacyLists.set(name, lists[0]!);
      reply();
      this.push(x('query', { xmlns: NS.privacy }, x('list', { name })));
      return;
    }
    // <active/> and <default/>: accepted for lists that exist, or to decline
    const choice = payload.getChild('active') ?? payload.getChild('default');
    const name = choice?.attrs.name;
    if (name && !this.privacyLists.has(name)) return error('cancel', 'item-not-found');
    reply();
  }

  /** The MUC service (XEP-0045) as far as a client's occupant use cases need it. */
  private asConference(el: Element): void {
    const to = el.attrs.to!;
    const room = bare(to);
    const nick = resourceOf(to);
    const world = this.options.world;
    if (el.name === 'iq') {
      if (el.attrs.type === 'get' && el.getChild('query', NS.discoInfo)) {
        return this.deliver(x('iq', { type: 'result', id: el.attrs.id, from: to }, conferenceInfo(room !== world.conference, el.getChild('query')?.attrs.node)));
      }
      if (el.attrs.type === 'get' || el.attrs.type === 'set') {
        this.deliver(x('iq', { type: 'error', id: el.attrs.id, from: to }, x('error', { type: 'cancel' }, x('feature-not-implemented', { xmlns: NS.stanzaErrors }))));
      }
      return;
    }
    if (el.name === 'presence' && nick) {
      const self = `${room}/${nick}`;
      if (el.attrs.type === 'unavailable') {
        this.rooms.delete(room);
        return this.deliver(occupantPresence(self, this.jid!, { jid: this.jid, affiliation: 'none', role: 'none' }, ['110'], 'unavailable'));
      }
      if (el.attrs.type) return;
      this.rooms.set(room, nick);
      this.deliver(occupantPresence(`${room}/${world.occupant.nick}`, this.jid!, { jid: world.occupant.jid, affiliation: 'owner', role: 'moderator' }));
      this.deliver(occupantPresence(self, this.jid!, { jid: this.jid, affiliation: 'none', role: 'participant' }, ['100', '110']));
      // the subject ends the join (§7.2.15), an empty one included: clients wait for it
      this.deliver(x('message', { type: 'groupchat', from: room, to: this.jid }, x('subject')));
      return;
    }
    if (el.name === 'message' && el.attrs.type === 'groupchat' && !nick) {
      // the room reflects the message to its sender, from the sender's occupant JID (§7.4)
      const reflected = new Element('message', { ...el.attrs, from: `${room}/${this.rooms.get(room) ?? 'unknown'}`, to: this.jid });
      for (const child of el.children) reflected.cnode(child as Element);
      this.deliver(reflected);
    }
  }
}
