import { citationLine } from '../catalogue/citation.js';
import { renderTranscript } from '../evidence/transcript.js';
import type { CaseResult, RunReport, SpecResult } from './model.js';
import { writeFileAtomic, xmlAttribute, xmlSafe } from './write.js';

/**
 * How a WARN (a SHOULD not met) reaches JUnit readers, which know pass, failure, error and
 * skipped only:
 * - skipped (the default): a <skipped type="warning"> whose message starts with "WARN:". Every
 *   reader shows a skip with its message, and none fails a build on one, so a pipeline still
 *   follows the level verdict, which warnings do not fail (a WAIVED case is rendered alike).
 * - failure: a <failure type="warning">, for pipelines that hold a SHOULD as strictly as a MUST.
 * - pass: a passing testcase whose system-out starts with the warning; the counts are then the
 *   level's own, but only readers that show a passing case's output show the warning.
 */
export const JUNIT_WARNING_MODES = ['skipped', 'failure', 'pass'] as const;
export type JunitWarnings = (typeof JUNIT_WARNING_MODES)[number];

export interface JunitOptions {
  warnings: JunitWarnings;
}

export const DEFAULT_JUNIT_OPTIONS: JunitOptions = { warnings: 'skipped' };

/**
 * JUnit XML (Surefire flavour, valid against the junit-10 schema CI consumers use): one
 * testsuite per spec that has cases, one testcase per case and transport. FAIL is <failure>,
 * ERROR is <error>, SKIP and WAIVED are <skipped> with the reason, WARN as `options.warnings`
 * says. Each case's output starts with its verdict and reason, then the citation and the
 * transcript. Names hold no verdict, count or time, so a reader can follow a case from run to
 * run. The schema allows properties on testsuites only, so each suite carries its spec's
 * properties and, per case, `<id>.section`, `<id>.keyword` and `<id>.verdict`.
 *
 * The document comes out in pieces, one testcase at a time, so that rewriting it while a run
 * goes on never holds a second copy of every transcript.
 */
export function* junitReport(reports: RunReport[], options: Partial<JunitOptions> = {}): Generator<string> {
  const warnings = options.warnings ?? DEFAULT_JUNIT_OPTIONS.warnings;
  const named = reports.length > 1;
  // a spec none of whose cases was selected (--only) is no suite: readers would list it empty
  const suites = reports.flatMap((report) => report.specs.filter((spec) => spec.cases.length).map((spec) => ({ report, spec })));
  const all = suites.flatMap((s) => s.spec.cases);
  // the schema has no skipped count on <testsuites>
  const { skipped: _, ...totals } = counts(all, warnings);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attributes({
    name: `xmpp-certify ${reports[0]!.level.id} ${reports.map((r) => r.name).join(' ')}`,
    ...totals,
    time: wallSeconds(all),
  })}>\n`;
  for (const { report, spec } of suites) yield* testSuite(report, spec, named, warnings);
  yield '</testsuites>\n';
}

export function writeJunit(file: string, reports: RunReport[], options: Partial<JunitOptions> = {}): void {
  writeFileAtomic(file, junitReport(reports, options));
}

/** One spec's suite; with several targets, each suite and class name starts with the target's. */
function* testSuite(report: RunReport, spec: SpecResult, named: boolean, warnings: JunitWarnings): Generator<string> {
  const prefix = named ? `${report.name}: ` : '';
  yield `  <testsuite${attributes({
    name: `${prefix}${spec.name} ${spec.title}`,
    timestamp: report.startedAt,
    ...counts(spec.cases, warnings),
    time: wallSeconds(spec.cases),
  })}>\n`;
  const properties: [string, string][] = [
    ['spec', spec.name],
    ['title', spec.title],
    ['url', spec.url],
    ['requirement', spec.requirement],
    ['level', `${report.level.id} (${report.level.xep})`],
    ['baseline', `RFC ${report.level.baseline}`],
    ['verdict', spec.verdict],
    ['target', `${report.name} (${report.target.host}:${report.target.port}, ${report.target.domain})`],
  ];
  if (report.level.selection) properties.push(['selection', report.level.selection.join(' ')]);
  if (spec.version) properties.push(['version', spec.version]);
  if (spec.support) properties.push(['support', supportLine(spec)]);
  for (const c of spec.cases) {
    const key = caseName(c);
    properties.push([`${key}.section`, c.section], [`${key}.keyword`, c.keyword], [`${key}.verdict`, c.verdict]);
  }
  yield '    <properties>\n';
  for (const [name, value] of properties) yield `      <property${attributes({ name, value })}/>\n`;
  yield '    </properties>\n';
  const className = `${named ? `${report.name}.` : ''}${report.level.id}.${spec.name.replace(/\s+/g, '')}`;
  for (const c of spec.cases) yield testCase(c, className, warnings);
  yield '  </testsuite>\n';
}

function testCase(c: CaseResult, className: string, warnings: JunitWarnings): string {
  const result = resultOf(c, warnings);
  return [
    `    <testcase${attributes({ classname: className, name: `${caseName(c)} ${c.requirement}`, time: seconds(c.durationMs) })}>\n`,
    result ? `      <${result.element}${attributes({ message: result.message, type: result.type })}>${cdata(result.text)}</${result.element}>\n` : '',
    `      <system-out>${cdata(systemOut(c))}</system-out>\n`,
    '    </testcase>\n',
  ].join('');
}

type ResultElement = 'failure' | 'error' | 'skipped';

/** What a case that did not plainly pass says to a reader. */
interface CaseOutcome {
  element: ResultElement;
  type: string;
  /** One line, never empty: what Jenkins, junitparser and the GitHub reporters show. */
  message: string;
  /** The element's text: what GitLab shows (it reads the text, not the message). */
  text: string;
}

/** The element a case's verdict becomes; none for a pass, nor for a warning kept as a pass. */
function elementOf(c: CaseResult, warnings: JunitWarnings): ResultElement | undefined {
  switch (c.verdict) {
    case 'fail': return 'failure';
    case 'error': return 'error';
    // a waived case is a known deviation: consumers treat it like an expected failure
    case 'skip': case 'waived': return 'skipped';
    case 'warn': return warnings === 'pass' ? undefined : warnings;
    case 'pass': return undefined;
  }
}

function resultOf(c: CaseResult, warnings: JunitWarnings): CaseOutcome | undefined {
  const element = elementOf(c, warnings);
  if (!element) return undefined;
  const reason = c.reason?.trim() || `no reason recorded (${c.skipKind ?? c.verdict})`;
  switch (c.verdict) {
    case 'fail': return { element, type: 'nonconformance', message: reason, text: findingsText(c) };
    case 'error': return { element, type: 'tool-error', message: reason, text: reason };
    case 'waived': {
      const waiver = c.waiver ? `${c.waiver.verdict.toUpperCase()} accepted by a waiver: ${c.waiver.reason}` : 'accepted by a waiver';
      const message = `WAIVED: ${reason} (${waiver})`;
      return { element, type: 'waived', message, text: `${message}\n${findingsText(c)}` };
    }
    case 'warn': return { element, type: 'warning', message: `WARN: ${reason}`, text: `WARN: ${reason}\n${findingsText(c)}` };
    default: return { element, type: c.skipKind ?? 'skipped', message: reason, text: reason };
  }
}

function counts(cases: CaseResult[], warnings: JunitWarnings): { tests: number; failures: number; errors: number; skipped: number } {
  const tally = { tests: cases.length, failures: 0, errors: 0, skipped: 0 };
  for (const c of cases) {
    const element = elementOf(c, warnings);
    if (element === 'failure') tally.failures++;
    else if (element === 'error') tally.errors++;
    else if (element === 'skipped') tally.skipped++;
  }
  return tally;
}

/** Seconds with three decimals, the form the schema's SUREFIRE_TIME takes (never 1e-7). */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * From the first case's start to the last one's end: cases run side by side, so the sum of
 * their times would overstate how long the suite took.
 */
function wallSeconds(cases: CaseResult[]): string {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const c of cases) {
    const start = Date.parse(c.startedAt);
    first = Math.min(first, start);
    last = Math.max(last, start + c.durationMs);
  }
  return seconds(cases.length ? last - first : 0);
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values).map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`).join('');
}

/**
 * Text as CDATA. A transcript may hold "]]>" (a hostile peer can send it, more than once):
 * each ends one section and the rest goes on in the next.
 */
function cdata(text: string): string {
  return `<![CDATA[${xmlSafe(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function caseName(c: CaseResult): string {
  return c.transport === 'tcp' ? c.id : `${c.id}[${c.transport}]`;
}

function supportLine(spec: SpecResult): string {
  const s = spec.support!;
  const found = s.supported === null ? 'unknown' : s.supported ? 'verified' : 'absent';
  const advertised = s.advertised === null ? 'n/a' : s.advertised ? 'yes' : 'no';
  return `${found}; advertised: ${advertised}${s.entity ? ` (asked ${s.entity})` : ''}; ${s.detail}`;
}

function findingsText(c: CaseResult): string {
  const findings = c.findings.map((f) => `${f.strength.toUpperCase()}: expected ${f.expected}\n  actual: ${f.actual}`);
  return [citationLine(c.citation), ...findings].join('\n');
}

function systemOut(c: CaseResult): string {
  const head = [
    // the verdict and its reason first: Jenkins keeps only the start of a passing case's output
    `${c.verdict.toUpperCase()}${c.reason ? `: ${c.reason}` : ''}`,
    `${c.id} (${c.specName} §${c.section}, ${c.keyword}, over ${c.transport})`,
    `requirement: ${c.requirement}`,
    `cited: ${citationLine(c.citation)}${c.citation.url ? ` <${c.citation.url}>` : ''}`,
    ...c.findings.map((f) => `${f.strength.toUpperCase()} not met: expected ${f.expected}; actual ${f.actual}`),
    ...c.notes.map((n) => `note: ${n}`),
    c.waiver && `waiver (${c.waiver.status}): ${c.waiver.reason}${c.waiver.expires ? `, until ${c.waiver.expires}` : ''}; verdict without it: ${c.waiver.verdict}`,
  ].filter(Boolean);
  return `${head.join('\n')}\n\ntranscript (passwords and SASL payloads redacted):\n${renderTranscript(c.transcript)}\n`;
}
