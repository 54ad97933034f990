import type { Element } from '../xml/element.js';
import type { XmlViolation } from '../xml/stream-parser.js';

/** What a transport reports upwards; the session turns it into stream state and an inbox. */
export interface TransportHandlers {
  header(name: string, attrs: Record<string, string>, raw: string): void;
  element(el: Element, raw: string): void;
  /** The peer closed its stream (`</stream:stream>`, or a BOSH terminate). */
  end(raw: string): void;
  violation(v: XmlViolation): void;
  /** Bytes written to the wire (for the transcript). */
  sent(raw: string): void;
  /** The connection is gone; `reason` says why in one line. */
  closed(reason: string): void;
}

/** Attributes of a stream header the client opens. */
export interface StreamOpen {
  to: string;
  version?: string;
  lang?: string;
  from?: string;
}

/** A bidirectional XML stream to the target: plain TCP (with STARTTLS/compression) or BOSH. */
export interface Transport {
  readonly kind: 'tcp' | 'bosh';
  /** Opens the stream, or restarts it after STARTTLS/SASL/compression (a new document). */
  openStream(open: StreamOpen): void;
  send(data: string): void;
  /** Closes politely where the transport allows it, then releases everything. */
  close(): void;
  /** Releases everything at once. */
  destroy(): void;
  readonly isClosed: boolean;
}
