import { expect } from 'vitest';
import type { CaseResult, RunReport, SpecResult } from '../../src/report/model.js';
import { KNOWN_FINDINGS, knownFinding } from '../../fixtures/findings.js';
import { allCases, type CliRun } from './cli.js';
import { checkJunitSchema, jsonReportErrors, readWithJunitparser } from './validate.js';

const exitCodeFor = (report: RunReport): number => ({ pass: 0, fail: 1, incomplete: 2 })[report.level.verdict];

/**
 * The findings of one fixture software across the runs of a test file: what each run failed
 * that is not a known finding, and, at the end, the known findings no run showed although a run
 * judged their case (a stale allowance).
 */
export class FindingsLedger {
  /** `id|baseline` of the failures explained by a finding. */
  private readonly seen = new Set<string>();
  /** `id|baseline` → the versions of the XEP that judged it ('' for the RFCs). */
  private readonly judged = new Map<string, Set<string>>();

  constructor(readonly software: string) {}

  /** Failures and errors of `report` that are not known findings of this software showing the listed behaviour. */
  unexplained(report: RunReport): CaseResult[] {
    const baseline = report.level.baseline;
    return allCases(report).filter((c) => {
      const key = `${c.id}|${baseline}`;
      if (c.verdict !== 'skip') this.judged.set(key, (this.judged.get(key) ?? new Set()).add(c.citation?.version ?? ''));
      if (c.verdict === 'error') return true;
      if (c.verdict !== 'fail') return false;
      const finding = knownFinding(c.id, c.reason ?? '', this.software, baseline, c.citation?.version);
      if (finding) this.seen.add(`${c.id}|${baseline}`);
      return !finding;
    });
  }

  /** Known findings of this software whose case ran under a baseline (and version) they list, but that no run showed. */
  stale(): string[] {
    const judgedAsListed = (f: (typeof KNOWN_FINDINGS)[number], key: string): boolean =>
      [...(this.judged.get(key) ?? [])].some((v) => !f.versions || f.versions.includes(v));
    return KNOWN_FINDINGS.filter((f) => f.on.includes(this.software as never) && !f.sometimes).flatMap((f) => (f.baselines ?? ['3920', '6120'])
      .filter((b) => judgedAsListed(f, `${f.id}|${b}`) && !this.seen.has(`${f.id}|${b}`))
      .map((b) => `${f.id} under --core ${b}: listed for ${this.software}, not seen (${f.seen})`));
  }
}

/**
 * The clean-up steps that failed, as "ID[transport] note": each leaves state behind for later
 * cases (a privacy list, a roster item, a bookmark, a session).
 */
export function failedCleanups(report: RunReport): string[] {
  return allCases(report).flatMap((c) => c.transcript.filter((e) => e.direction === 'note' && e.data.startsWith('clean-up step failed')).map((e) => `${c.id}[${c.transport}] ${e.data}`));
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
    // a spec without cases is no suite
    suites: run.report.specs.filter((s) => s.cases.length).length,
    tests: cases.length,
    failures: count('fail'),
    errors: count('error'),
    // a warning is a skip with its reason, as --junit-warnings has it by default
    skipped: count('skip', 'waived', 'warn'),
  });
}

/** The password and the forms it takes on the wire: SASL PLAIN messages and base64 at every alignment. */
export function secretForms(local: string, jid: string, password: string): string[] {
  const b64 = (text: string): string => Buffer.from(text).toString('base64');
  const inner = [0, 1, 2].map((shift) => b64('\0'.repeat(shift) + password).slice(Math.ceil((shift * 4) / 3), -3)).filter((s) => s.length >= 8);
  return [password, b64(password), b64(`\0${local}\0${password}`), b64(`${jid}\0${local}\0${password}`), ...inner];
}
