import type { CaseCitation } from '../../src/catalogue/citation.js';
import type { CaseResult, RunReport, Verdict } from '../../src/report/model.js';

/** A citation for test cases of the core spec, the same under both baselines. */
export function testCite(keyword: 'MUST' | 'SHOULD' = 'MUST'): CaseCitation {
  const entry = { section: '1', keyword, quote: `A test server ${keyword} do what the test case checks.` };
  return { '3920': entry, '6120': entry };
}

/** A case result with the fields a test cares about. */
export function caseResult(id: string, verdict: Verdict, extra: Partial<CaseResult> = {}): CaseResult {
  return {
    id, spec: 'xmpp-core', specName: 'RFC 6120', section: '4', keyword: 'MUST', strength: 'must', evidence: 'behaviour', requirement: `requirement of ${id}`, role: 'server',
    citation: { doc: 'RFC 6120', section: '4', keyword: 'MUST', quote: 'A test server MUST do what the test case checks.', url: 'https://www.rfc-editor.org/rfc/rfc6120#section-4' },
    transport: 'tcp', verdict, findings: [], notes: [], startedAt: '2026-11-21T00:00:00.000Z', durationMs: 1, transcript: [], ...extra,
  };
}

/** A finished single-spec run report holding `cases`. */
export function runReport(name: string, cases: CaseResult[], verdict: RunReport['level']['verdict'] = 'pass'): RunReport {
  const counts = { pass: 0, fail: 0, warn: 0, skip: 0, error: 0, waived: 0 };
  for (const c of cases) counts[c.verdict]++;
  return {
    tool: { name: 'xmpp-certify', version: '0.1.0' },
    name,
    command: 'xmpp-certify test',
    level: { id: 'core-server', xep: 'XEP-0243', title: 'XMPP Core Server 2009', role: 'server', baseline: '6120', verdict, reasons: [], warnings: [] },
    target: { host: '127.0.0.1', port: 5222, domain: 'example.test', transports: ['tcp'], tls: { verification: 'verified' }, accounts: 'given' },
    startedAt: '2026-11-21T00:00:00.000Z',
    finishedAt: '2026-11-21T00:00:01.000Z',
    complete: true,
    catalogue: { cases: cases.length, hash: 'sha256:0' },
    planned: cases.length,
    specs: [{
      spec: 'xmpp-core', name: 'RFC 6120', title: 'XMPP Core', url: 'https://www.rfc-editor.org/rfc/rfc6120', requirement: 'REQUIRED',
      via: 'core-server', verdict: counts.fail ? 'fail' : 'pass', support: null, counts, cases,
    }],
    totals: counts,
  };
}
