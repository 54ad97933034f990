import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCommand, compareReports, hasRegressions, renderComparison } from '../../src/cli/compare.js';
import { UsageError } from '../../src/cli/parse.js';
import { EXIT } from '../../src/cli/run.js';
import { matrixOf } from '../../src/report/matrix.js';
import type { RunReport } from '../../src/report/model.js';
import { caseResult, runReport } from '../support/reports.js';

const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');
const notRun = (id: string) => caseResult(id, 'skip', { skipKind: 'not-run', reason: 'needs 3 accounts' });

/** A report whose one spec has the given verdict. */
function withSpecVerdict(report: RunReport, verdict: RunReport['specs'][number]['verdict']): RunReport {
  return { ...report, specs: report.specs.map((s) => ({ ...s, verdict })) };
}

describe('compare', () => {
  const before = runReport('prosody', [caseResult('A-1', 'pass'), caseResult('A-2', 'fail'), caseResult('A-3', 'pass'), caseResult('A-4', 'skip', { skipKind: 'not-applicable' })], 'fail');
  const after = runReport('prosody', [caseResult('A-1', 'fail'), caseResult('A-2', 'pass'), caseResult('A-3', 'warn'), caseResult('A-5', 'pass')], 'fail');

  it('sorts changes into regressions, fixes, other changes, new and removed cases', () => {
    const c = compareReports(before, after);
    expect(c.regressions.map((x) => x.id)).toEqual(['A-1']);
    expect(c.fixes.map((x) => x.id)).toEqual(['A-2']);
    expect(c.changed.map((x) => `${x.id}:${x.before}->${x.after}`)).toEqual(['A-3:pass->warn']);
    expect(c.added.map((x) => x.id)).toEqual(['A-5']);
    expect(c.removed.map((x) => x.id)).toEqual(['A-4']);
    expect(hasRegressions(c)).toBe(true);
  });

  it('has no regression when nothing got worse, and one when a level verdict dropped', () => {
    expect(hasRegressions(compareReports(before, before))).toBe(false);
    const passing = runReport('p', [caseResult('A-1', 'pass')], 'pass');
    const incomplete = runReport('p', [caseResult('A-1', 'error')], 'incomplete');
    expect(hasRegressions(compareReports(passing, incomplete))).toBe(true);
  });

  it('matches targets by name in matrix reports', () => {
    const old = matrixOf([runReport('prosody', [caseResult('A-1', 'pass')]), runReport('ejabberd', [caseResult('A-1', 'fail')], 'fail')]);
    const now = matrixOf([runReport('ejabberd', [caseResult('A-1', 'pass')]), runReport('prosody', [caseResult('A-1', 'pass')])]);
    const c = compareReports(old, now);
    expect(c.fixes).toEqual([expect.objectContaining({ target: 'ejabberd', id: 'A-1' })]);
    expect(c.regressions).toEqual([]);
    expect(c.differences).toEqual([]);
  });
});

describe('compare: cases no longer run', () => {
  const before = runReport('p', [caseResult('A-1', 'fail'), caseResult('A-2', 'pass'), caseResult('A-3', 'waived'), caseResult('A-4', 'error')], 'fail');
  const after = runReport('p', [notRun('A-1'), notRun('A-2'), notRun('A-4')], 'fail');

  it('puts a case that had a verdict and is now not run, or not in the report, in a category of its own, not among the fixes', () => {
    const c = compareReports(before, after);
    expect(c.fixes).toEqual([]);
    expect(c.noLongerRun.map((x) => `${x.id}:${x.before}->${x.after ?? 'gone'}`)).toEqual(['A-1:fail->skip', 'A-2:pass->skip', 'A-3:waived->gone']);
    // an error had no verdict on the target: its becoming not run is another change
    expect(c.changed.map((x) => x.id)).toEqual(['A-4']);
  });

  it('is a regression only with --fail-on-not-run', () => {
    const c = compareReports(before, after);
    expect(hasRegressions(c)).toBe(false);
    expect(hasRegressions(c, { failOnNotRun: true })).toBe(true);
    expect(plain(renderComparison(c))).toContain('No longer run: a verdict before, none now (not a fix) (3)\n  A-1: fail → not run  needs 3 accounts\n  A-2: pass → not run');
    expect(plain(renderComparison(c))).toContain('  A-3: waived → not in the report');
    expect(plain(renderComparison(c, { failOnNotRun: true }))).toContain('Regressions: no longer run (--fail-on-not-run) (3)');
  });
});

describe('compare: specs', () => {
  const verified = withSpecVerdict(runReport('p', [caseResult('A-1', 'pass'), caseResult('A-2', 'pass')], 'pass'), 'pass');

  it('reports a spec verified before and now incomplete, absent, failing or untested as a regression, whatever its cases did', () => {
    // its cases are no longer run: no case-level regression, no level drop counted from 'pass' to 'pass'
    const quiet = runReport('p', [notRun('A-1'), notRun('A-2')], 'pass');
    for (const verdict of ['incomplete', 'absent', 'fail', 'untested'] as const) {
      const c = compareReports(verified, withSpecVerdict(quiet, verdict));
      expect(c.regressions).toEqual([]);
      expect(c.specRegressions).toEqual([{ target: 'p', spec: 'RFC 6120', before: 'pass', after: verdict }]);
      expect(hasRegressions(c)).toBe(true);
    }
  });

  it('reports a verified spec that is not in the new report, and not one that still passes or warns', () => {
    const without = { ...verified, specs: [] };
    expect(compareReports(verified, without).specRegressions).toEqual([{ target: 'p', spec: 'RFC 6120', before: 'pass', after: undefined }]);
    expect(plain(renderComparison(compareReports(verified, without)))).toContain('Regressions: specs verified before, not now (1)\n  RFC 6120: PASS → not in the report');
    expect(compareReports(verified, withSpecVerdict(verified, 'warn')).specRegressions).toEqual([]);
    expect(compareReports(withSpecVerdict(verified, 'incomplete'), withSpecVerdict(verified, 'fail')).specRegressions).toEqual([]);
  });
});

describe('compare: reports of different things', () => {
  const base = runReport('prosody', [caseResult('A-1', 'pass')]);
  const other = (change: (r: RunReport) => RunReport): RunReport => change(structuredClone(base));

  it('names what differs: level, role, baseline, selection, domain, software, target names', () => {
    const differences = (r: RunReport) => compareReports(base, r).differences.map((d) => `${d.what} ${d.before} → ${d.after}`);
    expect(differences(other((r) => ({ ...r, level: { ...r.level, id: 'advanced-server' } })))).toEqual(['level core-server → advanced-server']);
    expect(differences(other((r) => ({ ...r, level: { ...r.level, role: 'client' } })))).toEqual(['role server → client']);
    expect(differences(other((r) => ({ ...r, level: { ...r.level, baseline: '3920' } })))).toEqual(['baseline RFC 6120 → RFC 3920']);
    expect(differences(other((r) => ({ ...r, level: { ...r.level, selection: ['RFC6120-4'] } })))).toEqual(['cases all → RFC6120-4']);
    expect(differences(other((r) => ({ ...r, target: { ...r.target, domain: 'other.test' } })))).toEqual(['target domain example.test → other.test']);
    const software = (name: string, version: string) => other((r) => ({ ...r, target: { ...r.target, software: { name, version } } }));
    expect(compareReports(software('Prosody', '0.12'), software('ejabberd', '23.01')).differences).toEqual([{ what: 'target software', before: 'Prosody', after: 'ejabberd' }]);
    // an upgrade, a renamed target or a new port is the same target
    expect(compareReports(software('Prosody', '0.12'), software('Prosody', '13.0')).differences).toEqual([]);
    expect(differences(other((r) => ({ ...r, name: 'renamed', target: { ...r.target, port: 15222 } })))).toEqual([]);
    const matrix = matrixOf([base, { ...base, name: 'ejabberd' }]);
    expect(compareReports(matrix, matrixOf([base])).differences).toEqual([{ what: 'targets', before: 'prosody, ejabberd', after: 'prosody' }]);
  });
});

describe('compare command', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-'));
  const file = (name: string, report: unknown): string => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, JSON.stringify(report));
    return f;
  };
  const passing = file('pass.json', runReport('p', [caseResult('A-1', 'pass')], 'pass'));
  const failing = file('fail.json', runReport('p', [caseResult('A-1', 'fail')], 'fail'));
  const skipped = file('skipped.json', runReport('p', [caseResult('A-1', 'fail'), notRun('A-2')], 'fail'));
  const advanced = file('advanced.json', (() => {
    const r = runReport('p', [caseResult('A-1', 'pass')], 'pass');
    return { ...r, level: { ...r.level, id: 'advanced-server', baseline: '3920' } };
  })());

  it('exits 0 without a regression and 1 with one', () => {
    expect(compareCommand(passing, passing, {}).code).toBe(EXIT.pass);
    expect(compareCommand(passing, failing, {}).code).toBe(EXIT.fail);
    expect(compareCommand(failing, passing, {}).code).toBe(EXIT.pass);
  });

  it('exits 1 on cases no longer run only with --fail-on-not-run', () => {
    const before = file('before.json', runReport('p', [caseResult('A-1', 'fail'), caseResult('A-2', 'pass')], 'fail'));
    expect(compareCommand(before, skipped, {}).code).toBe(EXIT.pass);
    expect(compareCommand(before, skipped, { failOnNotRun: true }).code).toBe(EXIT.fail);
    expect(JSON.parse(compareCommand(before, skipped, { json: true, failOnNotRun: true }).output)).toMatchObject({ regression: true, noLongerRun: [{ id: 'A-2' }] });
  });

  it('refuses, in one line naming both reports and what differs, reports of different levels or baselines', () => {
    expect(() => compareCommand(passing, advanced, {})).toThrow(UsageError);
    expect(() => compareCommand(passing, advanced, {})).toThrow(
      `${passing} and ${advanced} do not certify the same thing: level core-server → advanced-server, baseline RFC 6120 → RFC 3920; --force compares them anyway`,
    );
  });

  it('compares them with --force, and says how they differ', () => {
    const { output, code } = compareCommand(passing, advanced, { force: true });
    expect(code).toBe(EXIT.pass);
    expect(plain(output).split('\n')[0]).toBe('compared with --force although they differ: level core-server → advanced-server, baseline RFC 6120 → RFC 3920');
    expect(JSON.parse(compareCommand(passing, advanced, { force: true, json: true }).output).differences).toHaveLength(2);
  });

  it('names an unreadable report, and a JSON file that is no report', () => {
    expect(() => compareCommand(path.join(dir, 'missing.json'), passing, {})).toThrow(/cannot read report .*missing\.json: ENOENT/);
    const junk = file('junk.json', { kind: 'matrix', targets: [{}] });
    expect(() => compareCommand(passing, junk, {})).toThrow(`${junk} is not a JSON report of xmpp-certify (--json)`);
  });
});
