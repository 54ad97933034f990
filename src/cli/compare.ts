import fs from 'node:fs';
import chalk from 'chalk';
import { runsOf, type MatrixReport } from '../report/matrix.js';
import { specLabel, type CaseResult, type LevelVerdict, type RunReport, type SpecVerdict, type Verdict } from '../report/model.js';
import type { SkipKind } from '../vocabulary.js';
import { EXIT } from './run.js';
import { UsageError } from './parse.js';

/** One case whose verdict differs between two runs. */
export interface CaseChange {
  target: string;
  id: string;
  transport: string;
  /** None: the case is new. */
  before?: Verdict;
  /** None: the case is not in the new report. */
  after?: Verdict;
  skipKind?: SkipKind;
  reason?: string;
}

/** A spec verified before that is not now. */
export interface SpecChange {
  target: string;
  spec: string;
  before: SpecVerdict;
  /** None: the spec is not in the new report. */
  after?: SpecVerdict;
}

/** A way the two reports differ in what they certify: which level, role, baseline, cases or targets. */
export interface Difference {
  what: string;
  before: string;
  after: string;
}

export interface Comparison {
  /** What differs in what the reports certify; the comparison is refused without --force when any does. */
  differences: Difference[];
  levels: { target: string; before?: LevelVerdict; after?: LevelVerdict }[];
  /** Specs verified before (PASS or WARN) that are now failing, incomplete, absent, untested or not in the report, whatever their cases did. */
  specRegressions: SpecChange[];
  /** Cases that fail now and did not before. */
  regressions: CaseChange[];
  /** Cases that failed before and now pass or only warn. */
  fixes: CaseChange[];
  /** Cases that had a verdict before and now have none because they were not run: skipped as not run, or not in the report. */
  noLongerRun: CaseChange[];
  /** Other verdict changes (new warnings, errors, waivers, skips…). */
  changed: CaseChange[];
  added: CaseChange[];
  /** Cases without a verdict before (skipped, errors) that are not in the new report. */
  removed: CaseChange[];
}

export interface CompareFlags {
  json?: boolean;
  /** Compare reports that certify different things, saying how they differ. */
  force?: boolean;
  /** Cases no longer run are regressions too. */
  failOnNotRun?: boolean;
}

const LEVEL_RANK: Record<LevelVerdict, number> = { pass: 0, incomplete: 1, fail: 2 };
const VERIFIED: readonly SpecVerdict[] = ['pass', 'warn'];
const HAS_VERDICT: readonly Verdict[] = ['pass', 'fail', 'warn', 'waived'];

export function readReport(file: string): RunReport | MatrixReport {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read report ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const report = data as Partial<RunReport & MatrixReport> | null;
  const isRun = (r: Partial<RunReport> | null | undefined): boolean => Boolean(r?.level?.id && Array.isArray(r.specs) && r.target);
  if (!(report?.kind === 'matrix' ? Array.isArray(report.targets) && report.targets.length > 0 && report.targets.every(isRun) : isRun(report))) {
    throw new UsageError(`${file} is not a JSON report of xmpp-certify (--json)`);
  }
  return report as RunReport | MatrixReport;
}

/**
 * `xmpp-certify compare OLD NEW`: the comparison as text or JSON, and the exit code (1 on a
 * regression). Reports that certify different things are refused, in one line naming both
 * files and what differs, unless --force.
 */
export function compareCommand(oldFile: string, newFile: string, flags: CompareFlags): { output: string; code: number } {
  const comparison = compareReports(readReport(oldFile), readReport(newFile));
  if (comparison.differences.length && !flags.force) {
    throw new UsageError(`${oldFile} and ${newFile} do not certify the same thing: ${describeDifferences(comparison.differences)}; --force compares them anyway`);
  }
  const regression = hasRegressions(comparison, flags);
  const output = flags.json ? JSON.stringify({ ...comparison, regression }, null, 2) : renderComparison(comparison, flags);
  return { output, code: regression ? EXIT.fail : EXIT.pass };
}

const describeDifferences = (differences: Difference[]): string => differences.map((d) => `${d.what} ${d.before} → ${d.after}`).join(', ');

/**
 * What changed between two reports, matching targets by name (two single-target reports are
 * compared whatever their targets were called), specs by ID, and cases by ID and transport.
 */
export function compareReports(before: RunReport | MatrixReport, after: RunReport | MatrixReport): Comparison {
  const oldRuns = runsOf(before);
  const newRuns = runsOf(after);
  const single = oldRuns.length === 1 && newRuns.length === 1;
  const pairs = single ? [{ name: newRuns[0]!.name, old: oldRuns[0]!, new: newRuns[0]! }]
    : newRuns.flatMap((r) => {
      const old = oldRuns.find((o) => o.name === r.name);
      return old ? [{ name: r.name, old, new: r }] : [];
    });
  const result: Comparison = {
    differences: scopeDifferences(oldRuns, newRuns, pairs),
    levels: [], specRegressions: [], regressions: [], fixes: [], noLongerRun: [], changed: [], added: [], removed: [],
  };
  for (const pair of pairs) {
    result.levels.push({ target: pair.name, before: pair.old.level.verdict, after: pair.new.level.verdict });
    for (const spec of pair.old.specs.filter((s) => VERIFIED.includes(s.verdict))) {
      const now = pair.new.specs.find((s) => s.spec === spec.spec);
      if (!now || !VERIFIED.includes(now.verdict)) result.specRegressions.push({ target: pair.name, spec: specLabel(spec), before: spec.verdict, after: now?.verdict });
    }
    compareCases(pair.name, casesByKey(pair.old), casesByKey(pair.new), result);
  }
  return result;
}

function compareCases(target: string, oldCases: Map<string, CaseResult>, newCases: Map<string, CaseResult>, result: Comparison): void {
  for (const [key, c] of newCases) {
    const was = oldCases.get(key);
    const change: CaseChange = { target, id: c.id, transport: c.transport, before: was?.verdict, after: c.verdict, skipKind: c.skipKind, reason: c.reason };
    if (!was) result.added.push(change);
    else if (was.verdict === c.verdict) continue;
    else if (c.verdict === 'fail') result.regressions.push(change);
    else if (was.verdict === 'fail' && (c.verdict === 'pass' || c.verdict === 'warn')) result.fixes.push(change);
    // a failure that is no longer run is not fixed: nothing was seen either way
    else if (HAS_VERDICT.includes(was.verdict) && c.verdict === 'skip' && c.skipKind === 'not-run') result.noLongerRun.push(change);
    else result.changed.push(change);
  }
  for (const [key, c] of oldCases) {
    if (newCases.has(key)) continue;
    const gone: CaseChange = { target, id: c.id, transport: c.transport, before: c.verdict };
    (HAS_VERDICT.includes(c.verdict) ? result.noLongerRun : result.removed).push(gone);
  }
}

/**
 * How the two reports differ in what they certify. A comparison across levels, roles,
 * baselines, selections (--only) or targets would report as regressions and fixes what is
 * only the difference between two certifications.
 */
function scopeDifferences(oldRuns: RunReport[], newRuns: RunReport[], pairs: { name: string; old: RunReport; new: RunReport }[]): Difference[] {
  const out: Difference[] = [];
  const differ = (what: string, before: string, after: string): void => {
    if (before !== after) out.push({ what, before, after });
  };
  const [a, b] = [oldRuns[0]!.level, newRuns[0]!.level];
  differ('level', a.id, b.id);
  differ('role', a.role, b.role);
  differ('baseline', `RFC ${a.baseline}`, `RFC ${b.baseline}`);
  differ('cases', a.selection?.join(' ') ?? 'all', b.selection?.join(' ') ?? 'all');
  if (pairs.length !== oldRuns.length || pairs.length !== newRuns.length) {
    differ('targets', oldRuns.map((r) => r.name).join(', '), newRuns.map((r) => r.name).join(', '));
  }
  for (const pair of pairs) {
    const where = oldRuns.length > 1 || newRuns.length > 1 ? `target ${pair.name}` : 'target';
    differ(`${where} domain`, pair.old.target.domain.toLowerCase(), pair.new.target.domain.toLowerCase());
    // an upgrade changes the version, not the software
    const [was, now] = [pair.old.target.software?.name, pair.new.target.software?.name];
    if (was && now) differ(`${where} software`, was, now);
  }
  return out;
}

/**
 * Whether the new run is worse: a spec verified before and not now, a case newly failing, a
 * level verdict that dropped; with failOnNotRun, a case no longer run too.
 */
export function hasRegressions(c: Comparison, options: { failOnNotRun?: boolean } = {}): boolean {
  return c.specRegressions.length > 0 || c.regressions.length > 0 || (Boolean(options.failOnNotRun) && c.noLongerRun.length > 0)
    || c.levels.some((l) => l.before && l.after && LEVEL_RANK[l.after] > LEVEL_RANK[l.before]);
}

function casesByKey(run: RunReport): Map<string, CaseResult> {
  return new Map(run.specs.flatMap((s) => s.cases).map((c) => [`${c.id}|${c.transport}`, c]));
}

const afterText = (ch: CaseChange): string => (ch.after === undefined ? 'not in the report' : ch.after === 'skip' && ch.skipKind === 'not-run' ? 'not run' : ch.after);

export function renderComparison(c: Comparison, options: { failOnNotRun?: boolean } = {}): string {
  const out: string[] = [];
  if (c.differences.length) out.push(chalk.yellow(`compared with --force although they differ: ${describeDifferences(c.differences)}`), '');
  for (const l of c.levels) {
    const moved = l.before === l.after ? chalk.dim('unchanged') : `${l.before ?? 'absent'} → ${l.after ?? 'absent'}`;
    out.push(chalk.bold(`${l.target}: level ${(l.after ?? '-').toUpperCase()} (${moved})`));
  }
  const where = (target: string): string => (c.levels.length > 1 ? `${target} ` : '');
  if (c.specRegressions.length) {
    out.push('', chalk.red.bold(`Regressions: specs verified before, not now (${c.specRegressions.length})`));
    for (const s of c.specRegressions) out.push(`  ${where(s.target)}${s.spec}: ${s.before.toUpperCase()} → ${s.after?.toUpperCase() ?? 'not in the report'}`);
  }
  const section = (title: string, changes: CaseChange[], paint: (s: string) => string): void => {
    if (changes.length === 0) return;
    out.push('', paint(`${title} (${changes.length})`));
    for (const ch of changes) {
      const transport = ch.transport === 'tcp' ? '' : ` [${ch.transport}]`;
      out.push(`  ${where(ch.target)}${ch.id}${transport}: ${ch.before ?? 'new'} → ${afterText(ch)}${ch.reason && ch.after !== 'pass' ? chalk.dim(`  ${ch.reason}`) : ''}`);
    }
  };
  section('Regressions: failing now', c.regressions, chalk.red.bold);
  section('Fixes: no longer failing', c.fixes, chalk.green);
  section(options.failOnNotRun ? 'Regressions: no longer run (--fail-on-not-run)' : 'No longer run: a verdict before, none now (not a fix)',
    c.noLongerRun, options.failOnNotRun ? chalk.red.bold : chalk.yellow);
  section('Other changes', c.changed, chalk.yellow);
  section('New cases', c.added, chalk.cyan);
  section('Removed cases', c.removed, chalk.gray);
  const cases = c.regressions.length + c.fixes.length + c.noLongerRun.length + c.changed.length + c.added.length + c.removed.length;
  if (cases === 0) out.push('', 'No case changed its verdict.');
  return out.join('\n');
}
