import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHtml } from '../../src/report/html.js';
import type { CaseResult, RunReport } from '../../src/report/model.js';
import { launchChromium } from '../support/chromium.js';
import { caseResult, runReport } from '../support/reports.js';

/** A run over XMPP Core (`core`) and XMPP IM (`im`). */
function twoSpecRun(name: string, core: CaseResult[], im: CaseResult[], verdict: RunReport['level']['verdict']): RunReport {
  const report = runReport(name, core, verdict);
  const imSpec = runReport(name, im).specs[0]!;
  report.specs.push({ ...imSpec, spec: 'xmpp-im', name: 'RFC 6121', title: 'XMPP IM', url: 'https://www.rfc-editor.org/rfc/rfc6121', cases: im.map((c) => ({ ...c, spec: 'xmpp-im' })) });
  return report;
}

const HOSTILE = `</pre></script><script>window.injected = 1</script><img src="http://127.0.0.1:1/x">`;
const reports = [
  twoSpecRun('prosody', [
    caseResult('RFC6120-4.2-1', 'pass'),
    caseResult('RFC6120-4.7.1-1', 'fail', { reason: HOSTILE, transcript: [{ at: 1, session: 'raw1', direction: 'received', data: HOSTILE }] }),
    caseResult('RFC6120-4.3-1', 'error'), caseResult('RFC6120-4.8-1', 'warn'), caseResult('RFC6120-4.9-1', 'skip'),
  ], [caseResult('RFC6121-2.1-1', 'pass'), caseResult('RFC6121-2.2-1', 'pass')], 'fail'),
  twoSpecRun('ejabberd', [caseResult('RFC6120-4.2-1', 'pass'), caseResult('RFC6120-4.7.1-1', 'pass'), caseResult('RFC6120-4.8-1', 'warn')], [
    caseResult('RFC6121-2.1-1', 'pass'), caseResult('RFC6121-2.2-1', 'pass'),
  ], 'pass'),
];
const cases = reports.flatMap((r) => r.specs.flatMap((s) => s.cases));
const count = (...verdicts: string[]): number => cases.filter((c) => verdicts.includes(c.verdict)).length;

describe('the HTML report in Chromium: filter, expand all, print', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmpp-certify-html-'));
  const file = path.join(dir, 'report.html');
  let browser: Browser;
  // a context costs more than a page: one with JavaScript and one without serve every test
  const contexts = new Map<boolean, BrowserContext>();

  beforeAll(async () => {
    writeHtml(file, reports);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The page, and whatever it asked of the network or complained of (a blocked script or style among them). */
  async function open(javaScriptEnabled: boolean): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    if (!contexts.has(javaScriptEnabled)) contexts.set(javaScriptEnabled, await browser.newContext({ javaScriptEnabled }));
    const page = await contexts.get(javaScriptEnabled)!.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    return { page, requests, errors };
  }
  const visibleCases = (page: Page): Promise<number> => page.locator('details.case').filter({ visible: true }).count();
  const visibleRows = (page: Page): Promise<number> => page.locator('table.matrix tbody tr').filter({ visible: true }).count();

  it('reads without JavaScript: no controls, and a cell still opens onto its cases', async () => {
    const { page, requests } = await open(false);
    expect(await page.locator('.controls').isVisible()).toBe(false);
    const cell = page.locator('td.cell[data-target="prosody"][data-spec="xmpp-core"]');
    expect(await visibleCases(page)).toBe(0);
    await cell.locator('summary').first().click();
    expect(await cell.locator('details.case').filter({ visible: true }).count()).toBe(5);
    expect(requests).toEqual([]);
  });

  it('filters by verdict, expands and collapses all, and runs no injected script', async () => {
    const { page, requests, errors } = await open(true);
    expect(await page.locator('.controls').isVisible()).toBe(true);
    expect(cases.length, 'cases in the report').toBe(12);

    await page.getByRole('button', { name: 'Expand all' }).click();
    expect(await visibleCases(page)).toBe(cases.length);
    expect(await page.locator('pre.transcript').filter({ visible: true }).count()).toBe(cases.length);
    // failures lead the cell
    expect(await page.locator('td.cell[data-target="prosody"][data-spec="xmpp-core"] details.case').first().getAttribute('data-verdict')).toBe('fail');

    await page.getByLabel('failures and errors').check();
    expect(await visibleCases(page)).toBe(count('fail', 'error'));
    expect(await visibleRows(page), 'the XMPP IM row has only passes').toBe(1);
    await page.getByLabel('and warnings').check();
    expect(await visibleCases(page)).toBe(count('fail', 'error', 'warn'));
    await page.getByLabel('all cases').check();
    expect(await visibleCases(page)).toBe(cases.length);
    expect(await visibleRows(page)).toBe(2);

    await page.getByRole('button', { name: 'Collapse all' }).click();
    expect(await visibleCases(page)).toBe(0);

    expect(await page.locator('[data-case="RFC6120-4.7.1-1"] .reason').textContent()).toBe(HOSTILE);
    expect(await page.evaluate(() => (globalThis as { injected?: number }).injected)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(1);
    expect(errors, 'console errors (a script or style the page refused among them)').toEqual([]);
    expect(requests).toEqual([]);
  });

  it('prints every case that did not pass open, whatever the filter, without the controls, and closes them after', async () => {
    const { page, errors } = await open(true);
    await page.getByLabel('failures and errors').check();
    const notPassed = page.locator('details.case:not([data-verdict="pass"])');
    expect(await notPassed.count()).toBe(count('fail', 'error', 'warn', 'skip'));

    // the page hears of a change of media with the next frame, not at once
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.controls').isVisible()).toBe(false);
    await expect.poll(() => page.locator('details.case:not([data-verdict="pass"]):not([open])').count()).toBe(0);
    expect(await notPassed.locator('pre.transcript').filter({ visible: true }).count()).toBe(count('fail', 'error', 'warn', 'skip'));
    // passes show their one line in an opened cell, and stay closed
    expect(await page.locator('details.case[data-verdict="pass"][open]').count()).toBe(0);
    expect(await page.locator('td.cell[data-target="prosody"][data-spec="xmpp-core"] details.case[data-verdict="pass"]').isVisible()).toBe(true);

    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => page.locator('details[open]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
