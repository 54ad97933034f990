import crypto from 'node:crypto';
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
  it('names the command line of each run once: one for a matrix run, each of a merged one', () => {
    const commands = (page: string): string[] => [...page.matchAll(/<p class="meta command"><code>([^<]*)<\/code><\/p>/g)].map((m) => m[1]!);
    expect(commands(html)).toEqual([reports[0]!.command]);
    const merged = reports.map((r) => ({ ...r, command: `xmpp-certify --target ${r.name}` }));
    expect(commands([...htmlReport(merged)].join(''))).toEqual(['xmpp-certify --target prosody', 'xmpp-certify --target ejabberd']);
  });
  it('is one self-contained page: no external scripts, styles or images', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<link|\bsrc=|@import|url\(/i);
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script>']);
    // addresses only in links to the specs, never in the style or the script
    for (const block of html.match(/<(style|script)>[\s\S]*?<\/\1>/g)!) expect(block).not.toMatch(/\/\//);
  });
  it('lets the browser run its own script and style and nothing else', () => {
    const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)![1]!;
    const hash = (text: string): string => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;
    const [, script] = html.match(/<script>([\s\S]*?)<\/script>/)!;
    const [, style] = html.match(/<style>([\s\S]*?)<\/style>/)!;
    expect(policy).toBe(`default-src 'none'; script-src ${hash(script!)}; style-src ${hash(style!)}`);
  });
  it('has a filter by verdict and expand and collapse all, hidden until the script shows them', () => {
    const controls = html.match(/<nav class="controls" hidden>[\s\S]*?<\/nav>/)![0];
    expect([...controls.matchAll(/<input type="radio" name="show" value="(\w+)"/g)].map((m) => m[1])).toEqual(['fail', 'warn', 'all']);
    expect(controls).toMatch(/value="all" checked>/);
    expect(controls).toContain('<button type="button" data-expand>Expand all</button>');
    expect(controls).toContain('<button type="button" data-collapse>Collapse all</button>');
    expect(html).toContain("controls.hidden = false;");
  });
  it('prints without the controls and with every case that did not pass opened, whatever the filter', () => {
    const print = html.match(/@media print \{[\s\S]*?\n\}/)![0];
    expect(print).toContain('.controls { display: none; }');
    expect(print).toContain('pre.transcript { max-height: none;');
    expect(html).toContain('@media screen { .filtered { display: none; } }');
    expect(html).toContain("addEventListener('beforeprint', openForPrint);");
    expect(html).toContain("matchMedia('print').addEventListener('change'");
    expect(html).toContain("document.querySelectorAll('details.case:not([data-verdict=pass])')");
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

describe('HTML report of hostile text', () => {
  const hostile = `"><script>alert('x')</script><img src=x onerror=alert(1)>`;
  const quoted = caseResult(`X-1${hostile}`, 'fail', {
    requirement: hostile, reason: hostile, notes: [hostile],
    findings: [{ strength: 'must', expected: hostile, actual: hostile }],
    citation: { doc: 'RFC 6120', section: '4', keyword: 'MUST', quote: hostile, url: `https://example.test/${hostile}` },
    transcript: [{ at: 1, session: 'raw1', direction: 'received', data: `</pre>${hostile}` }],
  });
  const page = [...htmlReport([runReport(`target${hostile}`, [quoted], 'fail')])].join('');
  it('escapes case IDs, requirements, quotes from the spec, findings, notes, transcripts and target names', () => {
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page).not.toContain('<img');
    expect(page).toContain(`data-case="X-1&quot;&gt;&lt;script&gt;alert('x')&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"`);
    expect(page).toContain(`<h2>target"&gt;&lt;script&gt;`);
    expect(page.match(/<\/pre>/g)).toHaveLength(1);
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
