import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../src/authoring.js';

/** One row of the requirements catalogue: an ID, its keyword, and a role it binds. */
export interface CatalogueRow {
  id: string;
  keyword: string;
  role: Role;
  /** The catalogue file it is in (rfc6120.md, xep-0045.md). */
  file: string;
}

/**
 * The rows of the requirements catalogue in `dir` (one Markdown table row per requirement:
 * | ID | Kw | Role | …, the role S, C or S/C). A row for both roles gives two rows.
 */
export function catalogueRows(dir: string): CatalogueRow[] {
  const rows: CatalogueRow[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const m = /^\|\s*((?:RFC|XEP)\d+-[\w.]+-\d+)\s*\|\s*([^|]*)\|\s*([SC](?:\/[SC])?)\s*\|/.exec(line);
      if (!m) continue;
      for (const letter of m[3]!.split('/')) rows.push({ id: m[1]!, keyword: m[2]!.trim(), role: letter === 'S' ? 'server' : 'client', file });
    }
  }
  return rows;
}
