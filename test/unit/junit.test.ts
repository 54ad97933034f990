import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convertJUnitToCTRFReport } from 'junit-to-ctrf';
import { describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { writeReports } from '../../src/cli/run.js';
import { writeJson } from '../../src/report/json.js';
import { JUNIT_WARNING_MODES, type JunitWarnings, writeJunit } from '../../src/report/junit.js';
import type { CaseResult, RunReport } from '../../src/report/model.js';
import { caseResult, runReport } from '../support/reports.js';
import { checkJunitSchema, readWithJunitparser } from '../support/validate.js';

/**
 * What CI readers make of the JUnit file: GitLab reads a skip's text, Jenkins, junitparser
 * (EnricoMi's GitHub action) and the other GitHub reporters its message; each shows times and
 * follows a case from run to run by its names. junit-to-ctrf is the reader ctrf-io's GitHub
 * test reporter runs on JUnit files.
 */

const at = (seconds: number): string => new Date(Date.UTC(2026, 10, 21, 0, 0, seconds)).toISOString();

/** One case of every verdict, the warning and the waived one with what their readers should show. */
function everyVerdict(): CaseResult[] {
  const should = { strength: 'should' as const, expected: 'a stream id', actual: 'none' };
  return [
    caseResult('RFC6120-4.2-1', 'pass', { startedAt: at(0), durationMs: 1000 }),
    caseResult('RFC6120-4.7.1-1', 'fail', { reason: 'expected from; got none', findings: [{ strength: 'must', expected: 'from', actual: 'none' }], startedAt: at(0), durationMs: 250 }),
    caseResult('RFC6120-4.7.3-1', 'warn', { keyword: 'SHOULD', strength: 'should', reason: 'SHOULD not met: expected a stream id', findings: [should], startedAt: at(1), durationMs: 500 }),
    caseResult('RFC6120-4.7.3-1', 'warn', { transport: 'bosh', keyword: 'SHOULD', strength: 'should', reason: 'SHOULD not met: expected a stream id', findings: [should], startedAt: at(1), durationMs: 500 }),
    caseResult('RFC6120-4.9.3.6-1', 'skip', { skipKind: 'not-applicable', reason: 'the server offers no TLS', startedAt: at(2), durationMs: 500 }),
    caseResult('RFC6120-4.9.3.7-1', 'skip', { skipKind: 'not-run', startedAt: at(2), durationMs: 0 }),
    caseResult('RFC6120-4.6-1', 'error', { reason: 'tool error: the setup failed', startedAt: at(2), durationMs: 1 }),
    caseResult('RFC6120-13.8-2', 'waived', { reason: 'expected DIGEST-MD5; got none', waiver: { reason: 'DIGEST-MD5 removed (RFC 6331)', status: 'applied', verdict: 'fail' }, startedAt: at(1), durationMs: 1 }),
  ];
}

/** A report like one made with --only: a second spec none of whose cases was selected. */
function withUnselectedSpec(report: RunReport): RunReport {
  const spec = report.specs[0]!;
  report.specs.push({ ...spec, spec: 'xmpp-im', name: 'RFC 6121', title: 'XMPP IM', verdict: 'untested', cases: [] });
  return report;
}

function render(reports: RunReport[], warnings?: JunitWarnings): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'junit-')), 'report.xml');
  writeJunit(file, reports, warnings && { warnings });
  return file;
}

const xpath = (file: string, expression: string): string =>
  execFileSync('xmllint', ['--xpath', expression, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).replace(/\n$/, '');

/** [suite name, class name, test name] of every testcase, in order. */
function names(file: string): string[][] {
  const xml = fs.readFileSync(file, 'utf8');
  const rows: string[][] = [];
  let suite = '';
  for (const m of xml.matchAll(/<testsuite name="([^"]*)"|<testcase classname="([^"]*)" name="([^"]*)"/g)) {
    if (m[1] !== undefined) suite = m[1];
    else rows.push([suite, m[2]!, m[3]!]);
  }
  return rows;
}

describe('JUnit for CI readers', () => {
  it.each(JUNIT_WARNING_MODES)('is valid against the junit-10 schema with warnings as %s', (warnings) => {
    const file = render([withUnselectedSpec(runReport('prosody', everyVerdict(), 'fail'))], warnings);
    expect(() => checkJunitSchema(file)).not.toThrow();
  });

  it('gives every skip its reason, as the message (Jenkins, GitHub reporters) and as the text (GitLab)', () => {
    const file = render([runReport('prosody', everyVerdict(), 'fail')]);
    expect(Number(xpath(file, 'count(//skipped)'))).toBe(5);
    expect(Number(xpath(file, 'count(//skipped[not(normalize-space(@message)) or not(normalize-space(.))])'))).toBe(0);
    const skipped = (id: string, what: string): string => xpath(file, `string(//testcase[starts-with(@name, "${id} ")]/skipped/${what})`);
    expect(skipped('RFC6120-4.9.3.6-1', '@message')).toBe('the server offers no TLS');
    expect(skipped('RFC6120-4.9.3.6-1', '@type')).toBe('not-applicable');
    expect(skipped('RFC6120-4.9.3.6-1', 'text()')).toBe('the server offers no TLS');
    expect(skipped('RFC6120-4.9.3.7-1', '@message')).toBe('no reason recorded (not-run)');
    expect(skipped('RFC6120-13.8-2', '@message')).toBe('WAIVED: expected DIGEST-MD5; got none (FAIL accepted by a waiver: DIGEST-MD5 removed (RFC 6331))');
  });

  it('times every testcase, every suite and the whole file in seconds; a suite by the span of its cases, which run side by side', () => {
    const file = render([runReport('prosody', everyVerdict(), 'fail')]);
    const xml = fs.readFileSync(file, 'utf8');
    // the first case starts at 0 s, the last ends at 2.5 s
    expect(xml).toMatch(/<testsuites [^>]*time="2\.500">/);
    expect(xml).toMatch(/<testsuite [^>]*time="2\.500">/);
    expect(xml).toMatch(/<testcase [^>]*name="RFC6120-4\.2-1 [^"]*" time="1\.000">/);
    expect(xml).toMatch(/<testcase [^>]*name="RFC6120-4\.6-1 [^"]*" time="0\.001">/);
    expect(Number(xpath(file, 'count(//testsuite[not(@time)] | //testcase[not(@time)])'))).toBe(0);
  });

  it('writes no suite for a spec none of whose cases was selected, for one target or several', () => {
    const one = render([withUnselectedSpec(runReport('prosody', everyVerdict(), 'fail'))]);
    expect(xpath(one, 'count(//testsuite)')).toBe('1');
    expect(fs.readFileSync(one, 'utf8')).not.toContain('RFC 6121');
    expect(readWithJunitparser(one)).toMatchObject({ suites: 1, tests: 8 });
    const matrix = render([withUnselectedSpec(runReport('prosody', everyVerdict(), 'fail')), withUnselectedSpec(runReport('ejabberd', everyVerdict(), 'fail'))]);
    expect(xpath(matrix, 'count(//testsuite)')).toBe('2');
    expect(Number(xpath(matrix, 'count(//testsuite[not(testcase)])'))).toBe(0);
  });

  it.each([
    // mode, what junit-to-ctrf (ctrf-io's GitHub reporter) counts, what junitparser (EnricoMi's action) counts
    ['skipped', { tests: 8, passed: 1, failed: 2, skipped: 5 }, { failures: 1, errors: 1, skipped: 5 }],
    ['failure', { tests: 8, passed: 1, failed: 4, skipped: 3 }, { failures: 3, errors: 1, skipped: 3 }],
    ['pass', { tests: 8, passed: 3, failed: 2, skipped: 3 }, { failures: 1, errors: 1, skipped: 3 }],
  ] as const)('with warnings as %s, real readers count them so', async (warnings, ctrfCounts, junitparserCounts) => {
    const file = render([runReport('prosody', everyVerdict(), 'fail')], warnings);
    const ctrf = await convertJUnitToCTRFReport(file);
    expect(ctrf?.results.summary).toMatchObject(ctrfCounts);
    expect(readWithJunitparser(file)).toEqual({ suites: 1, tests: 8, ...junitparserCounts });
    // the suite's own counts agree with its testcases, for readers that trust the attributes
    expect(xpath(file, 'string(//testsuite/@failures)')).toBe(String(junitparserCounts.failures));
    expect(xpath(file, 'string(//testsuite/@skipped)')).toBe(String(junitparserCounts.skipped));
    expect(xpath(file, 'string(/testsuites/@failures)')).toBe(String(junitparserCounts.failures));

    const warned = ctrf!.results.tests.filter((t) => t.name.startsWith('RFC6120-4.7.3-1'));
    expect(warned.map((t) => t.name)).toEqual(['RFC6120-4.7.3-1 requirement of RFC6120-4.7.3-1', 'RFC6120-4.7.3-1[bosh] requirement of RFC6120-4.7.3-1']);
    for (const t of warned) {
      expect(t.status).toBe({ skipped: 'skipped', failure: 'failed', pass: 'passed' }[warnings]);
      // whatever the mode, the output a reader shows for the case starts with the warning
      expect(t.stdout?.[0]).toBe('WARN: SHOULD not met: expected a stream id');
    }
    if (warnings === 'failure') expect(warned[0]!.message).toBe('WARN: SHOULD not met: expected a stream id');
    if (warnings !== 'pass') expect(xpath(file, 'string(//testcase[starts-with(@name, "RFC6120-4.7.3-1 ")]/*[@type="warning"]/@message)')).toBe('WARN: SHOULD not met: expected a stream id');
  });

  it('names suites, classes and cases the same from run to run, whatever the verdicts, reasons and times', () => {
    const first = everyVerdict();
    const second = first.map((c, i) => ({ ...c, verdict: i % 2 ? 'pass' : 'fail', reason: `run 2: ${i}`, startedAt: at(30 + i), durationMs: 1234 * i }) as CaseResult);
    const a = names(render([runReport('prosody', first, 'fail'), runReport('ejabberd', first, 'fail')]));
    const b = names(render([runReport('prosody', second, 'pass'), runReport('ejabberd', second, 'pass')]));
    expect(a).toHaveLength(16);
    expect(b).toEqual(a);
    expect(a[0]).toEqual(['prosody: RFC 6120 XMPP Core', 'prosody.core-server.RFC6120', 'RFC6120-4.2-1 requirement of RFC6120-4.2-1']);
    // a case is one name: two testcases with the same names would be merged or dropped as reruns
    expect(new Set(a.map((row) => row.join('|'))).size).toBe(a.length);
  });
});

describe('--junit-warnings', () => {
  const warningElement = (file: string): string => xpath(file, 'name(//testcase[starts-with(@name, "RFC6120-4.7.3-1 ")]/*[1])');

  it('is an option of run and merge, skipped by default, and one of the three modes', () => {
    for (const name of ['run', 'merge']) {
      const option = buildProgram().commands.find((c) => c.name() === name)!.options.find((o) => o.long === '--junit-warnings');
      expect(option, name).toMatchObject({ defaultValue: 'skipped', argChoices: [...JUNIT_WARNING_MODES] });
    }
  });

  it('reaches the JUnit file a run writes', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'junit-')), 'run.xml');
    writeReports({ junit: file }, [runReport('prosody', everyVerdict(), 'fail')], true, { junit: { warnings: 'failure' } });
    expect(warningElement(file)).toBe('failure');
    writeReports({ junit: file }, [runReport('prosody', everyVerdict(), 'fail')], true);
    expect(warningElement(file)).toBe('skipped');
  });

  it('reaches the JUnit file a merge writes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'junit-'));
    const [json, xml] = [path.join(dir, 'prosody.json'), path.join(dir, 'merged.xml')];
    writeJson(json, [runReport('prosody', everyVerdict(), 'fail')]);
    vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    const exitCode = process.exitCode;
    try {
      await buildProgram().parseAsync(['merge', json, '--junit', xml, '--junit-warnings', 'pass'], { from: 'user' });
    } finally {
      process.exitCode = exitCode;
      vi.restoreAllMocks();
    }
    expect(warningElement(xml)).toBe('system-out');
  });
});
