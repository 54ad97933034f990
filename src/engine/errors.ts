import type { Strength } from '../catalogue/citation.js';
import type { SkipKind } from '../vocabulary.js';

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

export type { SkipKind };

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

import { ToolError } from '../session/errors.js';

export { TargetSilent, ToolError } from '../session/errors.js';


/** A step that only sets the scene failed ("could not …"): the case is inconclusive (ERROR), not a finding. */
export class SetupFailed extends ToolError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SetupFailed';
  }
}
