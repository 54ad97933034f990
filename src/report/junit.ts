import junitModule, { type Builder } from 'junit-report-builder';
import { renderTranscript } from '../evidence/transcript.js';
import type { CaseResult, RunReport, SpecResult } from './model.js';
import { writeFileAtomic, xmlSafe } from './write.js';

/**
 * JUnit XML (Surefire flavour, valid against the junit-10 schema CI consumers use): one
 * testsuite per spec, one testcase per case and transport. FAIL is <failure>, ERROR is
 * <error>, SKIP is <skipped>, WARN passes with the warning first in system-out. The schema
 * allows properties on testsuites only, so each suite carries its spec's properties and, per
 * case, `<id>.section`, `<id>.keyword` and `<id>.verdict`.
 */
// The package is CommonJS whose module.exports is the builder, while its typings declare an
// ES default export; at runtime the default import is the builder itself.
const junit = junitModule as unknown as Builder;

export function renderJunit(reports: RunReport[]): string {
  const builder = junit.newBuilder().name(`xmpp-certify ${reports[0]!.level.id} ${reports.map((r) => r.name).join(' ')}`);
  for (const report of reports) addRun(builder, report, reports.length > 1);
  return withoutRootSkipped(builder.build());
}

/** One run's suites; with several targets, each suite and class name starts with the target's. */
function addRun(builder: Builder, report: RunReport, named: boolean): void {
  const prefix = named ? `${report.name}: ` : '';
  for (const spec of report.specs) {
    const suite = builder.testSuite()
      .name(`${prefix}${spec.name} ${spec.title}`)
      .timestamp(report.startedAt)
      .property('spec', spec.name)
      .property('title', spec.title)
      .property('url', spec.url)
      .property('requirement', spec.requirement)
      .property('level', `${report.level.id} (${report.level.xep})`)
      .property('baseline', `RFC ${report.level.baseline}`)
      .property('verdict', spec.verdict)
      .property('target', `${report.name} (${report.target.host}:${report.target.port}, ${report.target.domain})`);
    if (spec.support) {
      suite.property('support', supportLine(spec));
    }
    for (const c of spec.cases) {
      const key = caseName(c);
      suite.property(`${key}.section`, c.section).property(`${key}.keyword`, c.keyword).property(`${key}.verdict`, c.verdict);
      const testCase = suite.testCase()
        .className(`${named ? `${report.name}.` : ''}${report.level.id}.${spec.name.replace(/\s+/g, '')}`)
        .name(`${key} ${c.requirement}`)
        .time(c.durationMs / 1000)
        .standardOutput(xmlSafe(systemOut(c)));
      const message = xmlSafe(c.reason ?? '');
      if (c.verdict === 'fail') testCase.failure(message, 'nonconformance').stacktrace(xmlSafe(findingsText(c)));
      else if (c.verdict === 'error') testCase.error(message, 'tool-error', xmlSafe(c.reason ?? ''));
      // a waived case is a known deviation: consumers treat it like an expected failure
      else if (c.verdict === 'skip' || c.verdict === 'waived') testCase.skipped();
    }
  }
}

/**
 * The builder puts a `skipped` count on <testsuites>, which the junit-10 schema does not allow
 * there (only on <testsuite>); consumers that validate would reject the whole file.
 */
function withoutRootSkipped(xml: string): string {
  return xml.replace(/(<testsuites\b[^>]*?) skipped="\d+"/, '$1');
}

export function writeJunit(file: string, reports: RunReport[]): void {
  writeFileAtomic(file, renderJunit(reports));
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
  return c.findings.map((f) => `${f.strength.toUpperCase()}: expected ${f.expected}\n  actual: ${f.actual}`).join('\n');
}

function systemOut(c: CaseResult): string {
  const head = [
    `${c.id} (${c.specName} §${c.section}, ${c.keyword}, over ${c.transport}): ${c.verdict.toUpperCase()}`,
    `requirement: ${c.requirement}`,
    c.reason && `reason: ${c.reason}`,
    ...c.findings.map((f) => `${f.strength.toUpperCase()} not met: expected ${f.expected}; actual ${f.actual}`),
    ...c.notes.map((n) => `note: ${n}`),
    c.waiver && `waiver (${c.waiver.status}): ${c.waiver.reason}${c.waiver.expires ? `, until ${c.waiver.expires}` : ''}; verdict without it: ${c.waiver.verdict}`,
  ].filter(Boolean);
  return `${head.join('\n')}\n\ntranscript (passwords and SASL payloads redacted):\n${renderTranscript(c.transcript)}\n`;
}
