import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FixtureServer } from '../../fixtures/servers/index.js';
import type { CaseResult, RunReport } from '../../src/report/model.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/src/cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  report: RunReport;
  jsonFile: string;
  junitFile: string;
}

/** Runs the built CLI (as a user would) and reads back its JSON report. */
export function runCli(args: string[], options: { timeoutMs?: number } = {}): Promise<CliRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmpp-certify-run-'));
  const jsonFile = path.join(dir, 'report.json');
  const junitFile = path.join(dir, 'report.xml');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args, '--json', jsonFile, '--junit', junitFile], { timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      if (!fs.existsSync(jsonFile)) {
        reject(new Error(`no report written (exit ${code}):\n${stderr}\n${stdout}`));
        return;
      }
      resolve({ code, stdout, stderr, report: JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as RunReport, jsonFile, junitFile });
    });
  });
}

/** The arguments that point the CLI at a fixture server. */
export function targetArgs(server: FixtureServer): string[] {
  return ['--target', `${server.host}:${server.port}`, '--domain', server.domain, '--ca', server.caFile];
}

export function accountArgs(server: FixtureServer): string[] {
  return server.accounts.flatMap((a) => ['--account', `${a.jid}:${a.password}`]);
}

export function allCases(report: RunReport): CaseResult[] {
  return report.specs.flatMap((s) => s.cases);
}

/** A compact view of cases that did not pass, for assertion messages. */
export function summary(cases: CaseResult[]): string {
  return cases.map((c) => `${c.verdict.toUpperCase()} ${c.id}[${c.transport}]: ${c.reason ?? ''}`).join('\n');
}
