import type { Transcript } from '../evidence/transcript.js';
import { iqStanza, match, presence, type Match } from '../session/match.js';
import type { Session } from '../session/session.js';
import { bare, domainOf, newId, sameJid } from '../session/stanza.js';
import { x, type Element } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import type { ClientLink } from './client-link.js';
import { ToolError } from './errors.js';

/**
 * The client under certification, reached from another account on the client's own server
 * (peer mode): what the tool sends goes to the client's full JID, and only what comes from that
 * JID counts as the client's.
 */
export class PeerLink implements ClientLink {
  readonly mode = 'peer' as const;
  readonly login = undefined;
  presence?: Element;
  private peerSession?: Session;

  constructor(
    readonly jid: string,
    readonly stepMs: number,
    private readonly runTranscript: Transcript,
  ) {}

  /** Starts using the peer's logged-in session. */
  start(session: Session): void {
    this.peerSession = session;
  }

  private get session(): Session {
    if (!this.peerSession) throw new ToolError('the peer account is not logged in');
    return this.peerSession;
  }

  get peer(): string {
    return this.session.jid!;
  }

  get domain(): string {
    return domainOf(this.jid);
  }

  get connected(): boolean {
    return this.peerSession !== undefined && !this.peerSession.isClosed;
  }

  send(el: Element): void {
    el.attrs.to ??= this.jid;
    this.session.send(el);
  }

  expect(m: Match, timeoutMs = this.stepMs): Promise<Element> {
    return this.session.expect(this.fromClient(m), timeoutMs);
  }

  maybe(m: Match, timeoutMs = this.stepMs): Promise<Element | undefined> {
    return this.session.maybe(this.fromClient(m), timeoutMs);
  }

  received(m: Match): Element[] {
    return this.session.received(this.fromClient(m));
  }

  clearInbox(): void {
    this.session.clearInbox();
  }

  iq(request: Element, timeoutMs = this.stepMs): Promise<Element> {
    request.attrs.id ??= newId();
    this.send(request);
    return this.expect(iqStanza({ id: request.attrs.id as string, type: ['result', 'error'] }, `an answer to <iq id='${request.attrs.id}'>`), timeoutMs);
  }

  attach(transcript: Transcript | undefined): void {
    if (this.peerSession) this.peerSession.transcript = transcript ?? this.runTranscript;
  }

  /**
   * Asks for the client's presence (RFC 6121 §3.1): a client that approves lets the peer see its
   * presence and caps. Returns the client's presence, or undefined when it did not approve.
   */
  async subscribe(): Promise<Element | undefined> {
    this.session.send(x('presence', { to: bare(this.jid), type: 'subscribe' }));
    const approved = await this.session.maybe(presence({ fromBare: bare(this.jid), type: 'subscribed' }), this.stepMs * 2);
    if (!approved) return undefined;
    this.presence = await this.session.maybe(presence({ from: this.jid, type: 'available' }), this.stepMs);
    return this.presence;
  }

  /** Ends the subscription both ways and removes the client from the peer's roster. */
  async unsubscribe(): Promise<void> {
    await this.session.iq(x('iq', { type: 'set' }, x('query', { xmlns: NS.roster }, x('item', { jid: bare(this.jid), subscription: 'remove' })))).catch(() => undefined);
  }

  close(): void {
    this.peerSession?.destroy('the run is over');
  }

  private fromClient(m: Match): Match {
    return match(`${m.describe} from ${this.jid}`, (el) => sameJid(el.attrs.from, this.jid) && m.test(el));
  }
}
