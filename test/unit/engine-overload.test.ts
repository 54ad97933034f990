import { afterEach, describe, expect, it } from 'vitest';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { LoadProxy } from '../../fixtures/proxy/load-proxy.js';
import { defineCases, type Suite } from '../../src/engine/case.js';
import type { CaseContext } from '../../src/engine/context.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { iq } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { casesById, runAgainst, startHarness } from '../support/harness.js';
import { testCite } from '../support/reports.js';

/** A target that answers load with errors: the run backs off, tries the spoiled cases again, and says how it throttled. */

let server: HarnessServer | undefined;
let proxy: LoadProxy | undefined;
afterEach(async () => {
  await proxy?.stop();
  await server?.close();
  proxy = undefined;
  server = undefined;
});

const suite = (n: number, run: (t: CaseContext) => Promise<void>, accounts = 0): Suite[] => [{
  spec: 'xmpp-core', role: 'server',
  cases: defineCases({ spec: 'xmpp-core', role: 'server' }, Array.from({ length: n }, (_, i) => ({
    id: `TEST-${i + 1}`, cite: testCite(), requirement: `case ${i + 1}`, accounts, run,
  }))),
}];

/** A stream and its features over STARTTLS: what every case of the stream does first. */
const openStream = async (t: CaseContext): Promise<void> => {
  const s = await t.secureStream();
  t.must(s.features !== undefined, 'stream features', s.features);
};

describe('a target that answers load with errors', () => {
  it('lowers its concurrency, tries the spoiled cases again and gets a verdict for each, and reports how it throttled', async () => {
    server = await startHarness();
    // every ninth connection that arrives while others are open gets <internal-server-error/>
    proxy = await LoadProxy.start({ target: { host: '127.0.0.1', port: server.port }, refuse: { every: 9, condition: 'internal-server-error' } });
    const report = await runAgainst({ port: proxy.port, concurrency: 8, reruns: 0, suites: suite(30, openStream) });
    const cases = [...casesById(report).values()];
    expect(proxy.refused, 'connections the proxy refused').toBeGreaterThan(0);
    for (const c of cases) expect(c.verdict, `${c.id}: ${c.reason}`).toBe('pass');
    const retried = cases.filter((c) => c.notes.some((n) => n.startsWith('tried 2 times: an earlier try showed signs of overload (stream error <internal-server-error/>)')));
    expect(retried.length, 'cases tried again').toBeGreaterThan(0);
    expect(report.stats?.throttle).toMatchObject({ max: 8, start: 8, signs: ['stream error <internal-server-error/>'] });
    expect(report.stats!.throttle!.backoffs).toBeGreaterThan(0);
    expect(report.stats!.throttle!.lowest).toBeLessThan(8);
    expect(report.stats!.throttle!.retries).toBe(proxy.refused);
    const terminal = renderTerminal([report], { verbose: false }).replace(/\u001b\[[0-9;]*m/g, '');
    expect(terminal).toContain(`throttled: the target showed signs of overload (stream error <internal-server-error/>); the run lowered its concurrency`);
    expect(terminal).toMatch(new RegExp(`to as few as ${report.stats!.throttle!.lowest} at once, and ${proxy.refused} tr(y was|ies were) run again, not judged`));
  });

  it('judges a target that fails the same way alone as it behaves, after trying again', async () => {
    // every IQ to the server ends the stream with <internal-server-error/>, however few cases run
    server = await startHarness({ streamErrorOnIq: 'internal-server-error' });
    const ping = async (t: CaseContext): Promise<void> => {
      const s = await t.login(t.accounts[0]!);
      await s.iq(iq('get', { to: s.domain }, x('ping', { xmlns: NS.ping })));
    };
    const report = await runAgainst({ port: server.port, concurrency: 4, reruns: 0, suites: suite(1, ping, 1) });
    const result = casesById(report).get('TEST-1')!;
    expect(result.verdict).not.toBe('pass');
    expect(result.verdict).not.toBe('skip');
    expect(result.notes).toContain('this try showed signs of overload too: the case is judged as the target behaved (and run again alone after the others, when --reruns allows)');
    expect(report.stats?.throttle).toMatchObject({ retries: 3, lowest: 1 });
  });
});
