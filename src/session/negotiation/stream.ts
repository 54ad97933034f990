import type { Transport } from '../../transport/types.js';
import type { Element } from '../../xml/element.js';
import type { Match } from '../match.js';

/**
 * What a negotiation step (RFC 6120 §5–§7, XEP-0138) needs of a stream: write, wait, note, and
 * restart it. Session is one; the steps' tests use a fake.
 */
export interface NegotiatingStream {
  /** The domain the stream is opened to (the TLS server name). */
  readonly domain: string;
  readonly transport: Transport;
  /** The latest <stream:features/>. */
  readonly features?: Element;
  send(el: Element): void;
  /** Waits (step deadline) for an element; rejects when the stream ends first. */
  expect(m: Match): Promise<Element>;
  /** Sends an IQ and resolves with its result or error. */
  iq(request: Element): Promise<Element>;
  note(text: string): void;
  /** Restarts the stream (RFC 6120 §4.3.3): a new header and, for version 1.0, new features. */
  open(): Promise<unknown>;
}

/** A step that needs what this transport cannot do is the tool's mistake, not the target's. */
export class TransportCannot extends Error {
  constructor(step: string, transport: Transport) {
    super(`${step} needs a TCP stream, not ${transport.kind}`);
    this.name = 'TransportCannot';
  }
}
