import { expect } from 'vitest';
import { UsageError } from '../../src/cli/parse.js';

/** The lines of the UsageError `read` throws: one per problem found in the input. */
export function problemLines(read: () => unknown): string[] {
  try {
    read();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message.split('\n');
  }
  throw new Error('expected a UsageError');
}
