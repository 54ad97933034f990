import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { UsageError } from '../../src/cli/parse.js';
import { conclude, EXIT, runCommand, type RunFlags } from '../../src/cli/run.js';
import { verdictSubject } from '../../src/report/model.js';
import { SUITES } from '../../suites/index.js';
import { core } from '../support/core-cases.js';
import { runAgainst, startHarness } from '../support/harness.js';
import { caseResult, runReport } from '../support/reports.js';

/** --only: a verdict on the selected cases, which CI can gate on, and a typo that selects nothing is refused. */

let server: HarnessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.restoreAllMocks();
});

describe('a partial run', () => {
  it('judges the selected cases, not the level, and reports only the specs they belong to', async () => {
    server = await startHarness();
    const whole = await runAgainst({ port: server.port, suites: core('RFC6120-4.2-1') });
    // as a level verdict, one case leaves the other specs of core-server untested
    expect(whole.level.verdict).toBe('incomplete');
    const partial = await runAgainst({ port: server.port, suites: core('RFC6120-4.2-1'), selection: ['RFC6120-4.2'] });
    expect(partial.level).toMatchObject({ selection: ['RFC6120-4.2'], verdict: 'pass', reasons: [] });
    expect(partial.specs.map((s) => s.spec)).toEqual(['xmpp-core']);
    expect(verdictSubject(partial.level)).toMatch(/^Cases RFC6120-4\.2\* of XEP-\d+ .*\(a partial run, not a verdict on the level\)$/);
  });

  it('refuses a prefix that selects no case of the level, before connecting', async () => {
    const flags = {
      level: 'core-server', target: ['127.0.0.1:1'], domain: ['localhost'], account: [], ca: [], boshUrl: [], websocketUrl: [], directTls: [], hostMetaUrl: [], core: '3920', reportDir: os.tmpdir(), concurrency: 1, timeout: 5, register: true,
      caseTimeout: 5, stepTimeout: 1, silence: 1, maxStanzaSize: 1000, only: ['RFC6120-4.2', 'XEP0045'], transport: 'auto', progress: false, reruns: 0, actionTimeout: 1, clientTimeout: 1,
    } as RunFlags;
    const run = runCommand(flags, (name) => name === 'level', SUITES, []);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow('--only XEP0045 selects no case of core-server (server); "xmpp-certify list --level core-server" shows the IDs');
  });
});

describe('--fail-on-not-run', () => {
  it('turns a passing run with a case not run into incomplete, and leaves a failing one failed', () => {
    vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const passing = [runReport('t', [caseResult('X-1', 'pass'), caseResult('X-2', 'skip', { skipKind: 'not-run' })])];
    expect(conclude(passing, {}, { verbose: false })).toBe(EXIT.pass);
    expect(conclude(passing, {}, { verbose: false, failOnNotRun: true })).toBe(EXIT.incomplete);
    expect(stderr).toHaveBeenCalledWith('xmpp-certify: 1 case(s) not run, and --fail-on-not-run makes that incomplete\n');
    const failing = [runReport('t', [caseResult('X-1', 'fail'), caseResult('X-2', 'skip', { skipKind: 'not-run' })], 'fail')];
    expect(conclude(failing, {}, { verbose: false, failOnNotRun: true })).toBe(EXIT.fail);
  });
});
