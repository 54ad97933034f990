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
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_SOFTWARE, startFixture, type FixtureServer, type FixtureSoftware } from '../fixtures/servers/index.js';
import type { RunReport } from '../src/report/model.js';

const CLI = path.resolve(import.meta.dirname, '../src/cli.js');

interface Figures {
  label: string;
  wallSeconds: number;
  cases: number;
  peakRssMb: number;
  logins: number;
  reusedSessions: number;
  serverCpuSeconds: number;
  verdicts: Map<string, string>;
}

const LOCAL = ['--concurrency', '16', '--step-timeout', '1', '--silence', '0.3'];
const PROFILES: { label: string; args: string[]; serial?: boolean }[] = [
  { label: 'default (concurrency 8, step 5 s, silence 1 s)', args: [] },
  { label: 'local profile (concurrency 16, step 1 s, silence 0.3 s)', args: LOCAL },
  { label: 'local profile, --no-session-reuse', args: [...LOCAL, '--no-session-reuse'] },
  { label: 'default at --concurrency 1', args: ['--concurrency', '1'], serial: true },
];

/** User and system CPU seconds of every process started from the server's work directory. */
function serverCpuSeconds(server: FixtureServer): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(server.workDir)) continue;
      // the fields after the command name, which is in parentheses and may hold spaces
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while we looked
    }
  }
  return ticks / ticksPerSecond;
}

function certify(server: FixtureServer, extra: string[]): Promise<Figures & { report: RunReport }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmpp-certify-bench-'));
  const json = path.join(dir, 'report.json');
  // both files, as a run without --json or --junit writes them: the memory figure includes them
  const junit = path.join(dir, 'report.xml');
  const args = [
    CLI, '--level', 'advanced-server', '--target', `${server.host}:${server.port}`, '--domain', server.domain, '--ca', server.caFile,
    '--register', '--bosh-url', server.boshUrl, '--no-progress', '--json', json, '--junit', junit, ...extra,
  ];
  const started = performance.now();
  const cpuAtStart = serverCpuSeconds(server);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (err) => {
      const wallSeconds = (performance.now() - started) / 1000;
      const serverCpu = serverCpuSeconds(server) - cpuAtStart;
      if (!fs.existsSync(json)) return reject(err ?? new Error('no report written'));
      const report = JSON.parse(fs.readFileSync(json, 'utf8')) as RunReport;
      fs.rmSync(dir, { recursive: true, force: true });
      const cases = report.specs.flatMap((s) => s.cases);
      resolve({
        label: '',
        wallSeconds,
        cases: cases.length,
        peakRssMb: Math.round((report.stats?.peakRssBytes ?? 0) / 1048576),
        logins: report.stats?.logins ?? 0,
        reusedSessions: report.stats?.reusedSessions ?? 0,
        serverCpuSeconds: serverCpu,
        verdicts: new Map(cases.map((c) => [`${c.id} ${c.transport}`, c.verdict])),
        report,
      });
    });
  });
}

function row(f: Figures): string {
  return `  ${f.label.padEnd(58)} ${f.wallSeconds.toFixed(1).padStart(6)} s  ${(f.cases / f.wallSeconds).toFixed(1).padStart(6)} cases/s  ${String(f.peakRssMb).padStart(4)} MB peak RSS  ${String(f.logins).padStart(5)} logins (+${String(f.reusedSessions).padStart(3)} reused)  server CPU ${f.serverCpuSeconds.toFixed(1).padStart(5)} s  (${f.cases} cases)`;
}

/** Whether two runs gave each case the same verdict, or which differ. */
function compared(a: Figures, b: Figures): string {
  const changed = [...a.verdicts].filter(([key, v]) => b.verdicts.has(key) && b.verdicts.get(key) !== v).map(([key, v]) => `${key}: ${v} → ${b.verdicts.get(key)}`);
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
