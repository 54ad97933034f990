import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsTable } from '../../fixtures/findings-table.js';
import { LEVELS } from '../../src/catalogue/levels.js';
import { listCommand } from '../../src/cli/info.js';
import { SUITES } from '../../suites/index.js';
import { ROOT } from '../support/cli.js';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('the README', () => {
  it('holds the findings table as `npm run findings` prints it from the list and the citations', () => {
    expect(readme).toContain(findingsTable());
  });

  it('counts the cases of each level as `xmpp-certify list` does, in the table of the 2007–2009 levels and of the 2023 ones', () => {
    const rows = [...readme.matchAll(/^\| `([\w-]+)` \| XEP-\d{4} \| ([\w, ]+) \|.*\| ([\d /]+) \|$/gm)];
    expect(rows.map(([, level]) => level)).toEqual(LEVELS.map((l) => l.id));
    for (const [, level, roles, counts] of rows) {
      // each under its own default baseline: 3920 for the 2007–2009 levels, 6120 for the 2023 ones
      const listed = roles!.split(', ').map((role) => (JSON.parse(listCommand(SUITES, { level: level!, role: role as 'server' | 'client', json: true })) as { cases: unknown[] }).cases.length);
      expect(listed.join(' / '), level).toBe(counts);
    }
  });
});
