#!/usr/bin/env node
/**
 * `npm run bench [-- prosody|ejabberd …] [--no-serial]`: the whole advanced-server level (TCP
 * and BOSH, registered accounts) against the fixture servers, run by the real CLI. For each
 * server it prints wall time, cases per second, peak RSS and logins of:
 *   - the default settings;
 *   - the local profile (--concurrency 16 --step-timeout 1 --silence 0.3), for a target on the
 *     same machine, with the verdicts compared to the default run's;
 *   - the local profile with --no-session-reuse (a login for every case), with the verdicts
 *     compared to the local profile's;
 *   - the default settings at --concurrency 1, for the ratio (skipped with --no-serial).
 * Beside each run it prints the CPU time the server spent: on a small machine the server under
 * test, not the tool, is often what bounds the wall time.
 * A benchmark, not a test: it prints figures and judges nothing.
 */
import os from 'node:os';
import { FIXTURE_SOFTWARE, startFixture, type FixtureSoftware } from '../fixtures/servers/index.js';
import { certify, type Figures } from './fixture-run.js';

const LOCAL = ['--concurrency', '16', '--step-timeout', '1', '--silence', '0.3'];
const PROFILES: { label: string; args: string[]; serial?: boolean }[] = [
  { label: 'default (concurrency 8, step 5 s, silence 1 s)', args: [] },
  { label: 'local profile (concurrency 16, step 1 s, silence 0.3 s)', args: LOCAL },
  { label: 'local profile, --no-session-reuse', args: [...LOCAL, '--no-session-reuse'] },
  { label: 'default at --concurrency 1', args: ['--concurrency', '1'], serial: true },
];

function row(f: Figures): string {
  return `  ${f.label.padEnd(58)} ${f.wallSeconds.toFixed(1).padStart(6)} s  ${(f.cases / f.wallSeconds).toFixed(1).padStart(6)} cases/s  ${String(f.peakRssMb).padStart(4)} MB peak RSS  ${String(f.logins).padStart(5)} logins (+${String(f.reusedSessions).padStart(3)} reused)  server CPU ${f.serverCpuSeconds.toFixed(1).padStart(5)} s  (${f.cases} cases)`;
}

/** Whether two runs gave each case the same verdict, or which differ. */
function compared(a: Figures, b: Figures): string {
  const changed = [...a.verdicts].filter(([key, c]) => b.verdicts.has(key) && b.verdicts.get(key)!.verdict !== c.verdict).map(([key, c]) => `${key}: ${c.verdict} → ${b.verdicts.get(key)!.verdict}`);
  return changed.length === 0 ? 'the same verdict for every case' : `${changed.length} verdicts differ: ${changed.slice(0, 5).join('; ')}${changed.length > 5 ? '; …' : ''}`;
}

async function main(argv: string[]): Promise<void> {
  const serial = !argv.includes('--no-serial');
  const chosen = argv.filter((a) => !a.startsWith('--')) as FixtureSoftware[];
  const software = chosen.length ? chosen : [...FIXTURE_SOFTWARE];
  const cpus = os.cpus();
  process.stdout.write(`machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}\n`);
  for (const name of software) {
    const runs: Figures[] = [];
    for (const profile of PROFILES) {
      if (profile.serial && !serial) continue;
      // a server of its own for each run: each starts from the same server state
      const server = await startFixture(name);
      try {
        const figures = await certify(server, profile.args);
        if (runs.length === 0) process.stdout.write(`\nadvanced-server against ${figures.report.target.software?.name ?? name} ${figures.report.target.software?.version ?? ''} (fixture, loopback, a new server for each run)\n`);
        runs.push({ ...figures, label: profile.label });
        process.stdout.write(`${row(runs.at(-1)!)}\n`);
      } finally {
        await server.stop();
      }
    }
    const [standard, local, fresh, one] = runs;
    process.stdout.write(`  local profile vs default: ${compared(standard!, local!)}\n`);
    process.stdout.write(`  a login for every case vs reused sessions: ${compared(local!, fresh!)}\n`);
    if (one) process.stdout.write(`  speed-up of concurrency 8 over 1: ${(one.wallSeconds / standard!.wallSeconds).toFixed(1)}×; of the local profile over concurrency 1: ${(one.wallSeconds / local!.wallSeconds).toFixed(1)}×\n`);
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`bench: ${err.message}\n`);
  process.exit(2);
});
