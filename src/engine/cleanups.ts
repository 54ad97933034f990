import type { Transcript } from '../evidence/transcript.js';

/**
 * What a case must undo however it ends (roster items, lists, rooms, nodes), run newest first.
 * A step that fails is noted in the transcript and the others still run: the integration tests
 * fail on any such note, since it leaves state behind for later cases.
 */
export class Cleanups {
  private readonly steps: (() => Promise<unknown>)[] = [];

  constructor(private readonly transcript: Transcript) {}

  defer(step: () => Promise<unknown>): void {
    this.steps.unshift(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0)) {
      try {
        await step();
      } catch (err) {
        this.transcript.record('-', 'note', `clean-up step failed: ${(err as Error).message}`);
      }
    }
  }
}
