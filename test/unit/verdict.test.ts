import { describe, expect, it } from 'vitest';
import type { ResolvedSpec } from '../../src/catalogue/levels.js';
import { levelVerdict, specVerdict } from '../../src/engine/verdict.js';
import type { CaseResult, SupportReport, Verdict } from '../../src/report/model.js';

const result = (verdict: Verdict, skipKind?: CaseResult['skipKind']): CaseResult => ({
  id: 'X-1', spec: 'xep-0030', specName: 'XEP-0030', section: '1', keyword: 'MUST', requirement: 'r', role: 'server',
  transport: 'tcp', verdict, skipKind, findings: [], notes: [], startedAt: '', durationMs: 0, transcript: [],
});
const absent: SupportReport = { supported: false, advertised: false, entity: 'server d', detail: 'no', transcript: [] };
const row = (requirement: ResolvedSpec['requirement']): ResolvedSpec => ({ spec: 'xep-0030', requirement, via: 'basic-server' });

describe('spec verdict', () => {
  it('fails on any failure, even among errors', () => {
    expect(specVerdict([result('pass'), result('error'), result('fail')], null)).toBe('fail');
  });
  it('is incomplete with tool errors or cases the run could not exercise', () => {
    expect(specVerdict([result('pass'), result('error')], null)).toBe('incomplete');
    expect(specVerdict([result('pass'), result('skip', 'not-run')], null)).toBe('incomplete');
  });
  it('warns on a SHOULD, passes otherwise, and is untested when nothing ran', () => {
    expect(specVerdict([result('pass'), result('warn')], null)).toBe('warn');
    expect(specVerdict([result('pass'), result('skip', 'not-applicable')], null)).toBe('pass');
    expect(specVerdict([result('skip', 'not-applicable')], null)).toBe('untested');
  });
  it('is absent when the probe found no support', () => {
    expect(specVerdict([result('skip', 'not-applicable')], absent)).toBe('absent');
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
