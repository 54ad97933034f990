import { matrixOf } from './matrix.js';
import type { RunReport } from './model.js';
import { writeFileAtomic } from './write.js';

/**
 * The JSON report: one target's RunReport as it is (docs/report.schema.json), or for several
 * targets a MatrixReport holding one per target (docs/matrix-report.schema.json). The text is
 * JSON.stringify(report, null, 2)'s, made in pieces: rewriting the file while a run goes on
 * then never holds the whole of it in memory at once.
 */
export function* jsonReport(reports: RunReport[], command?: string): Generator<string> {
  yield* jsonPieces(reports.length === 1 ? reports[0] : matrixOf(reports, command), '', PIECE_DEPTH);
  yield '\n';
}

/** `command`: the command line a matrix names, when it is not its targets' own (see matrixOf). */
export function writeJson(file: string, reports: RunReport[], command?: string): void {
  writeFileAtomic(file, jsonReport(reports, command));
}

/** Levels opened piece by piece: matrix, reports, report, specs, spec, cases; each case is one piece. */
const PIECE_DEPTH = 6;

/** JSON.stringify(value, null, 2) at `indent`, the first `depth` levels of objects and arrays opened one member at a time. */
export function* jsonPieces(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth === 0 || value === null || typeof value !== 'object' || 'toJSON' in value) {
    yield (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  const members: [string | undefined, unknown][] = Array.isArray(value)
    // as in JSON.stringify: in an array, what JSON cannot carry becomes null
    ? value.map((v) => [undefined, v === undefined || typeof v === 'function' ? null : v])
    : Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (members.length === 0) {
    yield `${open}${close}`;
    return;
  }
  yield open;
  for (const [i, [key, member]] of members.entries()) {
    yield `${i ? ',' : ''}\n${inner}${key === undefined ? '' : `${JSON.stringify(key)}: `}`;
    yield* jsonPieces(member, inner, depth - 1);
  }
  yield `\n${indent}${close}`;
}
