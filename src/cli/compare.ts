import fs from 'node:fs';
import chalk from 'chalk';
import { runsOf, type MatrixReport } from '../report/matrix.js';
import type { CaseResult, LevelVerdict, RunReport, Verdict } from '../report/model.js';
import { UsageError } from './parse.js';

/** One case whose verdict differs between two runs. */
export interface CaseChange {
  target: string;
  id: string;
  transport: string;
  before?: Verdict;
  after?: Verdict;
  reason?: string;
}

export interface Comparison {
  /** Cases that fail now and did not before. */
  regressions: CaseChange[];
  /** Cases that failed before and do not now. */
  fixes: CaseChange[];
  /** Other verdict changes (new warnings, errors, skips…). */
  changed: CaseChange[];
  added: CaseChange[];
  removed: CaseChange[];
  levels: { target: string; before?: LevelVerdict; after?: LevelVerdict }[];
}

const LEVEL_RANK: Record<LevelVerdict, number> = { pass: 0, incomplete: 1, fail: 2 };

export function readReport(file: string): RunReport | MatrixReport {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as RunReport | MatrixReport;
  } catch (err) {
    throw new UsageError(`cannot read report ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** What changed between two reports, case by case, matching targets by name and cases by ID and transport. */
export function compareReports(before: RunReport | MatrixReport, after: RunReport | MatrixReport): Comparison {
  const oldRuns = runsOf(before);
  const newRuns = runsOf(after);
  // two single-target reports are compared whatever their targets were called
  const single = oldRuns.length === 1 && newRuns.length === 1;
  const pairs = single ? [{ name: newRuns[0]!.name, old: oldRuns[0], new: newRuns[0] }]
    : [...new Set([...oldRuns, ...newRuns].map((r) => r.name))].map((name) => ({ name, old: oldRuns.find((r) => r.name === name), new: newRuns.find((r) => r.name === name) }));
  const result: Comparison = { regressions: [], fixes: [], changed: [], added: [], removed: [], levels: [] };
  for (const pair of pairs) {
    result.levels.push({ target: pair.name, before: pair.old?.level.verdict, after: pair.new?.level.verdict });
    const oldCases = casesByKey(pair.old);
    const newCases = casesByKey(pair.new);
    for (const [key, c] of newCases) {
      const was = oldCases.get(key);
      const change: CaseChange = { target: pair.name, id: c.id, transport: c.transport, before: was?.verdict, after: c.verdict, reason: c.reason };
      if (!was) result.added.push(change);
      else if (was.verdict === c.verdict) continue;
      else if (c.verdict === 'fail') result.regressions.push(change);
      else if (was.verdict === 'fail') result.fixes.push(change);
      else result.changed.push(change);
    }
    for (const [key, c] of oldCases) {
      if (!newCases.has(key)) result.removed.push({ target: pair.name, id: c.id, transport: c.transport, before: c.verdict });
    }
  }
  return result;
}

/** Whether the new run is worse: a case newly failing, or a level verdict that dropped. */
export function hasRegressions(c: Comparison): boolean {
  return c.regressions.length > 0 || c.levels.some((l) => l.before && l.after && LEVEL_RANK[l.after] > LEVEL_RANK[l.before]);
}

function casesByKey(run: RunReport | undefined): Map<string, CaseResult> {
  return new Map((run?.specs ?? []).flatMap((s) => s.cases).map((c) => [`${c.id}|${c.transport}`, c]));
}

export function renderComparison(c: Comparison): string {
  const out: string[] = [];
  for (const l of c.levels) {
    const moved = l.before === l.after ? chalk.dim('unchanged') : `${l.before ?? 'absent'} → ${l.after ?? 'absent'}`;
    out.push(chalk.bold(`${l.target}: level ${(l.after ?? '-').toUpperCase()} (${moved})`));
  }
  const section = (title: string, changes: CaseChange[], paint: (s: string) => string): void => {
    if (changes.length === 0) return;
    out.push('', paint(`${title} (${changes.length})`));
    for (const ch of changes) {
      const where = c.levels.length > 1 ? `${ch.target} ` : '';
      const transport = ch.transport === 'tcp' ? '' : ` [${ch.transport}]`;
      out.push(`  ${where}${ch.id}${transport}: ${ch.before ?? 'new'} → ${ch.after ?? 'gone'}${ch.reason && ch.after !== 'pass' ? chalk.dim(`  ${ch.reason}`) : ''}`);
    }
  };
  section('Regressions: failing now', c.regressions, chalk.red.bold);
  section('Fixes: no longer failing', c.fixes, chalk.green);
  section('Other changes', c.changed, chalk.yellow);
  section('New cases', c.added, chalk.cyan);
  section('Removed cases', c.removed, chalk.gray);
  if (c.regressions.length + c.fixes.length + c.changed.length + c.added.length + c.removed.length === 0) out.push('', 'No case changed its verdict.');
  return out.join('\n');
}
