import { describe, expect, it } from 'vitest';
import { htmlReport } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { caseResult, runReport } from '../support/reports.js';

const failing = caseResult('RFC6120-4.7.1-1', 'fail', {
  reason: "expected from='d'; got no from attribute",
  findings: [{ strength: 'must', expected: "from='d'", actual: '<stream:stream> without from' }],
  transcript: [{ at: 1, session: 'raw1', direction: 'received', data: "<stream:stream id='x'>" }],
});
const reports = [runReport('prosody', [caseResult('RFC6120-4.2-1', 'pass'), failing], 'fail'), runReport('ejabberd', [caseResult('RFC6120-4.2-1', 'pass'), caseResult('RFC6120-4.7.1-1', 'pass')])];

describe('HTML report', () => {
  const html = [...htmlReport(reports)].join('');
  it('is one self-contained page: no external scripts, styles or images', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=|@import/i);
  });
  it('shows the verdict per target and a cell per spec and target, opening onto cases and their evidence', () => {
    expect(html).toContain('data-overall>FAIL<');
    expect(html).toMatch(/data-target="prosody"[\s\S]*data-level-verdict>FAIL</);
    expect(html).toMatch(/<td class="cell v-fail" data-target="prosody" data-spec="xmpp-core" data-verdict="fail">/);
    expect(html).toMatch(/<details class="case v-fail" data-case="RFC6120-4.7.1-1" data-verdict="fail">/);
    expect(html).toContain('&lt;stream:stream&gt; without from');
    expect(html).toContain('&lt;stream:stream id=\'x\'&gt;');
  });
});

describe('HTML report: the order of cases in a cell', () => {
  it('puts failures, errors and warnings first, then waived, skipped and passed cases, each by ID', () => {
    const cases = [
      caseResult('RFC6120-4.10-1', 'pass'), caseResult('RFC6120-4.9-1', 'skip'), caseResult('RFC6120-4.2-1', 'pass'), caseResult('RFC6120-4.8-1', 'warn'),
      caseResult('RFC6120-4.7-2', 'fail'), caseResult('RFC6120-4.3-1', 'error'), caseResult('RFC6120-4.7-1', 'fail'), caseResult('RFC6120-4.6-1', 'waived'),
    ];
    const page = [...htmlReport([runReport('prosody', cases, 'fail')])].join('');
    const order = [...page.matchAll(/<details class="case [^"]*" data-case="([^"]+)" data-verdict="(\w+)">/g)].map((m) => `${m[2]} ${m[1]}`);
    expect(order).toEqual([
      'fail RFC6120-4.7-1', 'fail RFC6120-4.7-2', 'error RFC6120-4.3-1', 'warn RFC6120-4.8-1', 'waived RFC6120-4.6-1', 'skip RFC6120-4.9-1',
      'pass RFC6120-4.2-1', 'pass RFC6120-4.10-1',
    ]);
  });

  it('keeps the run order of one case over several transports', () => {
    const cases = [caseResult('RFC6120-4.2-1', 'fail', { transport: 'bosh' }), caseResult('RFC6120-4.2-1', 'fail')];
    const page = [...htmlReport([runReport('prosody', cases, 'fail')])].join('');
    expect(page.indexOf('RFC6120-4.2-1 [bosh]')).toBeGreaterThan(-1);
    expect(page.indexOf('RFC6120-4.2-1 [bosh]')).toBeLessThan(page.indexOf('RFC6120-4.2-1 <span'));
  });
});

describe('Markdown summary', () => {
  const md = renderMarkdown(reports);
  it('has the level per target, the spec table and one line per case that did not pass', () => {
    expect(md).toContain('| prosody |  | **FAIL** | 1 | 1 | 0 | 0 | 0 |');
    expect(md).toContain('| [RFC 6120](https://www.rfc-editor.org/rfc/rfc6120) XMPP Core | REQUIRED | FAIL (1/1/0) | PASS (2/0/0) |');
    expect(md).toContain("- **prosody** FAIL `RFC6120-4.7.1-1` (RFC 6120 §4, MUST): expected from='d'; got no from attribute");
  });
});
