import type { RunReport } from './model.js';
import { writeFileAtomic } from './write.js';

/** The JSON report: the RunReport as it is (schema: docs/report.schema.json). */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function writeJson(file: string, report: RunReport): void {
  writeFileAtomic(file, renderJson(report));
}
