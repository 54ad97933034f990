import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsTable } from '../../fixtures/findings-table.js';
import { listCommand } from '../../src/cli/info.js';
import { SUITES } from '../../suites/index.js';
import { ROOT } from '../support/cli.js';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('the README', () => {
  it('holds the findings table as `npm run findings` prints it from the list and the citations', () => {
    expect(readme).toContain(findingsTable());
  });

  it('counts the cases of each level as `xmpp-certify list` does', () => {
    const rows = [...readme.matchAll(/^\| `([\w-]+)` \| XEP-\d{4} \| ([\w, ]+) \|.*\| ([\d /]+) \|$/gm)];
    expect(rows.length).toBe(10);
    for (const [, level, roles, counts] of rows) {
      const listed = roles!.split(', ').map((role) => (JSON.parse(listCommand(SUITES, { level: level!, role: role as 'server' | 'client', core: '3920', json: true })) as { cases: unknown[] }).cases.length);
      expect(listed.join(' / '), level).toBe(counts);
    }
  });
});
