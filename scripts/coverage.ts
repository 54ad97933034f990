/**
 * How much of the requirements catalogues the suites check: per spec and role, the rows a case
 * checks, those out of reach on purpose, and those not built yet (suites/not-covered.ts). The
 * project's own catalogue (suites/requirements) is always counted; the 2007–2009 one when found.
 *
 *   npm run coverage [-- DIR]     (DIR: the 2007–2009 catalogue, ../shared/requirements by default)
 */
import fs from 'node:fs';
import path from 'node:path';
import { catalogueRows, requirementRows } from '../suites/catalogue.js';
import { SUITES } from '../suites/index.js';
import { NOT_COVERED } from '../suites/not-covered.js';
import { REQUIREMENTS } from '../suites/requirements/index.js';

const dir = process.argv[2] ?? path.resolve(import.meta.dirname, '../../../shared/requirements');
const rows = [...(fs.existsSync(dir) ? catalogueRows(dir) : []), ...requirementRows(REQUIREMENTS)];
const checked = new Set(SUITES.flatMap((s) => s.cases).map((c) => `${c.id}|${c.role}`));
const listed = new Map(NOT_COVERED.map((n) => [`${n.id}|${n.role}`, n]));
const bySpec = new Map<string, { checked: number; deliberate: number; pending: number }>();
for (const row of rows) {
  const key = `${path.basename(row.file).replace(/\.(md|ts)$/, '')} ${row.role}`;
  const tally = bySpec.get(key) ?? { checked: 0, deliberate: 0, pending: 0 };
  bySpec.set(key, tally);
  const id = `${row.id}|${row.role}`;
  if (checked.has(id)) tally.checked++;
  else if (listed.get(id)?.pending) tally.pending++;
  else tally.deliberate++;
}
const total = { checked: 0, deliberate: 0, pending: 0 };
const lines = [`${'spec / role'.padEnd(24)} checked  out of reach  not built yet`];
for (const [key, t] of [...bySpec].sort()) {
  lines.push(`${key.padEnd(24)} ${String(t.checked).padStart(7)}  ${String(t.deliberate).padStart(12)}  ${String(t.pending).padStart(13)}`);
  total.checked += t.checked;
  total.deliberate += t.deliberate;
  total.pending += t.pending;
}
const all = total.checked + total.deliberate + total.pending;
lines.push('', `${all} catalogue rows (a row for server and client counts twice): ${total.checked} checked by a case (${Math.round((100 * total.checked) / all)}%), ${total.deliberate} out of reach on purpose, ${total.pending} not built yet`);
process.stdout.write(`${lines.join('\n')}\n`);
