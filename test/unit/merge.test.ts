import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeCommand, mergeRuns } from '../../src/cli/merge.js';
import { UsageError } from '../../src/cli/parse.js';
import { EXIT } from '../../src/cli/run.js';
import { matrixOf, type MatrixReport } from '../../src/report/matrix.js';
import type { RunReport } from '../../src/report/model.js';
import { caseResult, runReport } from '../support/reports.js';
import { checkJunitSchema, jsonReportErrors, readWithJunitparser } from '../support/validate.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'merge-'));

/** A finished run of one target with two cases, as a CI job would write it. */
function jobReport(name: string, verdict: RunReport['level']['verdict'], changes: (r: RunReport) => void = () => {}): RunReport {
  const second = verdict === 'fail' ? 'fail' : verdict === 'incomplete' ? 'error' : 'pass';
  const report = runReport(name, [caseResult('A-1', 'pass'), caseResult('A-2', second)], verdict);
  report.command = `xmpp-certify --level core-server --target ${name}=${name}.example.org --json ${name}.json`;
  changes(report);
  return report;
}

function writeReport(dir: string, file: string, report: RunReport | MatrixReport): string {
  const full = path.join(dir, file);
  fs.writeFileSync(full, JSON.stringify(report));
  return full;
}

/** mergeCommand as the CLI calls it, its summary kept off the test's output. */
function merge(files: string[], flags: Parameters<typeof mergeCommand>[1] = {}): number {
  return mergeCommand(files, flags, ['merge', ...files]);
}

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe('merge', () => {
  it('makes of two single-target reports the matrix one run of both would have written, valid against the schema, in every format', () => {
    const dir = tmp();
    const prosody = jobReport('prosody', 'pass');
    const ejabberd = jobReport('ejabberd', 'fail');
    const files = [writeReport(dir, 'prosody.json', prosody), writeReport(dir, 'ejabberd.json', ejabberd)];
    const out = { json: path.join(dir, 'matrix.json'), junit: path.join(dir, 'matrix.xml'), html: path.join(dir, 'matrix.html'), markdown: path.join(dir, 'matrix.md') };

    expect(merge(files, out)).toBe(EXIT.fail);

    const merged = JSON.parse(fs.readFileSync(out.json, 'utf8')) as MatrixReport;
    expect(jsonReportErrors(merged)).toEqual([]);
    expect(merged).toEqual({ ...matrixOf([prosody, ejabberd]), command: `xmpp-certify merge ${files.join(' ')}` });
    expect(merged.targets.map((t) => [t.name, t.level.verdict, t.command])).toEqual([['prosody', 'pass', prosody.command], ['ejabberd', 'fail', ejabberd.command]]);
    expect(merged.level.verdict).toBe('fail');
    checkJunitSchema(out.junit);
    expect(readWithJunitparser(out.junit)).toMatchObject({ tests: 4, failures: 1 });
    expect(fs.readFileSync(out.markdown, 'utf8')).toMatch(/\| prosody \|[^\n]*\*\*PASS\*\*[^\n]*\n\| ejabberd \|[^\n]*\*\*FAIL\*\*/);
    expect(fs.readFileSync(out.html, 'utf8')).toContain('<th>ejabberd</th>');
  });

  it('takes matrix reports too, their targets in order', () => {
    const dir = tmp();
    const files = [
      writeReport(dir, 'ab.json', matrixOf([jobReport('a', 'pass'), jobReport('b', 'pass')])),
      writeReport(dir, 'c.json', jobReport('c', 'pass')),
    ];
    const json = path.join(dir, 'matrix.json');
    expect(merge(files, { json })).toBe(EXIT.pass);
    const merged = JSON.parse(fs.readFileSync(json, 'utf8')) as MatrixReport;
    expect(merged.targets.map((t) => t.name)).toEqual(['a', 'b', 'c']);
    expect(jsonReportErrors(merged)).toEqual([]);
  });

  it.each([
    ['every target passed', ['pass', 'pass'], EXIT.pass],
    ['a target failed the level', ['pass', 'fail'], EXIT.fail],
    ['a target is incomplete', ['pass', 'incomplete'], EXIT.incomplete],
    ['one failed and one is incomplete: the failure decides, as in a run', ['incomplete', 'fail'], EXIT.fail],
  ] as const)('exits as one run of them all would: %s', (_, verdicts, code) => {
    const dir = tmp();
    const files = verdicts.map((v, i) => writeReport(dir, `t${i}.json`, jobReport(`t${i}`, v)));
    expect(merge(files)).toBe(code);
  });

  it('exits 2 when a run did not end, whatever it found (an interrupted job decides nothing)', () => {
    const dir = tmp();
    const interrupted = jobReport('b', 'fail', (r) => {
      r.complete = false;
      r.interruption = 'interrupted by SIGTERM';
    });
    expect(merge([writeReport(dir, 'a.json', jobReport('a', 'pass')), writeReport(dir, 'b.json', interrupted)])).toBe(EXIT.incomplete);
  });

  it('with --fail-on-not-run, exits 2 on a case not run, as the runs with it did', () => {
    const dir = tmp();
    const short = jobReport('b', 'pass', (r) => {
      r.specs[0]!.cases[1] = caseResult('A-2', 'skip', { skipKind: 'not-run', reason: 'needs a third account' });
    });
    const files = [writeReport(dir, 'a.json', jobReport('a', 'pass')), writeReport(dir, 'b.json', short)];
    expect(merge(files)).toBe(EXIT.pass);
    expect(merge(files, { failOnNotRun: true })).toBe(EXIT.incomplete);
  });

  it.each([
    ['level', (r: RunReport) => { r.level.id = 'advanced-server'; }, /^cannot merge: level differs: core-server in \S+a\.json, advanced-server in \S+b\.json$/],
    ['role', (r: RunReport) => { r.level.role = 'client'; }, /^cannot merge: role differs: server in \S+a\.json, client in \S+b\.json$/],
    ['baseline', (r: RunReport) => { r.level.baseline = '3920'; }, /^cannot merge: RFC baseline differs: 6120 in \S+a\.json, 3920 in \S+b\.json$/],
    ['tool version', (r: RunReport) => { r.tool.version = '0.2.0'; }, /^cannot merge: tool version differs: 0\.1\.0 in \S+a\.json, 0\.2\.0 in \S+b\.json$/],
    ['catalogue', (r: RunReport) => { r.catalogue.hash = 'sha256:1'; }, /^cannot merge: catalogue differs: sha256:0 \(2 cases\) in \S+a\.json, sha256:1 \(2 cases\) in \S+b\.json$/],
  ])('refuses reports of another %s, in one line naming both files', (_, change, message) => {
    const dir = tmp();
    const files = [writeReport(dir, 'a.json', jobReport('a', 'pass')), writeReport(dir, 'b.json', jobReport('b', 'pass', change))];
    const json = path.join(dir, 'matrix.json');
    expect(() => merge(files, { json })).toThrow(UsageError);
    expect(() => merge(files, { json })).toThrow(message);
    expect(fs.existsSync(json)).toBe(false);
  });

  it('refuses two runs of the same target name, naming the files', () => {
    const dir = tmp();
    const first = writeReport(dir, 'job1.json', jobReport('prosody', 'pass'));
    const second = writeReport(dir, 'job2.json', jobReport('prosody', 'fail'));
    expect(() => merge([first, second])).toThrow(`cannot merge: the target "prosody" is in ${first} and in ${second}; give each run's --target its own NAME=`);
    expect(() => merge([first, first])).toThrow(`cannot merge: ${first} is given twice`);
  });

  it('refuses a file that is not a report, or not there, in one line', () => {
    const dir = tmp();
    const good = writeReport(dir, 'a.json', jobReport('a', 'pass'));
    const other = path.join(dir, 'package.json');
    fs.writeFileSync(other, '{"name":"x","specs":[]}');
    expect(() => merge([good, other])).toThrow(`${other} is not a JSON report of xmpp-certify (--json)`);
    expect(() => merge([good, path.join(dir, 'missing.json')])).toThrow(/^cannot read report \S+missing\.json: ENOENT$/);
  });

  it('keeps the order and the runs it was given when they agree', () => {
    const a = jobReport('a', 'pass');
    const b = jobReport('b', 'incomplete');
    expect(mergeRuns([{ file: 'a.json', report: a }, { file: 'b.json', report: b }])).toEqual([a, b]);
  });
});
