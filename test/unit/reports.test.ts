import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonPieces, jsonReport } from '../../src/report/json.js';
import { writeJunit } from '../../src/report/junit.js';
import type { RunReport } from '../../src/report/model.js';
import { renderTerminal } from '../../src/report/terminal.js';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { xmppCore } from '../../suites/rfc6120/index.js';
import { ACCOUNTS, runAgainst, startHarness } from '../support/harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let server: HarnessServer;
let report: RunReport;

beforeAll(async () => {
  // a server that breaks one MUST, so the reports carry a failure next to passes
  server = await startHarness({ headerWithoutFrom: true });
  const ids = ['RFC6120-4.2-1', 'RFC6120-4.7.1-1', 'RFC6120-4.3.3-1', 'RFC6120-4.9.3.6-1'];
  report = await runAgainst({ port: server.port, suites: [{ spec: 'xmpp-core', role: 'server', cases: xmppCore.cases.filter((c) => ids.includes(c.id)) }] });
});
afterAll(() => server.close());

describe('JSON report', () => {
  it('validates against the documented schema', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/report.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(JSON.parse([...jsonReport([report])].join('')));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("is JSON.stringify's text, made in pieces", () => {
    expect([...jsonReport([report])].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    const awkward = { a: undefined, b: [undefined, 1, () => 2, { c: [] }], d: {}, e: 'two\nlines', f: { g: { h: [{ i: null }] } }, j: () => 3 };
    for (const depth of [0, 1, 2, 6]) expect([...jsonPieces(awkward, '', depth)].join(''), `depth ${depth}`).toBe(JSON.stringify(awkward, null, 2));
  });
});

describe('JUnit report', () => {
  let file: string;
  beforeAll(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'junit-')), 'report.xml');
    writeJunit(file, [report]);
  });

  it('validates against the junit-10 schema CI consumers use', () => {
    const out = execFileSync('xmllint', ['--noout', '--schema', path.join(ROOT, 'test/schemas/junit-10.xsd'), file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
  });

  it('has one testsuite per spec, a failure with expected and actual, and the redacted transcript', () => {
    const xml = fs.readFileSync(file, 'utf8');
    expect(xml).toMatch(/<testsuite name="RFC 3920 XMPP Core"|<testsuite name="RFC 6120 XMPP Core"/);
    expect(xml).toContain('<property name="RFC6120-4.7.1-1.keyword" value="MUST"/>');
    expect(xml).toContain('<property name="RFC6120-4.7.1-1.section" value="4.7.1"/>');
    expect(xml).toMatch(/<testcase classname="core-server\.RFC6120" name="RFC6120-4\.7\.1-1 [^"]*"[^>]*>\s*<failure message="expected from='example\.test'; got no from attribute" type="nonconformance">/);
    expect(xml).toContain('transcript (passwords and SASL payloads redacted)');
    for (const password of Object.values(ACCOUNTS)) expect(xml).not.toContain(password);
  });
});

describe('JUnit report of a hostile transcript', () => {
  it('stays well-formed and valid, and carries the text as it was, with "]]>" twice and control bytes in it', () => {
    const hostile = 'x ]]> y ]]]]> z \u0001 <end/>';
    const altered: RunReport = structuredClone(report);
    const first = altered.specs[0]!.cases[0]!;
    first.transcript.push({ at: 1, session: 'A1', direction: 'received', data: hostile });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'junit-')), 'report.xml');
    writeJunit(file, [altered]);
    const lint = (...args: string[]): string => execFileSync('xmllint', [...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(lint('--noout', '--schema', path.join(ROOT, 'test/schemas/junit-10.xsd'))).toBe('');
    const out = lint('--xpath', 'string(//testsuite[1]/testcase[1]/system-out)');
    expect(out).toContain('x ]]> y ]]]]> z \uFFFD <end/>');
  });
});

describe('terminal matrix', () => {
  it('shows the specs, the failing case with its reason, and the level verdict', () => {
    const text = renderTerminal([report], { verbose: false }).replace(/\u001b\[[0-9;]*m/g, '');
    expect(text).toMatch(/RFC 6120\s+XMPP Core\s+REQUIRED\s+FAIL/);
    expect(text).toMatch(/FAIL\s+RFC6120-4\.7\.1-1\s+§4\.7\.1\s+MUST/);
    expect(text).not.toMatch(/PASS\s+RFC6120-4\.2-1/);
    expect(text).toMatch(/Level XEP-0243 XMPP Core Server 2009: FAIL/);
    const verbose = renderTerminal([report], { verbose: true }).replace(/\u001b\[[0-9;]*m/g, '');
    expect(verbose).toMatch(/PASS\s+RFC6120-4\.2-1/);
  });
});
