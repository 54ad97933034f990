import { expect } from 'vitest';
import type { CaseResult, RunReport, SpecResult } from '../../src/report/model.js';
import { isKnownFinding } from '../integration/findings.js';
import { allCases, type CliRun } from './cli.js';
import { checkJunitSchema, jsonReportErrors, readWithJunitparser } from './validate.js';

const exitCodeFor = (report: RunReport): number => ({ pass: 0, fail: 1, incomplete: 2 })[report.level.verdict];

/** Failures and errors that are not known findings showing the listed behaviour. */
export function unexplained(cases: CaseResult[]): CaseResult[] {
  return cases.filter((c) => {
    if (c.verdict === 'error') return true;
    if (c.verdict !== 'fail') return false;
    return !isKnownFinding(c.id, c.reason ?? '');
  });
}

export function spec(report: RunReport, id: string): SpecResult {
  const found = report.specs.find((s) => s.spec === id);
  if (!found) throw new Error(`${id} is not in the report`);
  return found;
}

/** What holds for every finished run: valid reports that agree, an exit code that follows the verdict. */
export function expectSoundRun(run: CliRun): void {
  expect(jsonReportErrors(run.report)).toEqual([]);
  expect(run.report.complete).toBe(true);
  expect(run.code).toBe(exitCodeFor(run.report));
  expect(run.stdout + run.stderr, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  checkJunitSchema(run.junitFile);
  const cases = allCases(run.report);
  // what the progress display counted down from is what ran
  expect(run.report.planned).toBe(cases.length);
  const count = (...verdicts: string[]): number => cases.filter((c) => verdicts.includes(c.verdict)).length;
  expect(readWithJunitparser(run.junitFile)).toEqual({
    suites: run.report.specs.length,
    tests: cases.length,
    failures: count('fail'),
    errors: count('error'),
    skipped: count('skip', 'waived'),
  });
}

/** The password and the forms it takes on the wire: SASL PLAIN messages and base64 at every alignment. */
export function secretForms(local: string, jid: string, password: string): string[] {
  const b64 = (text: string): string => Buffer.from(text).toString('base64');
  const inner = [0, 1, 2].map((shift) => b64('\0'.repeat(shift) + password).slice(Math.ceil((shift * 4) / 3), -3)).filter((s) => s.length >= 8);
  return [password, b64(password), b64(`\0${local}\0${password}`), b64(`${jid}\0${local}\0${password}`), ...inner];
}
