import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type FixtureServer } from '../../fixtures/servers/index.js';
import type { MatrixReport } from '../../src/report/matrix.js';
import { launchChromium } from '../support/chromium.js';
import { runTool, type ToolRun } from '../support/cli.js';
import { checkJunitSchema, jsonReportErrors, readWithJunitparser } from '../support/validate.js';

/** --target NAME=HOST:PORT with every per-target flag scoped to NAME. */
function scopedTarget(name: string, server: FixtureServer): string[] {
  return [
    '--target', `${name}=${server.host}:${server.port}`,
    '--domain', `${name}=${server.domain}`,
    '--ca', `${name}=${server.caFile}`,
    ...server.accounts.flatMap((a) => ['--account', `${name}=${a.jid}:${a.password}`]),
  ];
}

describe('one run over Prosody and ejabberd: the conformance matrix', () => {
  const servers: Record<string, FixtureServer> = {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmpp-certify-matrix-'));
  const files = { json: path.join(dir, 'm.json'), junit: path.join(dir, 'm.xml'), html: path.join(dir, 'm.html'), markdown: path.join(dir, 'm.md') };
  let run: ToolRun;
  let report: MatrixReport;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const [prosody, ejabberd] = await Promise.all([startFixture('prosody'), startFixture('ejabberd')]);
    Object.assign(servers, { prosody, ejabberd });
    run = await runTool([
      ...scopedTarget('prosody', prosody), ...scopedTarget('ejabberd', ejabberd), '--level', 'core-server', '--no-progress',
      '--json', files.json, '--junit', files.junit, '--html', files.html, '--markdown', files.markdown,
    ]);
    report = JSON.parse(fs.readFileSync(files.json, 'utf8')) as MatrixReport;
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  });

  it('writes one matrix report with a run per target, under the documented schema', () => {
    expect(jsonReportErrors(report)).toEqual([]);
    expect(report.kind).toBe('matrix');
    expect(report.targets.map((t) => t.name)).toEqual(['prosody', 'ejabberd']);
    for (const t of report.targets) {
      expect(t.complete).toBe(true);
      expect(t.target.software?.name.toLowerCase()).toContain(t.name);
      expect(t.specs.map((s) => s.spec)).toEqual(report.targets[0]!.specs.map((s) => s.spec));
    }
    const worst = report.targets.some((t) => t.level.verdict === 'fail') ? 'fail' : report.targets.some((t) => t.level.verdict === 'incomplete') ? 'incomplete' : 'pass';
    expect(report.level.verdict).toBe(worst);
    expect(run.code).toBe({ pass: 0, fail: 1, incomplete: 2 }[worst]);
    // one column per target in the terminal matrix
    expect(run.stdout).toMatch(/SPEC\s+TITLE\s+REQUIREMENT\s+prosody\s+ejabberd/);
  });

  it('writes JUnit that the schema accepts and a real reader counts right', () => {
    checkJunitSchema(files.junit);
    const cases = report.targets.flatMap((t) => t.specs.flatMap((s) => s.cases));
    const reading = readWithJunitparser(files.junit);
    expect(reading.tests).toBe(cases.length);
    expect(reading.failures).toBe(cases.filter((c) => c.verdict === 'fail').length);
    expect(reading.errors).toBe(cases.filter((c) => c.verdict === 'error').length);
  });

  it('writes a Markdown summary with the level per target and the spec table', () => {
    const md = fs.readFileSync(files.markdown, 'utf8');
    expect(report.targets.length, 'targets in the report').toBe(2);
    for (const t of report.targets) expect(md).toMatch(new RegExp(`^\\| ${t.name} \\| [^|]+ \\| \\*\\*${t.level.verdict.toUpperCase()}\\*\\* \\| ${t.totals.pass} \\| ${t.totals.fail} \\|`, 'm'));
    expect(md).toContain('| Specification | Requirement | prosody | ejabberd |');
  });

  it('writes an HTML page that opens offline in Chromium, shows the verdicts, and opens a case on a click', async () => {
    browser = await launchChromium();
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(files.html).href);
    expect(await page.locator('[data-overall]').textContent()).toBe(report.level.verdict.toUpperCase());
    expect(report.targets.length, 'targets in the report').toBe(2);
    for (const t of report.targets) {
      expect(await page.locator(`.target[data-target="${t.name}"] [data-level-verdict]`).textContent()).toBe(t.level.verdict.toUpperCase());
    }

    // a cell of a spec with a case that did not pass, and that case inside it
    const target = report.targets.find((t) => t.specs.some((s) => s.cases.some((c) => c.verdict === 'fail'))) ?? report.targets[0]!;
    const spec = target.specs.find((s) => s.cases.some((c) => c.verdict === 'fail')) ?? target.specs[0]!;
    const shown = spec.cases.find((c) => c.verdict === 'fail') ?? spec.cases[0]!;
    const cell = page.locator(`td.cell[data-target="${target.name}"][data-spec="${spec.spec}"]`);
    expect(await cell.getAttribute('data-verdict')).toBe(spec.verdict);
    const caseBox = cell.locator(`details.case[data-case="${shown.id}"]`).first();
    expect(await caseBox.isVisible()).toBe(false);
    await cell.locator('summary').first().click();
    expect(await caseBox.isVisible()).toBe(true);
    const transcript = caseBox.locator('pre.transcript');
    expect(await transcript.isVisible()).toBe(false);
    await caseBox.locator('summary').click();
    expect(await transcript.isVisible()).toBe(true);
    expect(await transcript.textContent()).toContain('<stream:stream');
    if (shown.reason) expect(await caseBox.locator('.reason').textContent()).toBe(shown.reason);

    expect(requests, 'requests beyond the file itself').toEqual([]);
  });
});
