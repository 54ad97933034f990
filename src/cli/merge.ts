import type { JunitWarnings } from '../report/junit.js';
import { runsOf, type MatrixReport } from '../report/matrix.js';
import type { RunReport } from '../report/model.js';
import { readReport } from './compare.js';
import { UsageError } from './parse.js';
import { checkBadgeDir, checkOutputs, conclude, redactCommandLine, writeReports, type Outputs } from './run.js';

export interface MergeFlags extends Outputs {
  junitWarnings?: JunitWarnings;
  badgeDir?: string;
  verbose?: boolean;
  quiet?: boolean;
  failOnNotRun?: boolean;
}

/** A run read from a report file, with the file it came from (for messages). */
interface SourcedRun {
  file: string;
  run: RunReport;
}

/**
 * What must be the same in every report for the merge to be what one run over all their targets
 * would have made. A run has one level, role and RFC baseline: they decide which specs are rows
 * and which texts judge. It has one tool version, whose engine holds the verdict rules, and one
 * catalogue (the cases, their citations; --only narrows it): a case passed under one and failed
 * under another would sit side by side as if judged alike. What may differ per target in a run
 * differs here too: address, TLS, accounts, transports, waivers, timings.
 */
const MUST_AGREE: { what: string; of: (r: RunReport) => string }[] = [
  { what: 'level', of: (r) => r.level.id },
  { what: 'role', of: (r) => r.level.role },
  { what: 'RFC baseline', of: (r) => r.level.baseline },
  // a report written by hand or by an old version may lack these: a difference, not a crash
  { what: 'tool version', of: (r) => String(r.tool?.version) },
  { what: 'catalogue', of: (r) => `${r.catalogue?.hash} (${r.catalogue?.cases} cases)` },
];

/**
 * `xmpp-certify merge A.json B.json …`: one matrix of the targets of reports written by separate
 * runs (a CI job per target), in every format asked for, and the exit code one run over all of
 * them would have had.
 */
export function mergeCommand(files: string[], flags: MergeFlags, argv: string[]): number {
  const outputs: Outputs = { json: flags.json, junit: flags.junit, html: flags.html, markdown: flags.markdown };
  checkOutputs(outputs);
  const runs = mergeRuns(files.map((file) => ({ file, report: readReport(file) })));
  if (flags.badgeDir) checkBadgeDir(flags.badgeDir, runs.map((r) => r.name));
  writeReports(outputs, runs, true, { command: redactCommandLine(argv), junit: { warnings: flags.junitWarnings } });
  return conclude(runs, outputs, { badgeDir: flags.badgeDir, verbose: Boolean(flags.verbose), quiet: Boolean(flags.quiet), failOnNotRun: Boolean(flags.failOnNotRun) });
}

/** The runs of every report (each read by readReport), in the order given; refused when they could not have been one run. */
export function mergeRuns(reports: { file: string; report: RunReport | MatrixReport }[]): RunReport[] {
  const files = reports.map((r) => r.file);
  const repeated = files.find((file, i) => files.indexOf(file) !== i);
  if (repeated) throw new UsageError(`cannot merge: ${repeated} is given twice`);
  const runs: SourcedRun[] = reports.flatMap(({ file, report }) => runsOf(report).map((run) => ({ file, run })));
  const first = runs[0]!;
  for (const other of runs.slice(1)) {
    for (const { what, of } of MUST_AGREE) {
      if (of(other.run) !== of(first.run)) {
        throw new UsageError(`cannot merge: ${what} differs: ${of(first.run)} in ${first.file}, ${of(other.run)} in ${other.file}`);
      }
    }
  }
  const byName = new Map<string, SourcedRun>();
  for (const r of runs) {
    const earlier = byName.get(r.run.name);
    if (earlier) {
      // twice in one file: a matrix edited by hand; runs of the tool name their targets apart
      const where = earlier.file === r.file ? `twice in ${r.file}` : `in ${earlier.file} and in ${r.file}`;
      throw new UsageError(`cannot merge: the target "${r.run.name}" is ${where}; give each run's --target its own NAME=`);
    }
    byName.set(r.run.name, r);
  }
  return runs.map((r) => r.run);
}
