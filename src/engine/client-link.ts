import type { Transcript, TranscriptEntry } from '../evidence/transcript.js';
import type { Negotiation } from '../host/server-stream.js';
import type { Match } from '../session/match.js';
import type { Element } from '../xml/element.js';

/** How the client under certification logged in to the tool (listen mode only). */
export interface LoginRecord {
  negotiation: Negotiation;
  /** The wire from the connection to the moment the cases began. */
  transcript: readonly TranscriptEntry[];
  /** The first stanzas the client sent after binding, in order. */
  opening: readonly Element[];
}

/**
 * The client under certification as cases reach it, the same in both modes: in listen mode the
 * tool is the client's server (stanzas come from scripted contacts), in peer mode the tool is
 * another account on the client's real server. Cases send to the client and wait for what it
 * sends; the wire goes to the transcript of the case in progress.
 */
export interface ClientLink {
  readonly mode: 'listen' | 'peer';
  /** The client's full JID. */
  readonly jid: string;
  /** Whom the tool's stanzas come from by default: a contact of the client's, or the peer account. */
  readonly peer: string;
  /** The XMPP domain the client's account is on. */
  readonly domain: string;
  /** Listen mode: how the client logged in; peer mode: not observable. */
  readonly login?: LoginRecord;
  readonly stepMs: number;
  /** Sends a stanza to the client ('to' is the client; 'from' the peer unless given, listen mode only). */
  send(el: Element): void;
  /** The first stanza from the client that matches (it may have come before the wait began). */
  expect(m: Match, timeoutMs?: number): Promise<Element>;
  maybe(m: Match, timeoutMs?: number): Promise<Element | undefined>;
  received(m: Match): Element[];
  clearInbox(): void;
  /** Listen mode: a push from the client's server (roster, privacy, blocking) it must acknowledge; returns the IQ sent. */
  push?(payload: Element): Element;
  /** Sends an IQ get or set to the client and resolves with its answer. */
  iq(request: Element, timeoutMs?: number): Promise<Element>;
  /** Records the wire into `transcript` too (undefined: stop). */
  attach(transcript: Transcript | undefined): void;
  /** Whether the client is still connected (or, for a peer, still online). */
  readonly connected: boolean;
  /** The client's latest available presence the tool saw (its broadcast, or what a subscribed peer got). */
  readonly presence?: Element;
}
