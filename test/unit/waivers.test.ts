import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/parse.js';
import { parseWaivers, readWaivers, waiverReferenceProblems } from '../../src/cli/waiver-file.js';
import { applyWaiver } from '../../src/engine/waivers.js';
import type { CaseResult, Verdict } from '../../src/report/model.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { caseResult, runReport } from '../support/reports.js';
import { problemLines } from '../support/usage-errors.js';

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
    const w = path.join(dir, 'w.yaml');
    expect(readWaivers(w)).toEqual([{ id: 'X-1', reason: 'because', expires: '2027-02-03', target: undefined, transport: undefined, origin: `${w}, waiver 1 (X-1)` }]);
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify([{ id: 'X-1' }]));
    expect(() => readWaivers(path.join(dir, 'bad.json'))).toThrow(UsageError);
    fs.writeFileSync(path.join(dir, 'date.json'), JSON.stringify([{ id: 'X-1', reason: 'r', expires: 'soon' }]));
    expect(() => readWaivers(path.join(dir, 'date.json'))).toThrow(/YYYY-MM-DD/);
  });
});

describe('expired waivers on the terminal', () => {
  const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');
  const waivers = [{ id: 'A-1', reason: 'old', expires: '2020-01-01' }, { id: 'A-2', reason: 'current', expires: '2099-01-01' }];
  const report = (name: string) => runReport(name, [
    applyWaiver(caseResult('A-1', 'fail'), waivers, name),
    applyWaiver(caseResult('A-1', 'pass', { transport: 'bosh' }), waivers, name),
    applyWaiver(caseResult('A-2', 'fail'), waivers, name),
  ], 'fail');

  it('says of each expired waiver, a line each, its case, its expiry and that it no longer applies', () => {
    const lines = plain(renderTerminal([report('prosody')], { verbose: false })).split('\n');
    expect(lines.filter((l) => l.includes('waiver A-'))).toEqual([
      'waiver A-1 expired 2020-01-01: no longer applied, the case is FAIL',
      'waiver A-1 [bosh] expired 2020-01-01: no longer applied, the case is PASS',
    ]);
  });

  it('names the target in a matrix', () => {
    const text = plain(renderTerminal([report('prosody'), report('ejabberd')], { verbose: false }));
    expect(text).toContain('prosody: waiver A-1 expired 2020-01-01: no longer applied');
    expect(text).toContain('ejabberd: waiver A-1 expired 2020-01-01: no longer applied');
  });
});

describe('waiver files are read strictly', () => {
  it('names a misspelt key with the key it probably is, instead of widening the waiver to every target', () => {
    expect(problemLines(() => parseWaivers([{ id: 'X-1', reason: 'r', taget: 'staging' }], 'w.yaml'))).toEqual([
      'w.yaml, waiver 1 (X-1): unknown key "taget" (did you mean "target"?)',
    ]);
  });

  it('reports every problem of the file, one line each, with the entry it is in', () => {
    const lines = problemLines(() => parseWaivers({ waivers: [
      { id: 'X-1', reason: 'fine' },
      { id: 'X-2', reson: 'typo', expires: '2027-02-30' },
      'X-3',
      { id: 'X-4', reason: 'r', transport: 'bsoh' },
    ] }, 'w.yaml'));
    expect(lines).toEqual([
      'w.yaml, waiver 2 (X-2): unknown key "reson" (did you mean "reason"?)',
      'w.yaml, waiver 2 (X-2): needs a reason',
      'w.yaml, waiver 2 (X-2): expires "2027-02-30" is not a date (YYYY-MM-DD)',
      'w.yaml, waiver 3: expected a mapping with an id and a reason',
      'w.yaml, waiver 4 (X-4): transport "bsoh" is not one of tcp, bosh, zlib, websocket, directtls (did you mean "bosh"?)',
    ]);
  });

  it('refuses a wrapper with another key than waivers, and a file that is not a list', () => {
    expect(problemLines(() => parseWaivers({ waiver: [] }, 'w.yaml'))).toEqual([
      'w.yaml: unknown key "waiver" (did you mean "waivers"?)',
      'w.yaml: expected a list of waivers (or waivers: [...])',
    ]);
  });

  it('refuses a case ID no suite defines and a target the run does not know, naming the nearest', () => {
    const waivers = parseWaivers([
      { id: 'XEP0045-6.6-1', reason: 'known' },
      { id: 'XEP0045-6.6-9', reason: 'typo', target: 'prosdy' },
      { id: 'xep0045-6.6-1', reason: 'wrong case' },
    ], 'w.yaml');
    const scope = { caseIds: ['XEP0045-6.6-1', 'XEP0045-6.6-2', 'RFC6120-4.1-1'], targets: ['prosody', 'ejabberd'] };
    expect(waiverReferenceProblems(waivers, scope)).toEqual([
      'w.yaml, waiver 2 (XEP0045-6.6-9): no case has the ID "XEP0045-6.6-9" (did you mean "XEP0045-6.6-1"?)',
      'w.yaml, waiver 2 (XEP0045-6.6-9): target "prosdy" is not one of this run\'s targets (prosody, ejabberd) (did you mean "prosody"?)',
      'w.yaml, waiver 3 (xep0045-6.6-1): no case has the ID "xep0045-6.6-1" (did you mean "XEP0045-6.6-1"?)',
    ]);
    expect(waiverReferenceProblems(waivers.slice(0, 1), scope)).toEqual([]);
  });
});
