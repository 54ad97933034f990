import type { LevelVerdict, RunReport } from './model.js';

/**
 * The report of a run over several targets: one RunReport per target, under one level.
 * Documented in docs/matrix-report.schema.json; a run over one target writes its RunReport.
 */
export interface MatrixReport {
  kind: 'matrix';
  tool: RunReport['tool'];
  command: string;
  level: Omit<RunReport['level'], 'verdict' | 'reasons' | 'warnings'> & { verdict: LevelVerdict };
  startedAt: string;
  finishedAt: string | null;
  complete: boolean;
  catalogue: RunReport['catalogue'];
  targets: RunReport[];
}

/** The verdict over several targets: the worst of theirs (fail, then incomplete, then pass). */
export function overallVerdict(reports: readonly RunReport[]): LevelVerdict {
  const verdicts = reports.map((r) => r.level.verdict);
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('incomplete')) return 'incomplete';
  return 'pass';
}

/**
 * The matrix of several targets' runs. Its command line is the run's, which every target shares;
 * a matrix merged from separate runs names the merge instead (each target keeps its own).
 */
export function matrixOf(reports: RunReport[], command = reports[0]!.command): MatrixReport {
  const first = reports[0]!;
  const { verdict: _v, reasons: _r, warnings: _w, ...level } = first.level;
  const finished = reports.every((r) => r.finishedAt);
  return {
    kind: 'matrix',
    tool: first.tool,
    command,
    level: { ...level, verdict: overallVerdict(reports) },
    startedAt: reports.map((r) => r.startedAt).sort()[0]!,
    finishedAt: finished ? reports.map((r) => r.finishedAt!).sort().at(-1)! : null,
    complete: reports.every((r) => r.complete),
    catalogue: first.catalogue,
    targets: reports,
  };
}

/** A report file holds one run or a matrix of runs; either way, these are its runs. */
export function runsOf(report: RunReport | MatrixReport): RunReport[] {
  return 'kind' in report && report.kind === 'matrix' ? report.targets : [report as RunReport];
}
