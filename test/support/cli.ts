import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FixtureServer } from '../../fixtures/servers/index.js';
import { renderTranscript } from '../../src/evidence/transcript.js';
import type { CaseResult, RunReport } from '../../src/report/model.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The built CLI; XMPP_CERTIFY_CLI points the tests at another build (e.g. one in a scratch folder). */
export const CLI = process.env.XMPP_CERTIFY_CLI ?? path.join(ROOT, 'dist/src/cli.js');

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRun extends ToolRun {
  report: RunReport;
  jsonFile: string;
  junitFile: string;
  htmlFile?: string;
  markdownFile?: string;
}

/** Runs the built CLI (as a user would) with `args` as they are. */
export function runTool(args: string[], options: { timeoutMs?: number } = {}): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Runs a certification with the CLI, writing its reports to a fresh directory, and reads back the JSON one. */
export async function runCli(args: string[], options: { timeoutMs?: number; html?: boolean; markdown?: boolean } = {}): Promise<CliRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmpp-certify-run-'));
  const files = {
    jsonFile: path.join(dir, 'report.json'),
    junitFile: path.join(dir, 'report.xml'),
    htmlFile: options.html ? path.join(dir, 'report.html') : undefined,
    markdownFile: options.markdown ? path.join(dir, 'report.md') : undefined,
  };
  const outputs = ['--json', files.jsonFile, '--junit', files.junitFile];
  if (files.htmlFile) outputs.push('--html', files.htmlFile);
  if (files.markdownFile) outputs.push('--markdown', files.markdownFile);
  const run = await runTool([...args, ...outputs], options);
  if (!fs.existsSync(files.jsonFile)) throw new Error(`no report written (exit ${run.code}):\n${run.stderr}\n${run.stdout}`);
  return { ...run, ...files, report: JSON.parse(fs.readFileSync(files.jsonFile, 'utf8')) as RunReport };
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

/**
 * A compact view of cases that did not pass, for assertion messages: each with the end of its
 * transcript, so that a failure seen once in CI leaves its evidence in the log.
 */
export function summary(cases: CaseResult[]): string {
  return cases.map((c) => {
    const tail = renderTranscript(c.transcript.slice(-TRANSCRIPT_TAIL)).split('\n').map((line) => `    ${line.slice(0, 300)}`).join('\n');
    return `${c.verdict.toUpperCase()} ${c.id}[${c.transport}]: ${c.reason ?? ''}\n${tail}`;
  }).join('\n');
}

/** How many transcript entries summary() shows per case. */
const TRANSCRIPT_TAIL = 12;
