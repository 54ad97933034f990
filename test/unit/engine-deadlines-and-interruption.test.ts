import { afterEach, describe, expect, it } from 'vitest';
import type { Suite } from '../../src/engine/case.js';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { defineCases } from '../../src/engine/case.js';
import { casesById, runAgainst, startHarness } from '../support/harness.js';
import { testCite } from '../support/reports.js';

/** A case that overruns its deadline, and a run interrupted with cases under way. */

let server: HarnessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('deadlines and interruption', () => {
  // called as each case is under way, connected and waiting on what never comes
  let underWay = (): void => undefined;
  afterEach(() => {
    underWay = () => undefined;
  });
  const stall: Suite[] = [{
    spec: 'xmpp-core',
    role: 'server',
    cases: defineCases({ spec: 'xmpp-core', role: 'server' }, [1, 2, 3].map((n) => ({
      id: `TEST-stall-${n}`, cite: testCite(), requirement: 'never finishes',
      async run(t) {
        const s = await t.connect();
        underWay();
        await s.expect({ describe: 'nothing', test: () => false }, 60_000);
      },
    }))),
  }];

  it('ends a case that overruns its deadline as ERROR', async () => {
    server = await startHarness();
    const report = await runAgainst({ port: server.port, suites: stall, caseTimeoutMs: 300 });
    const result = casesById(report).get('TEST-stall-1')!;
    expect(result.verdict).toBe('error');
    expect(result.reason).toMatch(/did not finish within its deadline of 300 ms/);
  });

  it('keeps finished cases and marks the rest when the run is interrupted', async () => {
    server = await startHarness();
    const controller = new AbortController();
    // the interruption comes once the first case is under way (one at a time: the others wait), not after a guessed time
    underWay = () => controller.abort(new Error('interrupted by SIGINT'));
    const report = await runAgainst({ port: server.port, suites: stall, signal: controller.signal, caseTimeoutMs: 30_000, concurrency: 1 });
    expect(report.complete).toBe(false);
    expect(report.interruption).toBe('interrupted by SIGINT');
    // cases under way end as errors; those not started yet were not run
    const cases = [...casesById(report).values()];
    expect(cases.length, 'cases in the report').toBe(3);
    for (const c of cases) {
      expect(c.verdict === 'error' || (c.verdict === 'skip' && c.skipKind === 'not-run'), `${c.id}: ${c.verdict}`).toBe(true);
      expect(c.reason).toMatch(/interrupted by SIGINT/);
    }
    expect(report.level.verdict).toBe('incomplete');
  });
});
