import { citationLine } from '../catalogue/citation.js';
import chalk from 'chalk';
import { specLabel, verdictSubject, type CaseResult, type LevelVerdict, type RunReport, type SpecResult, type SpecVerdict, type ThrottleStats, type Verdict } from './model.js';

const VERDICT_STYLE: Record<Verdict | SpecVerdict | LevelVerdict, (s: string) => string> = {
  pass: chalk.green,
  fail: chalk.red.bold,
  warn: chalk.yellow,
  skip: chalk.gray,
  error: chalk.magenta,
  waived: chalk.cyan,
  incomplete: chalk.magenta,
  absent: chalk.red,
  untested: chalk.gray,
};

const paint = (verdict: keyof typeof VERDICT_STYLE, text = verdict.toUpperCase()): string => VERDICT_STYLE[verdict](text);

const COLOUR_CODE = /\u001b\[[0-9;]*m/g;

/** Pads to a width, measuring the text without colour codes. */
function pad(text: string, width: number): string {
  const visible = text.replace(COLOUR_CODE, '').length;
  return text + ' '.repeat(Math.max(0, width - visible));
}

/**
 * Cuts a line to `width` visible characters, ending it with '…' when something was cut; colour
 * codes do not count, and a cut line ends with a reset so the colour does not run on.
 */
export function fitLine(line: string, width: number): string {
  if (line.replace(COLOUR_CODE, '').length <= width) return line;
  let out = '';
  let visible = 0;
  for (const part of line.split(/(\u001b\[[0-9;]*m)/)) {
    const room = width - 1 - visible;
    if (room <= 0) break;
    if (part.startsWith('\u001b[')) {
      out += part;
      continue;
    }
    out += part.slice(0, room);
    visible += Math.min(part.length, room);
  }
  return `${out}…${line.includes('\u001b[') ? '\u001b[0m' : ''}`;
}

function supportCell(spec: SpecResult): string {
  const s = spec.support;
  if (!s) return '';
  const found = s.supported === null ? 'unknown' : s.supported ? 'verified' : 'absent';
  const advertised = s.advertised === null ? '' : s.advertised ? ', advertised' : ', not advertised';
  return `${found}${advertised}${s.entity ? ` (${s.entity})` : ''}`;
}

const caseKey = (c: CaseResult): string => (c.transport === 'tcp' ? c.id : `${c.id} [${c.transport}]`);

/** A case the summary lists: not a plain pass, and not a skip whose premise simply does not hold here. */
const noteworthy = (c: CaseResult): boolean =>
  c.verdict === 'fail' || c.verdict === 'error' || c.verdict === 'warn' || c.verdict === 'waived' || c.intermittent !== undefined
  || (c.verdict === 'skip' && c.skipKind !== 'not-applicable');

function caseLine(c: CaseResult, verbose: boolean): string {
  const transport = c.transport === 'tcp' ? '' : chalk.cyan(` [${c.transport}]`);
  const flaky = c.intermittent && c.verdict === 'pass' ? chalk.yellow(`  intermittent: did not pass ${c.intermittent.failed} of ${c.intermittent.runs} runs, passed alone; ${c.notes.find((n) => n.startsWith('first run:')) ?? ''}`) : '';
  const why = c.verdict === 'pass' ? flaky : chalk.dim(`  ${c.verdict === 'waived' ? `waived: ${c.waiver?.reason ?? ''}; ` : ''}${c.reason ?? ''}`);
  const line = `    ${pad(paint(c.verdict), 6)} ${pad(c.id + transport, 24)} §${pad(c.section, 10)} ${pad(c.keyword, 14)} ${c.requirement}${why}`;
  // the text that carries the requirement: with -v for every case, and always for a failure
  return verbose || c.verdict === 'fail' ? `${line}\n${' '.repeat(12)}${chalk.dim(citationLine(c.citation))}` : line;
}

/**
 * The lines of the cases that did not simply pass. Errors and skips that share one reason (a
 * dead target, a refused password) are one line with their count: the reason matters, not its
 * repetition.
 */
function noteworthyLines(cases: CaseResult[]): string[] {
  const grouped = (c: CaseResult): string | undefined => (c.verdict === 'error' || c.verdict === 'skip' ? `${c.verdict} ${c.reason ?? ''}` : undefined);
  const byReason = new Map<string, CaseResult[]>();
  for (const c of cases) {
    const key = grouped(c);
    if (key !== undefined) byReason.set(key, [...(byReason.get(key) ?? []), c]);
  }
  const out: string[] = [];
  const shown = new Set<string>();
  for (const c of cases.filter(noteworthy)) {
    const key = grouped(c);
    const same = key === undefined ? [] : byReason.get(key)!;
    if (same.length < 3) {
      out.push(caseLine(c, false));
    } else if (!shown.has(key!)) {
      shown.add(key!);
      const ids = same.slice(0, 3).map(caseKey).join(', ');
      out.push(`    ${pad(paint(c.verdict), 6)} ${same.length} cases (${ids}, …)${chalk.dim(`  ${c.reason ?? ''}`)}`);
    }
  }
  return out;
}

function heading(report: RunReport): string {
  const { level } = report;
  return chalk.bold(`${report.tool.name} ${report.tool.version}: ${level.title} (${level.xep}), ${level.role} role, RFC ${level.baseline === '3920' ? '3920/3921' : '6120/6121'} baseline`);
}

function targetLine(report: RunReport): string {
  const { target } = report;
  const software = target.software ? `  software ${target.software.name} ${target.software.version}` : '';
  const tls = target.tls.verification === 'insecure' ? chalk.yellow('TLS NOT VERIFIED (--insecure-tls)') : 'TLS verified';
  return `${target.host}:${target.port}  domain ${target.domain}  ${tls}  accounts ${target.accounts}  transports ${target.transports.join('+')}${software}`;
}

function totalsLine(report: RunReport): string {
  const t = report.totals;
  const total = Object.values(t).reduce((a, b) => a + b, 0);
  const seconds = report.finishedAt ? ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(1) : '?';
  const waived = t.waived ? `, ${t.waived} waived` : '';
  return `${total} cases: ${t.pass} pass, ${t.fail} fail, ${t.warn} warn, ${t.skip} skip, ${t.error} error${waived} in ${seconds} s${report.complete ? '' : chalk.magenta(` (interrupted: ${report.interruption ?? 'unknown'})`)}`;
}

/** Waivers past their expiry: they changed nothing in this run, and still sit in the waiver file. */
function expiredWaiverLines(report: RunReport, prefix = ''): string[] {
  return report.specs.flatMap((s) => s.cases).filter((c) => c.waiver?.status === 'expired')
    .map((c) => chalk.yellow(`${prefix}waiver ${caseKey(c)} expired ${c.waiver!.expires}: no longer applied, the case is ${c.verdict.toUpperCase()}`));
}

function levelLines(report: RunReport, prefix = ''): string[] {
  const { level } = report;
  const out = [chalk.bold(`${prefix}${verdictSubject(level)}: ${paint(level.verdict)}`)];
  for (const r of level.reasons) out.push(`  - ${r}`);
  for (const w of level.warnings) out.push(chalk.yellow(`  ! ${w}`));
  return out;
}

export interface TerminalOptions {
  /** Every case under its spec, each with the text it is judged by, at full length. */
  verbose: boolean;
  /** Only the verdict, with why it is not a pass (--quiet). */
  quiet?: boolean;
  /** The terminal's width: longer lines are cut, except with `verbose` (the reports keep the full text). */
  width?: number;
}

/** The conformance matrix for a terminal: specs as rows (a column per target), cases below on demand. */
export function renderTerminal(reports: RunReport[], options: TerminalOptions): string {
  if (options.quiet) return reports.flatMap((r) => levelLines(r, reports.length > 1 ? `${r.name}: ` : '')).join('\n');
  const text = reports.length === 1 ? renderOne(reports[0]!, options) : renderMany(reports, options);
  const { width } = options;
  return width && !options.verbose ? text.split('\n').map((line) => fitLine(line, width)).join('\n') : text;
}

function renderOne(report: RunReport, options: { verbose: boolean }): string {
  const out: string[] = [heading(report), `target ${targetLine(report)}`, ''];
  if (report.unusable) {
    // nothing ran: a table of not-run cases would only repeat the one reason
    out.push(`not certified: ${report.unusable}`, `${report.planned} cases not run`, chalk.bold(`${verdictSubject(report.level)}: ${paint('incomplete')}`));
    return out.join('\n');
  }
  out.push(chalk.dim(` ${pad('SPEC', 16)}${pad('TITLE', 38)}${pad('REQUIREMENT', 16)}${pad('VERDICT', 12)}PASS FAIL WARN SKIP  ERR  SUPPORT`));
  for (const spec of report.specs) {
    const n = spec.counts;
    const counts = [n.pass, n.fail, n.warn, n.skip, n.error].map((v) => String(v).padStart(4)).join(' ');
    out.push(` ${pad(specLabel(spec), 16)}${pad(spec.title.slice(0, 36), 38)}${pad(spec.requirement, 16)}${pad(paint(spec.verdict), 12)}${counts}  ${chalk.dim(supportCell(spec))}`);
    out.push(...(options.verbose ? spec.cases.map((c) => caseLine(c, true)) : noteworthyLines(spec.cases)));
  }
  out.push('', totalsLine(report));
  if (report.stats) {
    const s = report.stats;
    // as the client's server the tool logs in nowhere: its own login figures would say nothing
    const sessions = report.target.client?.mode === 'listen' ? '' : `${s.logins} logins, ${s.reusedSessions} sessions reused, ${s.connections} connections, `;
    const concurrency = s.throttle ? `, ${s.throttle.peak > s.throttle.start ? `${s.throttle.start} to ${s.throttle.peak}` : s.throttle.start} cases at once` : '';
    out.push(chalk.dim(`${s.casesPerSecond} cases/s, ${sessions}peak RSS ${Math.round(s.peakRssBytes / 1048576)} MB${concurrency}`));
    if (s.throttle?.backoffs) out.push(throttledLine(s.throttle));
  }
  out.push(...expiredWaiverLines(report), ...levelLines(report));
  return out.join('\n');
}

/** How the run backed off a target that showed signs of overload. */
function throttledLine(t: ThrottleStats): string {
  const tries = t.retries === 1 ? '1 try was' : `${t.retries} tries were`;
  return chalk.yellow(`throttled: the target showed signs of overload (${t.signs.join(', ')}); the run lowered its concurrency ${t.backoffs === 1 ? 'once' : `${t.backoffs} times`}, to as few as ${t.lowest} at once, and ${tries} run again, not judged`);
}

function renderMany(reports: RunReport[], options: { verbose: boolean }): string {
  const width = Math.max(18, ...reports.map((r) => r.name.length + 2));
  const out: string[] = [heading(reports[0]!)];
  for (const r of reports) out.push(`${pad(chalk.bold(r.name), width)}${targetLine(r)}`);
  out.push('', chalk.dim(` ${pad('SPEC', 16)}${pad('TITLE', 34)}${pad('REQUIREMENT', 16)}${reports.map((r) => pad(r.name, width)).join('')}`));
  for (const [i, spec] of reports[0]!.specs.entries()) {
    const cells = reports.map((r) => {
      const s = r.specs[i]!;
      return pad(`${paint(s.verdict)} ${chalk.dim(`${s.counts.pass}/${s.counts.fail}/${s.counts.warn}`)}`, width);
    });
    out.push(` ${pad(specLabel(spec), 16)}${pad(spec.title.slice(0, 32), 34)}${pad(spec.requirement, 16)}${cells.join('')}`);
    // a case row shows every target's verdict; listed when any target did not simply pass
    const keys = [...new Set(reports.flatMap((r) => r.specs[i]!.cases.map(caseKey)))];
    for (const key of keys) {
      const results = reports.map((r) => r.specs[i]!.cases.find((c) => caseKey(c) === key));
      if (!options.verbose && !results.some((c) => c && noteworthy(c))) continue;
      const any = results.find(Boolean)!;
      const verdicts = results.map((c) => pad(c ? paint(c.verdict) : chalk.dim('-'), width)).join('');
      out.push(`    ${pad(key, 26 + 40 + 16 - 30)}${verdicts}${chalk.dim(any.requirement.slice(0, 60))}`);
    }
  }
  out.push(chalk.dim(' (counts: pass/fail/warn)'), '');
  for (const r of reports) out.push(`${pad(chalk.bold(r.name), width)}${totalsLine(r)}`);
  for (const r of reports) out.push(...expiredWaiverLines(r, `${r.name}: `));
  for (const r of reports) out.push(...levelLines(r, `${r.name}: `));
  return out.join('\n');
}
