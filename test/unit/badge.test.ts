import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/parse.js';
import { checkBadgeDir } from '../../src/cli/run.js';
import { badgeFile, badgeOf, writeBadges } from '../../src/report/badge.js';
import { caseResult, runReport } from '../support/reports.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'badge-'));

describe('the shields.io endpoint badge of a target', () => {
  it.each([
    ['pass', 'brightgreen'],
    ['fail', 'red'],
    ['incomplete', 'lightgrey'],
  ] as const)('says the level and %s, in %s', (verdict, color) => {
    const report = runReport('prosody', [caseResult('A-1', 'pass')], verdict);
    expect(badgeOf(report)).toEqual({ schemaVersion: 1, label: 'core-server', message: verdict, color });
  });

  it('says incomplete for a run that did not end, whatever it had found', () => {
    const report = runReport('prosody', [caseResult('A-1', 'fail')], 'fail');
    report.complete = false;
    expect(badgeOf(report)).toMatchObject({ message: 'incomplete', color: 'lightgrey' });
  });

  it('names a partial run (--only) as such: it is no verdict on the level', () => {
    const report = runReport('prosody', [caseResult('A-1', 'pass')], 'pass');
    report.level.selection = ['A-'];
    expect(badgeOf(report)).toMatchObject({ label: 'core-server (partial)', message: 'pass' });
  });

  it('is written per target as DIR/NAME.json, a name made of an address made safe for a file and a URL', () => {
    const dir = path.join(tmp(), 'badges');
    writeBadges(dir, [runReport('prosody', [], 'pass'), runReport('[::1]:5222', [], 'fail')]);
    expect(fs.readdirSync(dir).sort()).toEqual(['___1__5222.json', 'prosody.json']);
    expect(JSON.parse(fs.readFileSync(badgeFile(dir, 'prosody'), 'utf8'))).toEqual({ schemaVersion: 1, label: 'core-server', message: 'pass', color: 'brightgreen' });
  });

  it('is checked before a run connects: one file per target, in a place the tool can write', () => {
    const dir = tmp();
    expect(() => checkBadgeDir(dir, ['prosody', 'ejabberd'])).not.toThrow();
    expect(() => checkBadgeDir(dir, ['a_1', 'a:1'])).toThrow(`--badge-dir: targets "a_1" and "a:1" would share the badge ${path.join(dir, 'a_1.json')}: name them apart`);
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    expect(() => checkBadgeDir(file, ['prosody'])).toThrow(UsageError);
    expect(() => checkBadgeDir(file, ['prosody'])).toThrow(`cannot write --badge-dir ${file}: ${path.join(file, 'prosody.json')}: a part of its path is a file, not a directory`);
  });
});
