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

/** A connection or TLS handshake that the target left unanswered until the deadline. */
export class TargetSilent extends ToolError {
  constructor(message: string) {
    super(message);
    this.name = 'TargetSilent';
  }
}
