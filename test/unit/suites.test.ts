import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryFor, entryKey, isAbsent, isEntry, KEYWORDS, keywordsOf, type Citation, type CiteEntry } from '../../src/catalogue/citation.js';
import { judgedUnder, LEVELS, resolveLevel, SERIES, type Role } from '../../src/catalogue/levels.js';
import { BASELINES, type SpecId } from '../../src/catalogue/specs.js';
import type { CaseDefinition } from '../../src/engine/case.js';
import { catalogueRows, requirementRows } from '../../suites/catalogue.js';
import { SUITES } from '../../suites/index.js';
import { NOT_COVERED } from '../../suites/not-covered.js';
import { REQUIREMENTS } from '../../suites/requirements/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The requirements catalogue, where this checkout has it beside it. */
const CATALOGUE = path.resolve(ROOT, '../shared/requirements');

/**
 * The suites as a knowledge base: every case says, for every text a run can judge it by, where
 * that text states the requirement, with which keyword, in which words. These checks fail on a
 * case a reviewer would have to send back.
 */

const cases: CaseDefinition[] = SUITES.flatMap((s) => s.cases);

/** Every citation key a run can ask a case for: baselines for the RFCs, the versions the levels cite for a XEP. */
function keysFor(spec: SpecId, role: Role): string[] {
  const keys = new Set<string>();
  for (const level of LEVELS) {
    if (!level.roles.includes(role)) continue;
    for (const baseline of BASELINES.filter((b) => judgedUnder(level, b))) {
      for (const row of resolveLevel(level, role, baseline)) if (row.spec === spec) keys.add(entryKey(spec, baseline, row.version));
    }
  }
  return [...keys].sort();
}

/** What is wrong with one citation, or nothing. */
function citationProblems(c: Citation): string[] {
  const problems: string[] = [];
  if (!/^(\d+|[A-Z])(\.\d+)*$/.test(c.section)) problems.push(`section '${c.section}' is not a section or appendix number`);
  const keywords = keywordsOf(c);
  if (keywords.length === 0) problems.push('no keyword');
  for (const k of keywords) {
    if (!KEYWORDS.includes(k)) problems.push(`'${k}' is not an RFC 2119 keyword`);
    // the quote is the sentence that carries the keyword: it has to say it
    else if (!new RegExp(`\\b${k.replace(' ', '\\s+')}\\b`).test(c.quote)) problems.push(`the quote does not say ${k}`);
  }
  if (c.quote.trim().length < 20) problems.push('no quote of the sentence that carries the keyword');
  if (c.doc !== undefined && !/^(RFC \d{4}|XEP-\d{4})$/.test(c.doc)) problems.push(`doc '${c.doc}' is neither "RFC NNNN" nor "XEP-NNNN"`);
  if (c.doc?.startsWith('XEP-') && !c.version) problems.push(`${c.doc} is quoted without its version`);
  return problems;
}

function entryProblems(entry: CiteEntry): string[] {
  if (!isAbsent(entry)) return citationProblems(entry);
  const problems = entry.absent.trim().length < 10 ? ['says the text lacks the rule without saying why'] : [];
  if (entry.later) problems.push(...citationProblems(entry.later).map((p) => `later text: ${p}`));
  return problems;
}

describe('the suites', () => {
  it('have cases', () => {
    expect(cases.length).toBeGreaterThan(300);
  });

  it('cite, for every text a run can judge a case by, the section, the keyword and the sentence that carries it', () => {
    const problems: string[] = [];
    for (const c of cases) {
      // an entry with per-version entries beside it would be read as the one entry for every version
      if (isEntry(c.cite) && Object.keys(c.cite).some((k) => /^\d/.test(k))) problems.push(`${c.id} (${c.role}): one entry and per-version entries mixed in one object`);
      for (const key of keysFor(c.spec, c.role)) {
        const entry = entryFor(c.cite, key);
        if (!entry) {
          problems.push(`${c.id} (${c.role}): no citation for ${key}`);
          continue;
        }
        for (const p of entryProblems(entry)) problems.push(`${c.id} (${c.role}) [${key}]: ${p}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('use each case ID once per role, with the prefix of its spec', () => {
    const seen = new Map<string, number>();
    for (const c of cases) seen.set(`${c.role} ${c.id}`, (seen.get(`${c.role} ${c.id}`) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k)).toEqual([]);
    const prefix: Partial<Record<SpecId, RegExp>> = { 'xmpp-core': /^RFC(6120|6122|3920)-/, 'xmpp-im': /^RFC(6121|3921)-/ };
    const own = (spec: SpecId): RegExp => new RegExp(spec.startsWith('rfc') ? `^RFC${spec.slice(3)}-` : `^XEP${spec.slice(4)}-`);
    const wrong = cases.filter((c) => !(prefix[c.spec] ?? own(c.spec)).test(c.id)).map((c) => `${c.id} in ${c.spec}`);
    expect(wrong).toEqual([]);
  });
});

/** The suite files and what each imports (relative specifiers, resolved to .ts). */
const suiteFiles = new Map(fs.readdirSync(path.join(ROOT, 'suites'), { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
  .map((file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const imports = [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => path.normalize(path.join(path.dirname(file), m[1]!.replace(/\.js$/, '.ts'))));
    return [file, { text, imports }] as const;
  }));
const sectionFiles = [...suiteFiles].filter(([, f]) => /export default defineCases\(/.test(f.text)).map(([file]) => file);

describe('the suites as files', () => {
  it('have section files', () => {
    expect(sectionFiles.length).toBeGreaterThan(50);
  });

  it('import from the engine only through src/authoring.ts', () => {
    const deep = [...suiteFiles].flatMap(([file, f]) => f.imports.filter((i) => i.startsWith('src/') && i !== 'src/authoring.ts').map((i) => `${file} → ${i}`));
    expect(deep).toEqual([]);
  });

  it('reach every file of cases from suites/index.ts', () => {
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file) || !suiteFiles.has(file)) return;
      reached.add(file);
      for (const next of suiteFiles.get(file)!.imports) visit(next);
    };
    visit('suites/index.ts');
    expect(sectionFiles.filter((f) => !reached.has(f))).toEqual([]);
  });

  it("share helpers through helper modules, never through another section's file", () => {
    // an index gathers its section files' cases (their default export); nothing else is taken from them
    const takesNames = (text: string, target: string): boolean => [...text.matchAll(/^import\s+(?!\w+\s+from)[^;]*?from\s+'(\.[^']+)'/gms)].some((m) => m[1]!.endsWith(`/${path.basename(target, '.ts')}.js`));
    const crossing = [...suiteFiles].flatMap(([file, f]) => f.imports.filter((i) => sectionFiles.includes(i) && (!file.endsWith('/index.ts') || takesNames(f.text, i))).map((i) => `${file} → ${i}`));
    expect(crossing).toEqual([]);
  });

  it('keep every case in the file named for the section of its ID', () => {
    // the cases each file defines, by the IDs written in it; every case must be found in some file
    const defined = [...suiteFiles].filter(([, f]) => /\bdefineCases\(/.test(f.text))
      .flatMap(([file, f]) => [...f.text.matchAll(/^\s*id: '((?:RFC|XEP)\d{4}-[^']+)'/gm)].map((m) => ({ file, id: m[1]! })));
    expect(defined.map((d) => d.id).sort()).toEqual(cases.map((c) => c.id).sort());
    const misplaced = defined.flatMap(({ file, id }) => {
      const problem = sectionFiles.includes(file) ? placementProblem(file, id) : 'which is not a section file (`export default defineCases(…)`)';
      return problem ? [`${id} is in ${file}, ${problem}`] : [];
    });
    expect(misplaced).toEqual([]);
  });
});

/**
 * Why a section file may not hold the case `id`, or nothing. The section of an ID is the part
 * between its first and last '-', in the catalogue's numbering (RFC6120-13.8-1: 13.8; RFC6121-A-1:
 * appendix A). A section file's name starts with what it holds:
 * - a section (`7.8-invitations.ts`, `A-subscription-states.ts`): that section and every section
 *   under it (7.8, 7.8.2);
 * - a range of top-level sections (`4-7-negotiation.ts`): every section from the first to the
 *   last (4.x to 7.x);
 * - a document number of four digits (`rfc6120/6122-addressing.ts`, `rfc6121/3921-session.ts`):
 *   the IDs of that document (RFC6122-…, RFC3921-…), whatever their section. It is for rows the
 *   catalogue files under another document than the suite's own (the RFC 6122 addressing rules
 *   in xmpp-core, the RFC 3921 rules RFC 6121 dropped), so never the number of the suite's own
 *   directory (rfc6120, xep-0045). No section number has four digits.
 */
function placementProblem(file: string, id: string): string | undefined {
  const [, doc, section] = /^(?:RFC|XEP)(\d{4})-(.+)-\d+$/.exec(id) ?? [];
  if (!doc || !section) return 'but its ID has no section';
  const name = path.basename(file, '.ts');
  const ownDoc = /(\d{4})$/.exec(file.split('/')[1] ?? '')?.[1];
  const document = /^(\d{4})-/.exec(name);
  if (document) {
    if (document[1] === ownDoc) return `which is named for the suite's own document (${document[1]}): name it for a section`;
    return document[1] === doc ? undefined : `which holds the IDs of document ${document[1]} only`;
  }
  const range = /^(\d+)-(\d+)-/.exec(name);
  if (range) {
    const [first, last, top] = [Number(range[1]), Number(range[2]), Number(section.split('.')[0])];
    return first < last && top >= first && top <= last ? undefined : `which holds sections ${range[1]} to ${range[2]}`;
  }
  const held = /^((?:\d+|[A-Z])(?:\.\d+)*)-/.exec(name)?.[1];
  if (!held) return 'whose name starts with no section number';
  return section === held || section.startsWith(`${held}.`) ? undefined : `which holds section ${held}`;
}

/** The project's catalogue (suites/requirements/), and the 2007–2009 one where this checkout has it beside it. */
const projectRows = requirementRows(REQUIREMENTS);
const sharedRows = fs.existsSync(CATALOGUE) ? catalogueRows(CATALOGUE) : [];
const checked = new Set(cases.map((c) => `${c.id}|${c.role}`));
const listed = new Set(NOT_COVERED.map((n) => `${n.id}|${n.role}`));
const unchecked = (rows: typeof projectRows): string[] => rows.filter((r) => !checked.has(`${r.id}|${r.role}`) && !listed.has(`${r.id}|${r.role}`)).map((r) => `${r.id} (${r.role})`);

describe('the project requirements catalogue (suites/requirements)', () => {
  const entries = REQUIREMENTS.flatMap((of) => of.requirements.map((r) => ({ of, r })));

  it('lists every file of suites/requirements in its index', () => {
    const files = fs.readdirSync(path.join(ROOT, 'suites/requirements')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort();
    expect(REQUIREMENTS.map((of) => of.spec).sort()).toEqual(files);
  });

  it('gives each requirement a unique ID of its spec and section, roles, and the sentence that carries its keyword', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const { of, r } of entries) {
      if (seen.has(r.id)) problems.push(`${r.id}: used twice`);
      seen.add(r.id);
      const prefix = of.spec.startsWith('rfc') ? `RFC${of.spec.slice(3)}` : `XEP${of.spec.slice(4)}`;
      if (!new RegExp(`^${prefix}-${r.section.replace(/\./g, '\\.')}-\\d+$`).test(r.id)) problems.push(`${r.id}: not ${prefix}-${r.section}-N`);
      if (r.roles.length === 0) problems.push(`${r.id}: binds no role`);
      if (r.requirement.trim().length < 20) problems.push(`${r.id}: no requirement in our words`);
      for (const p of citationProblems(r)) problems.push(`${r.id}: ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it('quotes a XEP at the version the levels judge it by, an RFC as published', () => {
    const wrong = REQUIREMENTS.filter((of) => {
      if (of.spec.startsWith('rfc')) return of.version !== undefined;
      const versions = new Set([...keysFor(of.spec, 'server'), ...keysFor(of.spec, 'client')]);
      return of.version === undefined || (versions.size > 0 && !versions.has(of.version));
    }).map((of) => `${of.spec} v${of.version}`);
    expect(wrong).toEqual([]);
  });

  it('is checked row by row, or the row says why not (suites/not-covered.ts)', () => {
    expect(unchecked(projectRows)).toEqual([]);
  });

  it('agrees with the cases that check it on the section they cite', () => {
    const section = new Map(entries.map(({ of, r }) => [r.id, { of, r }]));
    const differ = cases.flatMap((c) => {
      const row = section.get(c.id);
      const entry = row && entryFor(c.cite, entryKey(c.spec, '6120', row.of.version));
      return entry && !isAbsent(entry) && entry.section !== row.r.section ? [`${c.id}: cites §${entry.section}, the catalogue §${row.r.section}`] : [];
    });
    expect(differ).toEqual([]);
  });
});

describe.runIf(fs.existsSync(CATALOGUE))('the 2007–2009 requirements catalogue', () => {
  it('has rows', () => {
    expect(sharedRows.length).toBeGreaterThan(400);
  });

  it('is checked row by row, or the row says why not (suites/not-covered.ts)', () => {
    expect(unchecked(sharedRows)).toEqual([]);
  });

  it('lists as not covered only its rows', () => {
    const rowKeys = new Set([...sharedRows, ...projectRows].map((r) => `${r.id}|${r.role}`));
    expect(NOT_COVERED.filter((n) => !rowKeys.has(`${n.id}|${n.role}`)).map((n) => `${n.id} (${n.role}) is not a catalogue row`)).toEqual([]);
  });
});

describe('the rows not covered (suites/not-covered.ts)', () => {
  it('are rows no case checks, each with a reason', () => {
    expect(NOT_COVERED.filter((n) => checked.has(`${n.id}|${n.role}`)).map((n) => `${n.id} (${n.role}) is checked by a case now`)).toEqual([]);
    expect(NOT_COVERED.filter((n) => n.reason.trim().length < 20).map((n) => n.id)).toEqual([]);
  });

  it('name rows of the project catalogue by an ID it has', () => {
    // a spec and role the project catalogue holds, of a spec the 2007–2009 catalogue does not (it holds those the 2007–2009 levels name)
    const older = new Set(SERIES[0]!.levels.flatMap((l) => l.specs.map((s) => s.spec)));
    const held = new Set(requirementRows(REQUIREMENTS.filter((of) => !older.has(of.spec))).map((r) => `${r.id.split('-')[0]}|${r.role}`));
    const rowKeys = new Set(projectRows.map((r) => `${r.id}|${r.role}`));
    expect(NOT_COVERED.filter((n) => held.has(`${n.id.split('-')[0]}|${n.role}`) && !rowKeys.has(`${n.id}|${n.role}`)).map((n) => `${n.id} (${n.role}) is not a catalogue row`)).toEqual([]);
  });
});
