#!/usr/bin/env node
/**
 * `npm run stability [-- prosody|ejabberd …] [--runs N] [--core 6120]`: the whole
 * advanced-server level (TCP and BOSH, registered accounts) N times in a row (5 by default)
 * against one fixture server each, and which cases did not get the same verdict every time,
 * with the reason of each run. The same target must give the same verdicts run after run; a
 * target that is itself intermittent shows as "intermittent" in the reports, not as a flip.
 * A check to run by hand, not a test: it prints what it saw and judges nothing.
 */
import { FIXTURE_SOFTWARE, startFixture, type FixtureSoftware } from '../fixtures/servers/index.js';
import type { CaseResult } from '../src/report/model.js';
import { certify, type Figures } from './fixture-run.js';

function option(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
}

const summary = (c: CaseResult): string => `${c.verdict}${c.intermittent ? ` (intermittent: did not pass ${c.intermittent.failed} of ${c.intermittent.runs})` : ''}${c.reason ? `: ${c.reason.slice(0, 140)}` : ''}`;

async function main(argv: string[]): Promise<void> {
  const runs = Number(option(argv, '--runs', '5'));
  const core = option(argv, '--core', '3920');
  const chosen = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--')) as FixtureSoftware[];
  for (const name of chosen.length ? chosen : [...FIXTURE_SOFTWARE]) {
    const server = await startFixture(name);
    const results: Figures[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        results.push(await certify(server, ['--core', core]));
        const r = results.at(-1)!;
        const count = (v: string): number => [...r.verdicts.values()].filter((c) => c.verdict === v).length;
        const intermittent = [...r.verdicts.values()].filter((c) => c.intermittent).length;
        process.stdout.write(`${name} run ${i + 1}: ${r.cases} cases, ${count('pass')} pass, ${count('fail')} fail, ${count('warn')} warn, ${count('skip')} skip, ${count('error')} error, ${intermittent} intermittent, ${r.wallSeconds.toFixed(1)} s\n`);
      }
    } finally {
      await server.stop();
    }
    const keys = [...new Set(results.flatMap((r) => [...r.verdicts.keys()]))];
    const differing = keys.filter((key) => new Set(results.map((r) => r.verdicts.get(key)?.verdict ?? 'absent')).size > 1);
    process.stdout.write(`${name}, --core ${core}: ${differing.length === 0 ? `the same verdict for every case in ${runs} runs` : `${differing.length} cases differ between runs`}\n`);
    for (const key of differing) {
      process.stdout.write(`  ${key}\n${results.map((r, i) => `    run ${i + 1}: ${r.verdicts.has(key) ? summary(r.verdicts.get(key)!) : 'not in the report'}`).join('\n')}\n`);
    }
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`stability: ${err.message}\n`);
  process.exit(2);
});
