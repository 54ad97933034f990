import type { ClientLink, LoginRecord } from '../engine/client-link.js';
import { ToolError } from '../engine/errors.js';
import type { Transcript } from '../evidence/transcript.js';
import { iqStanza, type Match } from '../session/match.js';
import { newId } from '../session/stanza.js';
import type { Element } from '../xml/element.js';
import type { ClientHost } from './client-host.js';
import type { HostedClient } from './hosted-client.js';
import type { World } from './world.js';

/** The client under certification, reached as its server (listen mode). */
export class HostLink implements ClientLink {
  readonly mode = 'listen' as const;
  private attached?: Transcript;

  constructor(
    private readonly host: ClientHost,
    readonly stepMs: number,
  ) {}

  get world(): World {
    return this.host.world;
  }

  get domain(): string {
    return this.host.domain;
  }

  get peer(): string {
    return this.host.world.peer;
  }

  get jid(): string {
    return this.client.jid!;
  }

  get connected(): boolean {
    return this.host.current !== undefined;
  }

  get presence(): Element | undefined {
    return this.host.current?.presence;
  }

  get login(): LoginRecord {
    const c = this.client;
    return { negotiation: c.negotiation, transcript: c.loginTranscript, opening: c.opening };
  }

  /** The client's open connection; its absence ends the case as an error of the run. */
  private get client(): HostedClient {
    const client = this.host.current;
    if (!client) throw new ToolError('the client under test is not connected (it disconnected, or never logged in)');
    // a client that reconnected records into the case's transcript too
    client.attach(this.attached);
    return client;
  }

  send(el: Element): void {
    if (!el.attrs.from) el.attrs.from = this.peer;
    this.client.deliver(el);
  }

  /** A push from the server (roster, privacy, blocking) the client must acknowledge. */
  push(payload: Element): Element {
    return this.client.push(payload);
  }

  expect(m: Match, timeoutMs = this.stepMs): Promise<Element> {
    return this.client.expect(m, timeoutMs);
  }

  async maybe(m: Match, timeoutMs = this.stepMs): Promise<Element | undefined> {
    return this.client.inbox.maybe(m, timeoutMs);
  }

  received(m: Match): Element[] {
    return this.client.inbox.received(m);
  }

  clearInbox(): void {
    this.client.inbox.clear();
  }

  iq(request: Element, timeoutMs = this.stepMs): Promise<Element> {
    request.attrs.id ??= newId();
    this.send(request);
    return this.expect(iqStanza({ id: request.attrs.id as string, type: ['result', 'error'] }, `an answer to <iq id='${request.attrs.id}'>`), timeoutMs);
  }

  attach(transcript: Transcript | undefined): void {
    this.attached = transcript;
    this.host.current?.attach(transcript);
  }
}
