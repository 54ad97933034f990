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
 * The case does not run: either it does not apply to this target (an optional feature not
 * offered), or the run was not set up to exercise it (too few accounts, no driver for a user
 * action). Only the first kind is neutral; the second leaves the level incomplete.
 */
export class Skip extends Error {
  constructor(
    readonly reason: string,
    readonly kind: 'not-applicable' | 'not-run' = 'not-applicable',
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

/** How strongly a check binds: from the RFC 2119 keyword of the requirement it checks. */
export type Strength = 'must' | 'should' | 'may';

/**
 * Maps a catalogue keyword ("MUST", "SHOULD NOT", "MUST / SHOULD", "MUST (either)") to the
 * strength of its strongest part.
 */
export function strengthOf(keyword: string): Strength {
  const k = keyword.toUpperCase();
  // † marks a keyword the catalogue could not verify against the RFC text: such a row may warn
  // but never fail an implementation
  if (k.includes('†')) return /\b(MAY|OPTIONAL)\b/.test(k) && !/\b(MUST|SHOULD)\b/.test(k) ? 'may' : 'should';
  if (/\b(MUST|SHALL|REQUIRED)\b/.test(k)) return 'must';
  if (/\b(SHOULD|RECOMMENDED)\b/.test(k)) return 'should';
  if (/\b(MAY|OPTIONAL)\b/.test(k)) return 'may';
  // an error listed in a table, without a keyword in the text, is what a server should send
  if (k.includes('(TABLE)')) return 'should';
  // "(implied)", "(RFC 6120 8.2.3)": behaviour the text requires without a keyword
  return 'must';
}
