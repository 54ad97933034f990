/**
 * One advanced-server run of the real CLI against a fixture server, with the figures the bench
 * and the stability check print: wall time, memory, logins, the server's CPU, every verdict.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FixtureServer } from '../fixtures/servers/index.js';
import type { CaseResult, RunReport } from '../src/report/model.js';

const CLI = path.resolve(import.meta.dirname, '../src/cli.js');

export interface Figures {
  label: string;
  wallSeconds: number;
  cases: number;
  peakRssMb: number;
  logins: number;
  reusedSessions: number;
  serverCpuSeconds: number;
  /** `ID transport` → the case's result. */
  verdicts: Map<string, CaseResult>;
}

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

/** How a run reaches the server, where not directly with registered accounts. */
export interface Route {
  /** A proxy's ports in front of the server's c2s and HTTP ports. */
  via?: { port: number; httpPort: number };
  /** Log in with the fixture's accounts instead of registering throw-away ones. */
  givenAccounts?: boolean;
}

export function certify(server: FixtureServer, extra: string[], route: Route = {}): Promise<Figures & { report: RunReport }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmpp-certify-bench-'));
  const json = path.join(dir, 'report.json');
  // both files, as a run without --json or --junit writes them: the memory figure includes them
  const junit = path.join(dir, 'report.xml');
  const args = [
    CLI, '--level', 'advanced-server', '--target', `${server.host}:${route.via?.port ?? server.port}`, '--domain', server.domain, '--ca', server.caFile,
    ...(route.givenAccounts ? server.accounts.flatMap((a) => ['--account', `${a.jid}:${a.password}`]) : ['--register']),
    '--bosh-url', route.via ? server.boshUrl.replace(`:${server.httpPort}/`, `:${route.via.httpPort}/`) : server.boshUrl,
    '--no-progress', '--json', json, '--junit', junit, ...extra,
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
        verdicts: new Map(cases.map((c) => [`${c.id} ${c.transport}`, c])),
        report,
      });
    });
  });
}
