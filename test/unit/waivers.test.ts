import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyWaiver, readWaivers, WaiverFileError } from '../../src/engine/waivers.js';
import type { CaseResult, Verdict } from '../../src/report/model.js';
import { caseResult } from '../support/reports.js';

const result = (verdict: Verdict, id = 'XEP0124-7.1-1', transport: CaseResult['transport'] = 'tcp'): CaseResult => caseResult(id, verdict, {
  spec: 'xep-0124', specName: 'XEP-0124', section: '7.1', transport,
});

describe('waivers', () => {
  const waivers = [
    { id: 'XEP0124-7.1-1', reason: 'content attribute unsupported, tracked upstream', expires: '2027-01-31' },
    { id: 'XEP0045-6.6-1', reason: 'old', expires: '2020-01-01' },
    { id: 'RFC6120-6.5.5-1', reason: 'only prosody', target: 'prosody' },
  ];

  it('turns a covered failure into WAIVED and keeps the original verdict', () => {
    const waived = applyWaiver(result('fail'), waivers, 'any', '2026-11-21');
    expect(waived.verdict).toBe('waived');
    expect(waived.waiver).toEqual({ reason: waivers[0]!.reason, expires: '2027-01-31', status: 'applied', verdict: 'fail' });
  });

  it('flags a waiver a passing case does not need, and one that expired', () => {
    expect(applyWaiver(result('pass'), waivers, 'any', '2026-11-21').waiver?.status).toBe('unneeded');
    const expired = applyWaiver(result('fail', 'XEP0045-6.6-1'), waivers, 'any', '2026-11-21');
    expect(expired.verdict).toBe('fail');
    expect(expired.waiver?.status).toBe('expired');
  });

  it('applies a target-scoped waiver to that target only', () => {
    expect(applyWaiver(result('fail', 'RFC6120-6.5.5-1'), waivers, 'prosody').verdict).toBe('waived');
    expect(applyWaiver(result('fail', 'RFC6120-6.5.5-1'), waivers, 'ejabberd').verdict).toBe('fail');
  });

  it('reads YAML and JSON files and refuses entries without a reason or with a bad date', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waivers-'));
    fs.writeFileSync(path.join(dir, 'w.yaml'), 'waivers:\n  - id: X-1\n    reason: because\n    expires: 2027-02-03\n');
    expect(readWaivers(path.join(dir, 'w.yaml'))).toEqual([{ id: 'X-1', reason: 'because', expires: '2027-02-03', target: undefined, transport: undefined }]);
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify([{ id: 'X-1' }]));
    expect(() => readWaivers(path.join(dir, 'bad.json'))).toThrow(WaiverFileError);
    fs.writeFileSync(path.join(dir, 'date.json'), JSON.stringify([{ id: 'X-1', reason: 'r', expires: 'soon' }]));
    expect(() => readWaivers(path.join(dir, 'date.json'))).toThrow(/YYYY-MM-DD/);
  });
});
