import { matrixOf } from './matrix.js';
import type { RunReport } from './model.js';
import { writeFileAtomic } from './write.js';

/**
 * The JSON report: one target's RunReport as it is (docs/report.schema.json), or for several
 * targets a MatrixReport holding one per target (docs/matrix-report.schema.json).
 */
export function renderJson(reports: RunReport[]): string {
  return `${JSON.stringify(reports.length === 1 ? reports[0] : matrixOf(reports), null, 2)}\n`;
}

export function writeJson(file: string, reports: RunReport[]): void {
  writeFileAtomic(file, renderJson(reports));
}
