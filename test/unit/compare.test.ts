import { describe, expect, it } from 'vitest';
import { compareReports, hasRegressions } from '../../src/cli/compare.js';
import { matrixOf } from '../../src/report/matrix.js';
import { caseResult, runReport } from '../support/reports.js';

describe('compare', () => {
  const before = runReport('prosody', [caseResult('A-1', 'pass'), caseResult('A-2', 'fail'), caseResult('A-3', 'pass'), caseResult('A-4', 'pass')], 'fail');
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
  });
});
