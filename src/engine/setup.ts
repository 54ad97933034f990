import { ExpectationError } from '../session/inbox.js';
import { BindFailure, SaslFailure } from '../session/session.js';
import { SetupFailed, Skip, ToolError } from './errors.js';

/**
 * Runs a step that only sets the scene. If it fails, the case is inconclusive: SetupFailed
 * ("could not <what>: …") ends it as ERROR, never as a finding of the requirement under test.
 */
export async function setupStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof Skip || err instanceof SetupFailed) throw err;
    const detail = err instanceof ToolError ? err.message
      : err instanceof SaslFailure ? `SASL <${err.condition}/>${err.condition === 'not-authorized' ? ' (wrong password, or no such account)' : ''}`
      : err instanceof BindFailure ? err.message
      : err instanceof ExpectationError ? `expected ${err.expected}; ${err.actual}`
      : (err as Error).message;
    throw new SetupFailed(`could not ${what}: ${detail}`, { cause: err });
  }
}
