import type { Strength } from '../catalogue/citation.js';

export type { Strength };

/**
 * How a case can end other than by passing. The runner maps these to verdicts; nothing else
 * decides between "the target broke the spec" and "the tool or the environment failed".
 */

/** The target did not do what the requirement demands. Becomes FAIL (or WARN for a SHOULD). */
export class Nonconformance extends Error {
  constructor(
    message: string,
    readonly expected: string,
    readonly actual: string,
    /** 'must' fails the case; 'should' makes it a warning. */
    readonly strength: Strength,
  ) {
    super(message);
    this.name = 'Nonconformance';
  }
}

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

/** The case ends without a verdict on the target (see SkipKind). */
export class Skip extends Error {
  constructor(
    readonly reason: string,
    readonly kind: SkipKind = 'not-applicable',
  ) {
    super(reason);
    this.name = 'Skip';
  }
}

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

