/**
 * Prints the README's table of what the fixture software breaks, from fixtures/findings.ts and
 * the cases' own citations: the finding list holds the behaviour, the case the text it breaks.
 *
 *   node dist/scripts/findings-table.js
 */
import { citationLabel, citedText, entryFor, entryKey, isAbsent } from '../src/catalogue/citation.js';
import { LEVELS, resolveLevel, type Role } from '../src/catalogue/levels.js';
import type { Baseline } from '../src/catalogue/specs.js';
import type { CaseDefinition } from '../src/engine/case.js';
import { KNOWN_FINDINGS } from '../fixtures/findings.js';
import { SUITES } from '../suites/index.js';

const NAMES: Record<string, string> = {
  prosody: 'Prosody 0.12.3', ejabberd: 'ejabberd 23.01', profanity: 'profanity 0.13.1', poezio: 'poezio 0.14', reference: 'slixmpp 1.8.3 reference client',
};
const CLIENTS = new Set(['profanity', 'poezio', 'reference']);

/** The XEP version the newest level naming the spec judges it by (the RFCs: the baseline); a finding may name its own. */
function versionFor(def: CaseDefinition, baseline: Baseline): string | undefined {
  const levels = [...LEVELS].filter((l) => l.roles.includes(def.role)).sort((a, b) => b.approved.localeCompare(a.approved));
  for (const level of levels) {
    const row = resolveLevel(level, def.role, baseline).find((r) => r.spec === def.spec);
    if (row) return row.version;
  }
  return undefined;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
const lines = ['| Case | Seen on | Text broken |', '|---|---|---|'];
for (const f of KNOWN_FINDINGS) {
  const role: Role = f.on.some((s) => CLIENTS.has(s)) ? 'client' : 'server';
  const def = SUITES.flatMap((s) => s.cases).find((c) => c.id === f.id && c.role === role);
  if (!def) throw new Error(`${f.id}: no such ${role} case`);
  const texts = (f.baselines ?? (def.spec === 'xmpp-core' || def.spec === 'xmpp-im' ? ['3920', '6120'] : ['3920'])).map((baseline) => {
    const version = f.versions?.[0] ?? versionFor(def, baseline as Baseline);
    const entry = entryFor(def.cite, entryKey(def.spec, baseline as Baseline, version));
    if (!entry || (isAbsent(entry) && !entry.later)) return undefined;
    const c = citedText(def.spec, entry, baseline as Baseline, version);
    const quote = (c.quote ?? '').length > 160 ? `${c.quote!.slice(0, 157)}…` : c.quote;
    return `${citationLabel(c)} ${c.keyword}: “${quote}”`;
  }).filter((t): t is string => t !== undefined);
  const onWhat = f.on.map((s) => NAMES[s] ?? s).join(', ') + (f.baselines ? ` (--core ${f.baselines.join(', ')})` : '') + (f.fixture ? `; ${f.fixture}` : '');
  lines.push(`| \`${f.id}\` | ${cell(onWhat)} | ${cell([...new Set(texts)].join('<br>'))} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
