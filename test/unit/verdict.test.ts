import { describe, expect, it } from 'vitest';
import type { ResolvedSpec } from '../../src/catalogue/levels.js';
import { levelVerdict, selectionVerdict, specVerdict } from '../../src/engine/verdict.js';
import type { CaseResult, SupportReport, Verdict } from '../../src/report/model.js';
import { caseResult } from '../support/reports.js';

const result = (verdict: Verdict, skipKind?: CaseResult['skipKind'], extra: Partial<CaseResult> = {}): CaseResult => caseResult('X-1', verdict, {
  spec: 'xep-0030', specName: 'XEP-0030', skipKind, ...extra,
});
const absent: SupportReport = { supported: false, advertised: false, entity: 'server d', detail: 'no', transcript: [] };
const row = (requirement: ResolvedSpec['requirement']): ResolvedSpec => ({ spec: 'xep-0030', requirement, via: 'basic-server' });

describe('spec verdict', () => {
  const disco = (verdict: Verdict): CaseResult => result(verdict, undefined, { evidence: 'advertisement' });
  const notInText = result('skip', 'not-applicable', { citation: { doc: 'XEP-0030', version: '2.3', section: '', keyword: '', url: '', absent: 'v2.3 has no such rule' } });

  it('fails on any failure, even among errors', () => {
    expect(specVerdict([result('pass'), result('error'), result('fail')], null)).toBe('fail');
  });
  it('is incomplete with tool errors, or a MUST not run or unproven', () => {
    expect(specVerdict([result('pass'), result('error')], null)).toBe('incomplete');
    expect(specVerdict([result('pass'), result('skip', 'not-run')], null)).toBe('incomplete');
    expect(specVerdict([result('pass'), result('skip', 'unproven')], null)).toBe('incomplete');
    // a SHOULD left unproven only lacks a warning
    expect(specVerdict([result('pass'), result('skip', 'unproven', { strength: 'should' })], null)).toBe('pass');
  });
  it('warns on a SHOULD, passes otherwise, and is untested when nothing ran', () => {
    expect(specVerdict([result('pass'), result('warn')], null)).toBe('warn');
    expect(specVerdict([result('pass'), result('skip', 'not-applicable')], null)).toBe('pass');
    expect(specVerdict([], null)).toBe('untested');
    expect(specVerdict([notInText], null)).toBe('untested');
  });
  it('is absent when the probe found no support', () => {
    expect(specVerdict([result('skip', 'not-applicable')], absent)).toBe('absent');
  });
  it('never passes on a disco case alone: behaviour all skipped is absent, or incomplete when a case could not run', () => {
    expect(specVerdict([disco('pass'), result('skip', 'not-applicable'), result('skip', 'not-applicable')], null)).toBe('absent');
    expect(specVerdict([disco('pass'), result('skip', 'not-run', { strength: 'should' })], null)).toBe('incomplete');
    expect(specVerdict([disco('pass'), result('pass')], null)).toBe('pass');
    // a spec whose only passes are what it advertises is untested, whatever else was skipped
    expect(specVerdict([disco('pass')], null)).toBe('untested');
    expect(specVerdict([disco('pass'), notInText], null)).toBe('untested');
    // a rule the cited text lacks is neither evidence for nor against
    expect(specVerdict([disco('pass'), notInText, result('pass')], null)).toBe('pass');
  });
  it("is absent when a client cannot do what a MUST needs (its driver said so), unless something failed", () => {
    expect(specVerdict([disco('pass'), result('pass'), result('skip', 'unsupported')], null)).toBe('absent');
    expect(specVerdict([result('fail'), result('skip', 'unsupported')], null)).toBe('fail');
    expect(specVerdict([result('pass'), result('skip', 'unsupported', { strength: 'should' })], null)).toBe('pass');
  });
});

describe('level verdict', () => {
  it('a missing REQUIRED spec fails the level; a missing RECOMMENDED one only warns', () => {
    expect(levelVerdict([{ row: row('REQUIRED'), name: 'XEP-0016', verdict: 'absent' }]).verdict).toBe('fail');
    const recommended = levelVerdict([{ row: row('RECOMMENDED'), name: 'XEP-0138', verdict: 'absent' }]);
    expect(recommended.verdict).toBe('pass');
    expect(recommended.warnings[0]).toMatch(/XEP-0138 \(RECOMMENDED\) is not supported/);
  });
  it('tool errors make the level incomplete, never pass; a failure still wins', () => {
    expect(levelVerdict([{ row: row('REQUIRED'), name: 'A', verdict: 'incomplete' }]).verdict).toBe('incomplete');
    expect(levelVerdict([{ row: row('REQUIRED'), name: 'A', verdict: 'incomplete' }, { row: row('REQUIRED'), name: 'B', verdict: 'fail' }]).verdict).toBe('fail');
    expect(levelVerdict([{ row: row('REQUIRED'), name: 'A', verdict: 'untested' }]).verdict).toBe('incomplete');
  });
  it('informational specs never change the level', () => {
    expect(levelVerdict([{ row: row('REQUIRED'), name: 'A', verdict: 'pass' }, { row: row('INFORMATIONAL'), name: 'XEP-0092', verdict: 'fail' }]).verdict).toBe('pass');
  });
});

describe('the verdict of a partial run (--only)', () => {
  const outcome = (cases: CaseResult[], requirement: ResolvedSpec['requirement'] = 'REQUIRED') => ({ row: row(requirement), name: 'XEP-0030', verdict: specVerdict(cases, null), cases });

  it('passes when the selected cases pass, even where the level would be untested', () => {
    const discoOnly = outcome([result('pass', undefined, { evidence: 'advertisement' })]);
    expect(levelVerdict([discoOnly]).verdict).toBe('incomplete');
    expect(selectionVerdict([discoOnly]).verdict).toBe('pass');
  });
  it('fails on a failed case of a REQUIRED spec; only warns for a RECOMMENDED one', () => {
    expect(selectionVerdict([outcome([result('pass'), result('fail')])]).verdict).toBe('fail');
    const recommended = selectionVerdict([outcome([result('fail')], 'RECOMMENDED')]);
    expect(recommended.verdict).toBe('pass');
    expect(recommended.warnings).toEqual(['XEP-0030 (RECOMMENDED) failed']);
  });
  it('is incomplete on a tool error or an unproven MUST', () => {
    expect(selectionVerdict([outcome([result('pass'), result('error')])]).verdict).toBe('incomplete');
    expect(selectionVerdict([outcome([result('pass'), result('skip', 'unproven')])]).reasons).toEqual(['XEP-0030 (REQUIRED): 1 selected MUST case(s) could not be proven']);
  });
  it('is incomplete when no selected case was exercised: skipped cases decide nothing', () => {
    const judged = selectionVerdict([outcome([result('skip', 'not-run'), result('skip', 'not-applicable')])]);
    expect(judged.verdict).toBe('incomplete');
    expect(judged.reasons).toEqual(['no selected case was exercised']);
  });
  it('names cases not run as a warning, not a gap', () => {
    const judged = selectionVerdict([outcome([result('pass'), result('skip', 'not-run')])]);
    expect(judged.verdict).toBe('pass');
    expect(judged.warnings).toEqual(['XEP-0030 (REQUIRED): 1 selected case(s) not run']);
  });
});
