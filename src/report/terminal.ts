import chalk from 'chalk';
import type { CaseResult, LevelVerdict, RunReport, SpecResult, SpecVerdict, Verdict } from './model.js';

const VERDICT_STYLE: Record<Verdict | SpecVerdict | LevelVerdict, (s: string) => string> = {
  pass: chalk.green,
  fail: chalk.red.bold,
  warn: chalk.yellow,
  skip: chalk.gray,
  error: chalk.magenta,
  incomplete: chalk.magenta,
  absent: chalk.red,
  untested: chalk.gray,
};

const paint = (verdict: keyof typeof VERDICT_STYLE, text = verdict.toUpperCase()): string => VERDICT_STYLE[verdict](text);

/** Pads to a width, measuring the text without colour codes. */
function pad(text: string, width: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/\u001b\[[0-9;]*m/g, '').length;
  return text + ' '.repeat(Math.max(0, width - visible));
}

function supportCell(spec: SpecResult): string {
  const s = spec.support;
  if (!s) return '';
  const found = s.supported === null ? 'unknown' : s.supported ? 'verified' : 'absent';
  const advertised = s.advertised === null ? '' : s.advertised ? ', advertised' : ', not advertised';
  return `${found}${advertised}${s.entity ? ` (${s.entity})` : ''}`;
}

function caseLine(c: CaseResult): string {
  const transport = c.transport === 'tcp' ? '' : chalk.cyan(` [${c.transport}]`);
  const why = c.verdict === 'pass' ? '' : chalk.dim(`  ${c.reason ?? ''}`);
  return `    ${pad(paint(c.verdict), 6)} ${pad(c.id + transport, 24)} §${pad(c.section, 10)} ${pad(c.keyword, 14)} ${c.requirement}${why}`;
}

/** The conformance matrix for a terminal: specs as rows, cases below them on demand. */
export function renderTerminal(report: RunReport, options: { verbose: boolean }): string {
  const out: string[] = [];
  const { level, target } = report;
  out.push(chalk.bold(`${report.tool.name} ${report.tool.version}: ${level.title} (${level.xep}), ${level.role} role, RFC ${level.baseline === '3920' ? '3920/3921' : '6120/6121'} baseline`));
  const software = target.software ? `  software ${target.software.name} ${target.software.version}` : '';
  const tls = target.tls.verification === 'insecure' ? chalk.yellow('TLS NOT VERIFIED (--insecure-tls)') : 'TLS verified';
  out.push(`target ${target.host}:${target.port}  domain ${target.domain}  ${tls}  accounts ${target.accounts}  transports ${target.transports.join('+')}${software}`);
  out.push('');
  out.push(chalk.dim(` ${pad('SPEC', 10)}${pad('TITLE', 44)}${pad('REQUIREMENT', 16)}${pad('VERDICT', 12)}PASS FAIL WARN SKIP  ERR  SUPPORT`));
  for (const spec of report.specs) {
    const n = spec.counts;
    const counts = [n.pass, n.fail, n.warn, n.skip, n.error].map((v) => String(v).padStart(4)).join(' ');
    out.push(` ${pad(spec.name, 10)}${pad(spec.title.slice(0, 42), 44)}${pad(spec.requirement, 16)}${pad(paint(spec.verdict), 12)}${counts}  ${chalk.dim(supportCell(spec))}`);
    const shown = options.verbose ? spec.cases : spec.cases.filter((c) => c.verdict === 'fail' || c.verdict === 'error' || c.verdict === 'warn');
    for (const c of shown) out.push(caseLine(c));
  }
  out.push('');
  const t = report.totals;
  const total = t.pass + t.fail + t.warn + t.skip + t.error;
  const seconds = report.finishedAt ? ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(1) : '?';
  out.push(`${total} cases: ${t.pass} pass, ${t.fail} fail, ${t.warn} warn, ${t.skip} skip, ${t.error} error in ${seconds} s${report.complete ? '' : chalk.magenta(` (interrupted: ${report.interruption ?? 'unknown'})`)}`);
  if (report.stats) {
    const s = report.stats;
    out.push(chalk.dim(`${s.casesPerSecond} cases/s, ${s.logins} logins, ${s.connections} connections, peak RSS ${Math.round(s.peakRssBytes / 1048576)} MB`));
  }
  out.push(chalk.bold(`Level ${level.xep} ${level.title}: ${paint(level.verdict)}`));
  for (const r of level.reasons) out.push(`  - ${r}`);
  for (const w of level.warnings) out.push(chalk.yellow(`  ! ${w}`));
  return out.join('\n');
}
