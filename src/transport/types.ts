import type tls from 'node:tls';
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

export interface Endpoint {
  host: string;
  port: number;
}

export interface TlsSettings {
  /** Extra trusted CA certificates (PEM), from --ca. */
  ca?: string[];
  /** Skip certificate verification (--insecure-tls); the run reports that it did. */
  insecure: boolean;
}

export interface TlsInfo {
  protocol: string;
  cipher: string;
  /** Whether the certificate chain and name verified. */
  authorized: boolean;
  authorizationError?: string;
  /** Subject alternative names as Node reports them: "DNS:localhost, IP Address:127.0.0.1". */
  subjectAltName?: string;
  /** The application protocol the server selected by ALPN (RFC 7301); undefined: none. */
  alpn?: string;
}

/** Handshake limits a case may impose on top of the run's settings (e.g. one cipher suite). */
export type TlsOverrides = Pick<tls.ConnectionOptions, 'ciphers' | 'minVersion' | 'maxVersion'>;

/**
 * A bidirectional XML stream to the target: plain TCP (with STARTTLS and compression), TCP with
 * TLS from the first byte (XEP-0368), BOSH, or WebSocket (RFC 7395). What only some transports
 * can do is optional: a session asks for it, and a step that needs it on a transport without it
 * is a tool error, not a finding.
 */
export interface Transport {
  readonly kind: 'tcp' | 'directtls' | 'bosh' | 'websocket';
  /** TLS the transport negotiated before the stream began (direct TLS, a wss:// URL). */
  readonly tlsInfo?: TlsInfo;
  /** Where it is connected, when that is not the target's XMPP port: a URL, a direct TLS host:port. */
  readonly address?: string;
  /** Opens the stream, or restarts it after STARTTLS/SASL/compression (a new document). */
  openStream(open: StreamOpen): void;
  send(data: string): void;
  /** A stanza's text as this transport carries it (BOSH qualifies it by jabber:client, XEP-0206 §2). */
  frame(stanza: Element): string;
  /** Writes a header of the caller's own making (for tests of bad headers). */
  openRawStream?(header: string): void;
  /** Upgrades the connection after <proceed/> (RFC 6120 §5.4.3.3). */
  startTls?(servername: string, settings: TlsSettings, timeoutMs: number, overrides?: TlsOverrides): Promise<TlsInfo>;
  /** Switches both directions to zlib after <compressed/> (XEP-0138 §2). */
  startCompression?(): void;
  /** Closes politely where the transport allows it, then releases everything. */
  close(): void;
  /** Releases everything at once. */
  destroy(): void;
  readonly isClosed: boolean;
}
