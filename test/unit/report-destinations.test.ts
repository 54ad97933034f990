import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/parse.js';
import { checkOutputs } from '../../src/cli/run.js';
import { isStandardOutput, isStreamDestination, unwritableReason, writeFileAtomic } from '../../src/report/write.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'destinations-'));

describe('where a report goes', () => {
  it('replaces a regular file whole, through a temp file beside it', () => {
    const file = path.join(tmp(), 'deeper', 'report.json');
    writeFileAtomic(file, ['{"a":', '1}']);
    writeFileAtomic(file, '{"b":2}');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"b":2}');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['report.json']);
  });

  it('writes through a path that is not a regular file, and never replaces it (a symlink to a device stays one)', () => {
    const link = path.join(tmp(), 'out');
    fs.symlinkSync('/dev/null', link);
    expect(isStreamDestination(link)).toBe(true);
    writeFileAtomic(link, 'a report');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe('/dev/null');
  });

  it('writes the whole report into a pipe', async () => {
    const fifo = path.join(tmp(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    // a reader in another process counts what arrives; the write blocks until it has drained
    const reader = spawn(process.execPath, ['-e', `let n=0;require('node:fs').createReadStream(${JSON.stringify(fifo)}).on('data',d=>n+=d.length).on('end',()=>console.log(n))`]);
    let counted = '';
    reader.stdout.on('data', (d: Buffer) => (counted += d.toString()));
    const ended = new Promise((resolve) => reader.once('exit', resolve));
    writeFileAtomic(fifo, ['x'.repeat(200_000), 'y'.repeat(100_000)]);
    await ended;
    expect(counted.trim()).toBe('300000');
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("takes '-' as standard output, one report at a time", () => {
    expect(isStreamDestination('-')).toBe(true);
    expect([isStandardOutput('-'), isStandardOutput(path.join(tmp(), 'r.json'))]).toEqual([true, false]);
    expect(() => checkOutputs({ json: '-', junit: '-' })).toThrow(/only one report can go to standard output \('-'\): --json and --junit/);
    expect(() => checkOutputs({ json: '-', junit: path.join(tmp(), 'r.xml') })).not.toThrow();
  });

  it('finds a report path that cannot be written before the run starts', () => {
    const dir = tmp();
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    expect(unwritableReason(dir)).toBe('it is a directory');
    expect(unwritableReason(path.join(file, 'report.json'))).toBe('a part of its path is a file, not a directory');
    expect(unwritableReason(path.join(dir, 'new', 'dirs', 'report.json'))).toBeUndefined();
    expect(() => checkOutputs({ junit: dir })).toThrow(UsageError);
    expect(() => checkOutputs({ junit: dir })).toThrow(`cannot write --junit ${dir}: it is a directory`);
  });
});
