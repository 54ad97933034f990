import type { Baseline } from '../catalogue/specs.js';
import type { Redactor } from '../evidence/redact.js';
import type { Persona, SessionCounters, SessionLimits, TargetAddress } from '../session/session.js';
import type { Endpoint, Transport, TransportHandlers } from '../transport/types.js';
import type { Element } from '../xml/element.js';
import type { TransportKind } from '../vocabulary.js';
import type { ActionDriver } from './action-driver.js';
import type { ClientLink } from './client-link.js';
import type { SessionPool } from './session-pool.js';

/** Everything about the run that a case may read. */
export interface RunEnvironment {
  target: TargetAddress;
  baseline: Baseline;
  limits: SessionLimits;
  /** How long to watch for something that must not happen, where no barrier can prove it sooner. */
  silenceMs: number;
  redactor: Redactor;
  /** Run cases that wait on server timers (--slow). */
  includeSlow?: boolean;
  /** The BOSH connection manager's URL, when known (--bosh-url). */
  boshUrl?: string;
  /** The WebSocket endpoint (RFC 7395), when known (--websocket-url, or the domain's host-meta). */
  websocketUrl?: string;
  /** The direct TLS endpoint (XEP-0368), when known (--direct-tls, or an _xmpps-client SRV record). */
  directTls?: Endpoint;
  /** Where the domain's host-meta is (XEP-0156): --host-meta-url, or https://DOMAIN/.well-known/host-meta. */
  hostMetaUrl?: string;
  /**
   * Accounts whose credentials the server refused in this run: later logins fail at once, so
   * a wrong password is reported once and never hammers the server into locking the account.
   * certify() gives each run its own.
   */
  refusedLogins?: Set<string>;
  /**
   * Set when the account check before the run found the target silent (no answer before a
   * deadline): later cases that need an account end at once with this reason instead of each
   * waiting out its own deadlines, so a dead target costs seconds, not the whole --timeout.
   * Cases of the stream itself still run and report what they see. certify() gives each run
   * its own.
   */
  silentTarget?: { reason?: string };
  /** Logged-in sessions earlier cases left quiet, for later cases of the same accounts (none: every login is new). */
  sessions?: SessionPool;
  /** Where this run counts its logins and connections (certify() gives each run its own). */
  counters?: SessionCounters;
  /** Opens a transport of a kind other than plain TCP (BOSH). */
  transports: Partial<Record<TransportKind, (handlers: TransportHandlers) => Promise<Transport>>>;
  /** Client levels: the client under certification. */
  client?: ClientLink;
  /** Client levels: how user actions get done (none: --non-interactive). */
  actions?: ActionDriver;
  /** How long an action may take, proof included. */
  actionTimeoutMs?: number;
}

export interface LoginOptions {
  resource?: string;
  /** The xml:lang of the session's stream headers (default 'en'). */
  lang?: string;
  /** Send initial presence after binding (true for a plain `<presence/>`). */
  presence?: boolean | Element;
  /** Fetch the roster first, making this an "interested resource" (RFC 6121 §2.1.6). */
  roster?: boolean;
  persona?: Persona;
  /** Force the transport; by default the case's own. */
  transport?: TransportKind;
  /** An endpoint of that transport other than the run's: a WebSocket or BOSH URL a host-meta names. */
  at?: string;
}

