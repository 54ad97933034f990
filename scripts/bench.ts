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
 *   - the default settings at --concurrency 1, for the ratio (skipped with --no-serial);
 * and, as users reach servers in the field, each with the default settings:
 *   - the three accounts the fixture made, given with --account (no registration);
 *   - 50 ms of round-trip time: a proxy on loopback delays every chunk 25 ms each way (c2s and BOSH);
 *   - a fragile target: a proxy answers every ninth connection that arrives while others are open
 *     with a stream error <internal-server-error/>;
 * with the ratio of their wall time to the default run's and the verdicts that differ from it.
 * `--profiles default,given,rtt50,fragile` runs only those (keys: default, local, no-reuse,
 * serial, given, rtt50, fragile).
 * Beside each run it prints the CPU time the server spent: on a small machine the server under
 * test, not the tool, is often what bounds the wall time.
 * A benchmark, not a test: it prints figures and judges nothing.
 */
import os from 'node:os';
import { FIXTURE_SOFTWARE, startFixture, type FixtureServer, type FixtureSoftware } from '../fixtures/servers/index.js';
import { LoadProxy, type LoadProxyOptions } from '../fixtures/proxy/load-proxy.js';
import type { RunReport } from '../src/report/model.js';
import { certify, type Figures as RunFigures, type Route } from './fixture-run.js';

/** A run's figures and its report. */
type Figures = RunFigures & { report: RunReport };

const LOCAL = ['--concurrency', '16', '--step-timeout', '1', '--silence', '0.3'];

interface Profile {
  key: string;
  label: string;
  args: string[];
  serial?: boolean;
  givenAccounts?: boolean;
  /** Proxies in front of the server's c2s and HTTP ports. */
  proxy?: (port: number) => LoadProxyOptions;
}

const PROFILES: Profile[] = [
  { key: 'default', label: 'default (concurrency 1-64 from 8, step 5 s, silence 1 s)', args: [] },
  { key: 'local', label: 'local profile (concurrency 16, step 1 s, silence 0.3 s)', args: LOCAL },
  { key: 'no-reuse', label: 'local profile, --no-session-reuse', args: [...LOCAL, '--no-session-reuse'] },
  { key: 'serial', label: 'default at --concurrency 1', args: ['--concurrency', '1'], serial: true },
  { key: 'given', label: 'default, three given accounts (no --register)', args: [], givenAccounts: true },
  { key: 'rtt50', label: 'default, 50 ms round trip (25 ms each way)', args: [], proxy: (port) => ({ target: { host: '127.0.0.1', port }, delayMs: 25 }) },
  { key: 'fragile', label: 'default, every 9th concurrent connection refused', args: [], proxy: (port) => ({ target: { host: '127.0.0.1', port }, refuse: { every: 9, condition: 'internal-server-error' } }) },
];

/** The memory a run may take at most. */
const RSS_LIMIT_MB = 150;

function row(f: Figures, reference?: Figures): string {
  const ratio = reference && reference !== f ? `  ${(f.wallSeconds / reference.wallSeconds).toFixed(1)}× default` : '';
  const throttle = f.report.stats?.throttle;
  const concurrency = throttle ? `  at once ${throttle.start}→${throttle.peak}${throttle.backoffs ? `, ${throttle.backoffs} backoffs (lowest ${throttle.lowest}), ${throttle.retries} tries again` : ''}` : '';
  const memory = f.peakRssMb > RSS_LIMIT_MB ? ` (over ${RSS_LIMIT_MB} MB!)` : '';
  return `  ${f.label.padEnd(58)} ${f.wallSeconds.toFixed(1).padStart(6)} s  ${(f.cases / f.wallSeconds).toFixed(1).padStart(6)} cases/s  ${String(f.peakRssMb).padStart(4)} MB peak RSS${memory}  ${String(f.logins).padStart(5)} logins (+${String(f.reusedSessions).padStart(3)} reused)  server CPU ${f.serverCpuSeconds.toFixed(1).padStart(5)} s  (${f.cases} cases)${ratio}${concurrency}`;
}

/** Starts the profile's proxies, if any, and runs the CLI through them. */
async function run(server: FixtureServer, profile: Profile): Promise<Figures> {
  const route: Route = { givenAccounts: profile.givenAccounts };
  const proxies = profile.proxy ? await Promise.all([LoadProxy.start(profile.proxy(server.port)), LoadProxy.start({ ...profile.proxy(server.httpPort), refuse: undefined })]) : [];
  if (proxies.length) route.via = { port: proxies[0]!.port, httpPort: proxies[1]!.port };
  try {
    return await certify(server, profile.args, route);
  } finally {
    await Promise.all(proxies.map((p) => p.stop()));
  }
}

/** Whether two runs gave each case the same verdict, or which differ. */
function compared(a: Figures, b: Figures): string {
  const changed = [...a.verdicts].filter(([key, c]) => b.verdicts.has(key) && b.verdicts.get(key)!.verdict !== c.verdict).map(([key, c]) => `${key}: ${c.verdict} → ${b.verdicts.get(key)!.verdict}`);
  return changed.length === 0 ? 'the same verdict for every case' : `${changed.length} verdicts differ: ${changed.slice(0, 5).join('; ')}${changed.length > 5 ? '; …' : ''}`;
}

async function main(argv: string[]): Promise<void> {
  const serial = !argv.includes('--no-serial');
  const keys = argv.find((a) => a.startsWith('--profiles='))?.slice('--profiles='.length).split(',');
  const profiles = PROFILES.filter((p) => (keys ? keys.includes(p.key) : !p.serial || serial));
  const chosen = argv.filter((a) => !a.startsWith('--')) as FixtureSoftware[];
  const software = chosen.length ? chosen : [...FIXTURE_SOFTWARE];
  const cpus = os.cpus();
  process.stdout.write(`machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}\n`);
  for (const name of software) {
    const runs = new Map<string, Figures>();
    for (const profile of profiles) {
      // a server of its own for each run: each starts from the same server state
      const server = await startFixture(name);
      try {
        const figures = await run(server, profile);
        if (runs.size === 0) process.stdout.write(`\nadvanced-server against ${figures.report.target.software?.name ?? name} ${figures.report.target.software?.version ?? ''} (fixture, loopback, a new server for each run)\n`);
        runs.set(profile.key, { ...figures, label: profile.label });
        process.stdout.write(`${row(runs.get(profile.key)!, runs.get('default'))}\n`);
      } finally {
        await server.stop();
      }
    }
    const [standard, local, fresh, one] = ['default', 'local', 'no-reuse', 'serial'].map((key) => runs.get(key));
    if (standard && local) process.stdout.write(`  local profile vs default: ${compared(standard, local)}\n`);
    if (local && fresh) process.stdout.write(`  a login for every case vs reused sessions: ${compared(local, fresh)}\n`);
    if (one && standard && local) process.stdout.write(`  speed-up of the default over concurrency 1: ${(one.wallSeconds / standard.wallSeconds).toFixed(1)}×; of the local profile over concurrency 1: ${(one.wallSeconds / local.wallSeconds).toFixed(1)}×\n`);
    for (const key of ['given', 'rtt50', 'fragile']) {
      const field = runs.get(key);
      if (standard && field) process.stdout.write(`  ${field.label} vs default: ${(field.wallSeconds / standard.wallSeconds).toFixed(1)}× the time; ${compared(standard, field)}\n`);
    }
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`bench: ${err.message}\n`);
  process.exit(2);
});
