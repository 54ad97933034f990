/**
 * Failures that are not verdicts: the step could not be taken. The session layer and the
 * transports throw them; the engine reports them as ERROR, never as PASS or FAIL.
 */

/**
 * The tool could not exercise the requirement: connection refused, credentials rejected in
 * set-up, a deadline hit while preparing, a bug. Becomes ERROR, never PASS or FAIL.
 */
export class ToolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ToolError';
  }
}

/** Node's codes for a certificate that did not verify (as opposed to a handshake that broke). */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE', 'CERT_REJECTED', 'INVALID_CA', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A TLS handshake that failed; `untrusted` when the reason is the certificate the target presented. */
export class TlsHandshakeFailed extends ToolError {
  readonly untrusted: boolean;
  constructor(readonly detail: string, readonly code: string | undefined) {
    const untrusted = code !== undefined && CERTIFICATE_CODES.has(code);
    super(`TLS handshake failed: ${detail}${untrusted ? ' (trust the test CA with --ca FILE, or pass --insecure-tls)' : ''}`);
    this.name = 'TlsHandshakeFailed';
    this.untrusted = untrusted;
  }
}

/** Nothing accepted the connection (refused, no route, no such host): the endpoint offers nothing there. */
export class ConnectFailed extends ToolError {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectFailed';
  }
}

/** A connection or TLS handshake that the target left unanswered until the deadline. */
export class TargetSilent extends ToolError {
  constructor(message: string) {
    super(message);
    this.name = 'TargetSilent';
  }
}
