import { citationLine } from '../catalogue/citation.js';
import { renderTranscript } from '../evidence/transcript.js';
import type { CaseResult, RunReport, SpecResult } from './model.js';
import { writeFileAtomic, xmlAttribute, xmlSafe } from './write.js';

/**
 * JUnit XML (Surefire flavour, valid against the junit-10 schema CI consumers use): one
 * testsuite per spec, one testcase per case and transport. FAIL is <failure>, ERROR is
 * <error>, SKIP is <skipped>, WARN passes with the warning first in system-out. The schema
 * allows properties on testsuites only, so each suite carries its spec's properties and, per
 * case, `<id>.section`, `<id>.keyword` and `<id>.verdict`.
 *
 * The document comes out in pieces, one testcase at a time, so that rewriting it while a run
 * goes on never holds a second copy of every transcript.
 */
export function* junitReport(reports: RunReport[]): Generator<string> {
  const named = reports.length > 1;
  const all = reports.flatMap((r) => r.specs.flatMap((s) => s.cases));
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attributes({
    name: `xmpp-certify ${reports[0]!.level.id} ${reports.map((r) => r.name).join(' ')}`,
    ...counts(all),
  })}>\n`;
  for (const report of reports) {
    for (const spec of report.specs) yield* testSuite(report, spec, named);
  }
  yield '</testsuites>\n';
}

export function writeJunit(file: string, reports: RunReport[]): void {
  writeFileAtomic(file, junitReport(reports));
}

/** One spec's suite; with several targets, each suite and class name starts with the target's. */
function* testSuite(report: RunReport, spec: SpecResult, named: boolean): Generator<string> {
  const prefix = named ? `${report.name}: ` : '';
  yield `  <testsuite${attributes({
    name: `${prefix}${spec.name} ${spec.title}`,
    timestamp: report.startedAt,
    ...counts(spec.cases),
    skipped: spec.cases.filter(isSkipped).length,
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
  for (const c of spec.cases) yield testCase(c, className);
  yield '  </testsuite>\n';
}

function testCase(c: CaseResult, className: string): string {
  const outcome =
    c.verdict === 'fail' ? `<failure${attributes({ message: c.reason ?? '', type: 'nonconformance' })}>${cdata(findingsText(c))}</failure>`
    : c.verdict === 'error' ? `<error${attributes({ message: c.reason ?? '', type: 'tool-error' })}>${cdata(c.reason ?? '')}</error>`
    // a waived case is a known deviation: consumers treat it like an expected failure
    : isSkipped(c) ? '<skipped/>'
    : undefined;
  return [
    `    <testcase${attributes({ classname: className, name: `${caseName(c)} ${c.requirement}`, time: c.durationMs / 1000 })}>\n`,
    outcome ? `      ${outcome}\n` : '',
  if (report.level.selection) properties.push(['selection', report.level.selection.join(' ')]);
    `      <system-out>${cdata(systemOut(c))}</system-out>\n`,
    '    </testcase>\n',
  ].join('');
}

function counts(cases: CaseResult[]): { tests: number; failures: number; errors: number } {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.verdict === 'fail').length,
    errors: cases.filter((c) => c.verdict === 'error').length,
  };
}

function isSkipped(c: CaseResult): boolean {
  return c.verdict === 'skip' || c.verdict === 'waived';
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
    `${c.id} (${c.specName} §${c.section}, ${c.keyword}, over ${c.transport}): ${c.verdict.toUpperCase()}`,
    `requirement: ${c.requirement}`,
    `cited: ${citationLine(c.citation)}${c.citation.url ? ` <${c.citation.url}>` : ''}`,
    c.reason && `reason: ${c.reason}`,
    ...c.findings.map((f) => `${f.strength.toUpperCase()} not met: expected ${f.expected}; actual ${f.actual}`),
    ...c.notes.map((n) => `note: ${n}`),
    c.waiver && `waiver (${c.waiver.status}): ${c.waiver.reason}${c.waiver.expires ? `, until ${c.waiver.expires}` : ''}; verdict without it: ${c.waiver.verdict}`,
  ].filter(Boolean);
  return `${head.join('\n')}\n\ntranscript (passwords and SASL payloads redacted):\n${renderTranscript(c.transcript)}\n`;
}
