import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISBEHAVIOURS, startChaos, type ChaosServer, type Misbehaviour } from '../../fixtures/chaos/server.js';
import type { RunReport } from '../../src/report/model.js';
import { CLI } from '../support/cli.js';
import { checkJunitSchema, jsonReportErrors } from '../support/validate.js';

const TIMEOUT_S = 20;

// a stream case, a login case with an IQ, a SASL failure case and a disco case
const CASES = ['RFC6120-4.2-1', 'RFC6120-4.3.2-1', 'RFC6120-11.7-1', 'RFC6120-6.4.5-1', 'XEP0030-3.1-1'];

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  seconds: number;
  /** From the SIGINT to the exit, when the run was interrupted. */
  secondsAfterInterrupt?: number;
  output: string;
  report: RunReport;
  junitFile: string;
}

function certify(server: ChaosServer, extra: string[] = [], interruptAfterMs?: number): Promise<Outcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaos-run-'));
  const json = path.join(dir, 'r.json');
  const junit = path.join(dir, 'r.xml');
  const args = [
    CLI, '--level', 'core-server', '--core', '6120', '--target', `127.0.0.1:${server.port}`, '--domain', server.domain, '--ca', server.caFile,
    ...server.accounts.flatMap((a) => ['--account', `${a.jid}:${a.password}`]),
    ...CASES.flatMap((id) => ['--only', id]),
    '--timeout', String(TIMEOUT_S), '--case-timeout', '6', '--step-timeout', '1', '--silence', '0.3', '--no-progress',
    '--json', json, '--junit', junit, ...extra,
  ];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // a user's Ctrl-C at some moment of the run: counted from the tool's first connection, so that a
    // slow start on a loaded machine does not turn it into a Ctrl-C during start-up; the test asserts
    // how the run ends, not what it had reached
    let interruptedAt: number | undefined;
    const interrupt = (): void => {
      interruptedAt = performance.now();
      child.kill('SIGINT');
    };
    if (interruptAfterMs) void server.connected().then(() => setTimeout(interrupt, interruptAfterMs));
    child.on('exit', (code, signal) => {
      if (!fs.existsSync(json)) return reject(new Error(`no JSON report (exit ${code}):\n${output}`));
      const ended = performance.now();
      resolve({ code, signal, seconds: (ended - started) / 1000, secondsAfterInterrupt: interruptedAt && (ended - interruptedAt) / 1000, output, report: JSON.parse(fs.readFileSync(json, 'utf8')) as RunReport, junitFile: junit });
    });
  });
}

function expectSoundEnding(o: Outcome): void {
  expect(o.seconds, 'the run ends within its global deadline').toBeLessThan(TIMEOUT_S + 10);
  expect(jsonReportErrors(o.report)).toEqual([]);
  checkJunitSchema(o.junitFile);
  expect(o.output, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect(o.output).not.toMatch(/internal error|Unhandled|TypeError|ReferenceError/);
  const cases = o.report.specs.flatMap((s) => s.cases);
  expect(cases.length).toBe(CASES.length);
  for (const c of cases.filter((c) => c.verdict !== 'pass')) {
    expect(c.reason, `${c.id} has a reason`).toBeTruthy();
    expect(c.reason, `${c.id}: one line`).not.toContain('\n');
  }
  const expectedCode = o.report.level.verdict === 'fail' ? 1 : o.report.level.verdict === 'incomplete' ? 2 : 0;
  expect(o.code).toBe(expectedCode);
  expect(o.code, 'a broken target never passes').not.toBe(0);
}

const verdict = (o: Outcome, id: string): string | undefined => o.report.specs.flatMap((s) => s.cases).find((c) => c.id === id)?.verdict;

describe('hostile and broken targets', () => {
  const servers = new Map<Misbehaviour, ChaosServer>();
  beforeAll(async () => {
    for (const b of Object.keys(MISBEHAVIOURS) as Misbehaviour[]) servers.set(b, await startChaos(b));
  });
  afterAll(async () => {
    for (const s of servers.values()) await s.close();
  });

  it.each(Object.keys(MISBEHAVIOURS) as Misbehaviour[])('%s: ends in time with complete, valid reports and one-line reasons', async (behaviour) => {
    const o = await certify(servers.get(behaviour)!);
    expectSoundEnding(o);
    expect(o.report.complete).toBe(true);
    expect(o.report.stats!.peakRssBytes, 'memory stays bounded').toBeLessThan(200 * 1024 * 1024);
  });

  // a target there is nothing to certify on ends the run before any case: every case not run,
  // the reason once on stderr, exit 2; never a failure of the target
  const expectUnusable = (o: Outcome, reason: RegExp): void => {
    expect(o.report.unusable).toMatch(reason);
    expect(o.report.specs.flatMap((s) => s.cases).map((c) => `${c.verdict}/${c.skipKind}`)).toEqual(CASES.map(() => 'skip/not-run'));
    expect(o.code).toBe(2);
    expect(o.output.split('\n').filter((line) => line.startsWith('xmpp-certify: '))).toEqual([expect.stringMatching(reason)]);
  };

  it('reports an unreachable target in one line, not as a failure of the target', async () => {
    expectUnusable(await certify(servers.get('refuse')!), /nothing listens at 127\.0\.0\.1:\d+ \(connection refused\)$/);
  });

  it('fails a server that accepts any password, and one that answers IQs wrongly', async () => {
    expect(verdict(await certify(servers.get('any-password')!), 'RFC6120-6.4.5-1')).toBe('fail');
    for (const b of ['iq-wrong-id', 'iq-never', 'iq-wrong-type'] as const) {
      expect(verdict(await certify(servers.get(b)!), 'RFC6120-11.7-1'), b).toBe('fail');
    }
  });

  it('refuses a DOCTYPE and never expands its entities', async () => {
    const o = await certify(servers.get('doctype')!);
    const result = o.report.specs.flatMap((s) => s.cases).find((c) => c.id === 'RFC6120-4.3.2-1')!;
    expect(result.verdict).toBe('fail');
    expect(JSON.stringify(result.transcript)).toMatch(/restricted-xml \(document type declaration\)/);
    expect(JSON.stringify(o.report)).not.toContain('lollollol');
  });

  it('says what a target that is not XMPP is', async () => {
    expectUnusable(await certify(servers.get('http')!), /is not an XMPP server: it answered a stream header with "HTTP\/1\.1 400/);
    expectUnusable(await certify(servers.get('ssh')!), /is not an XMPP server: it answered a stream header with "SSH-2\.0-/);
    expectUnusable(await certify(servers.get('silent')!), /sent nothing in answer to a stream header within 1 s/);
  });

  it('names a certificate for the wrong name, with the way out', async () => {
    expectUnusable(await certify(servers.get('wrong-name-cert')!), /certificate of 127\.0\.0\.1:\d+ is not trusted \(Hostname\/IP does not match certificate's altnames.*\): trust its CA with --ca FILE, or skip verification with --insecure-tls$/);
  });

  it('stops on SIGINT while the target keeps it waiting: exit 2 within seconds, every case marked, both reports written', async () => {
    // IQs go unanswered, so the check of the account before the cases waits on its 20 s step
    // deadline when the signal comes (that finished cases are kept is held by the unit tests:
    // engine-deadlines-and-interruption.test.ts)
    const o = await certify(servers.get('iq-never')!, ['--step-timeout', '20', '--case-timeout', '60', '--timeout', '120', '--concurrency', '1'], 1500);
    expect(o.secondsAfterInterrupt).toBeLessThan(5);
    expect(o.code).toBe(2);
    expect(o.report.complete).toBe(false);
    expect(o.report.interruption).toBe('interrupted by SIGINT');
    const cases = o.report.specs.flatMap((s) => s.cases);
    expect(cases.length).toBe(CASES.length);
    for (const c of cases) expect(`${c.verdict}/${c.skipKind}: ${c.reason}`).toMatch(/^skip\/not-run: not run: interrupted by SIGINT/);
    checkJunitSchema(o.junitFile);
    expect(jsonReportErrors(o.report)).toEqual([]);
  });
});
