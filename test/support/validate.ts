import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { ROOT } from './cli.js';

const readSchema = (name: string): object => JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', name), 'utf8')) as object;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
// the matrix schema refers to the run schema by its $id
const validateRun = ajv.compile(readSchema('report.schema.json'));
const validateMatrix = ajv.compile(readSchema('matrix-report.schema.json'));

/** The documented-schema errors of a JSON report (run or matrix); empty when it is valid. */
export function jsonReportErrors(report: unknown): ErrorObject[] {
  const matrix = typeof report === 'object' && report !== null && (report as { kind?: unknown }).kind === 'matrix';
  const validate = matrix ? validateMatrix : validateRun;
  return validate(report) ? [] : [...(validate.errors ?? [])];
}

/** Validates a JUnit file against the junit-10 schema CI consumers use; throws with xmllint's words. */
export function checkJunitSchema(file: string): void {
  execFileSync('xmllint', ['--noout', '--schema', path.join(ROOT, 'test/schemas/junit-10.xsd'), file], { stdio: 'pipe' });
}

export interface JunitReading {
  suites: number;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * What a real JUnit reader (Debian's python3-junitparser) makes of a file. Debian's own
 * interpreter, by path: a python3 earlier on PATH (pyenv, venv) would not see the package.
 */
export function readWithJunitparser(file: string): JunitReading {
  const script = [
    'import json, sys',
    'from junitparser import JUnitXml, Failure, Error, Skipped',
    'xml = JUnitXml.fromfile(sys.argv[1])',
    'suites = list(xml) if hasattr(xml, "__iter__") else [xml]',
    'counts = dict(suites=0, tests=0, failures=0, errors=0, skipped=0)',
    'for suite in suites:',
    '    counts["suites"] += 1',
    '    for case in suite:',
    '        counts["tests"] += 1',
    '        for r in case.result:',
    '            if isinstance(r, Failure): counts["failures"] += 1',
    '            elif isinstance(r, Error): counts["errors"] += 1',
    '            elif isinstance(r, Skipped): counts["skipped"] += 1',
    'print(json.dumps(counts))',
  ].join('\n');
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' })) as JunitReading;
}
