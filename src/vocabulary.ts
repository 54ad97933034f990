/**
 * The words the engine, the sessions, the suites and the reports share. A leaf: it imports
 * nothing, so that no two of those modules need each other to name a transport or a verdict.
 */

export type { Strength } from './catalogue/citation.js';

/**
 * How a case's sessions reach the server: plain TCP (with STARTTLS), BOSH (XEP-0124/0206), TCP
 * with XEP-0138 zlib compression negotiated after authentication, WebSocket (RFC 7395), or TCP
 * with TLS from the first byte (XEP-0368 direct TLS).
 */
export const TRANSPORT_KINDS = ['tcp', 'bosh', 'zlib', 'websocket', 'directtls'] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

/** The verdict of one case. 'waived': it failed (or warned) and a valid waiver covers it. */
export type Verdict = 'pass' | 'fail' | 'warn' | 'skip' | 'error' | 'waived';

/**
 * Why a case ended without a verdict on the target:
 * - not-applicable: its premise does not hold here (an optional feature not offered, a rule the
 *   cited text does not have); neutral;
 * - not-run: the run was not set up to exercise it (too few accounts, no driver, --slow);
 * - unproven: it ran, but what it must prove could not be proved (nothing arrived, and no
 *   barrier showed that the target had processed what was sent);
 * - unsupported: the client under test cannot do what the requirement needs (its driver says
 *   so): the client does not support the spec.
 * Only the first is neutral; the others leave a MUST unexercised.
 */
export type SkipKind = 'not-applicable' | 'not-run' | 'unproven' | 'unsupported';

/** A test account: given with --account, or made by in-band registration. */
export interface Account {
  /** Bare JID. */
  jid: string;
  local: string;
  domain: string;
  password: string;
}
