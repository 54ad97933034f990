/**
 * Checks every citation of every case, and every row of the project's requirements catalogue
 * (suites/requirements), against the primary texts: the quote must appear, word for
 * word (whitespace and markup aside, "…" for words left out), in the section the citation names,
 * of the document and version it names. The texts are not part of the project (copyright, size):
 * give a folder with the RFCs as plain text (rfc3920.txt, rfc6120.txt, …) and a clone of xsf/xeps,
 * whose history holds every XEP version.
 *
 *   node dist/scripts/verify-quotes.js --rfcs DIR --xeps DIR [--only PREFIX]
 *
 * A XEP version is read as published: the last commit that carries the version and was made
 * within three days of its date (later commits that kept the number are silent edits); for a
 * version older than the archive, its earliest commit.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { entryFor, entryKey, isAbsent, type Citation } from '../src/catalogue/citation.js';
import { judgedUnder, LEVELS, resolveLevel } from '../src/catalogue/levels.js';
import { BASELINES, specInfo } from '../src/catalogue/specs.js';
import { publishedOn } from '../src/catalogue/versions.js';
import type { CaseDefinition } from '../src/engine/case.js';
import { SUITES } from '../suites/index.js';
import { publishedCommit } from './xep-source.js';
import { REQUIREMENTS } from '../suites/requirements/index.js';

const { values } = parseArgs({ options: { rfcs: { type: 'string' }, xeps: { type: 'string' }, only: { type: 'string', multiple: true } } });
if (!values.rfcs || !values.xeps) {
  process.stderr.write('usage: verify-quotes --rfcs DIR --xeps DIR [--only PREFIX]\n');
  process.exit(2);
}
const rfcDir = values.rfcs;
const xepRepo = values.xeps;

/** A document as sections: number → normalised text. */
type Sections = Map<string, string>;
const documents = new Map<string, Sections>();

const normalise = (text: string): string => text
  .replace(/[‘’]/g, "'").replace(/[“”]/g, '"')
  .replace(/\s+/g, ' ').trim();

/** An RFC's sections from its plain text: headings "4.7.1.  Title" at the start of a line; page breaks removed. */
function rfcSections(number: string): Sections {
  const raw = fs.readFileSync(path.join(rfcDir, `rfc${number}.txt`), 'latin1')
    .replace(/\f/g, '')
    .replace(/\n[^\n]*\[Page \d+\]\n+RFC \d+[^\n]*\n/g, '\n');
  const sections: Sections = new Map();
  let current = '0';
  let body: string[] = [];
  const flush = (): void => {
    sections.set(current, normalise(`${sections.get(current) ?? ''} ${body.join(' ')}`));
    body = [];
  };
  for (const line of raw.split('\n')) {
    const heading = /^((?:\d+|[A-Z])(?:\.\d+)*)\.?\s{1,3}\S/.exec(line);
    if (heading && !line.includes('. . .')) {
      flush();
      current = heading[1]!;
    }
    body.push(line);
  }
  flush();
  return sections;
}

/**
 * The entities a XEP's text uses (&xep0077;, &rfc3920;), as the rendered XEP reads them: the
 * reference's title, and for a XEP its number after it ("In-Band Registration (XEP-0077)").
 */
function entitiesAt(commit: string): Map<string, string> {
  const ent = execFileSync('git', ['-C', xepRepo, 'show', `${commit}:xep.ent`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const entities = new Map<string, string>();
  for (const m of ent.matchAll(/<!ENTITY\s+(\S+)\s+"([^"]*)"\s*>/g)) {
    const title = (/<span class='ref'>([\s\S]*?)<\/span>/.exec(m[2]!)?.[1] ?? m[2]!.replace(/<note>[\s\S]*?<\/note>/g, '')).replace(/<[^>]+>/g, '').trim();
    const xep = /^xep(\d{4})$/.exec(m[1]!);
    // later entity files carry the number in the title already
    entities.set(m[1]!, xep && !title.includes(`XEP-${xep[1]}`) ? `${title} (XEP-${xep[1]})` : title);
  }
  return entities;
}

/** Entities a XEP defines for itself in its DOCTYPE (XEP-0045's &ROOMJID;, &ROOM;). */
function ownEntities(xml: string): Map<string, string> {
  const own = new Map<string, string>();
  for (const m of xml.matchAll(/<!ENTITY\s+(\S+)\s+(['"])([\s\S]*?)\2\s*>/g)) own.set(m[1]!, m[3]!.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  return own;
}

/** A XEP's sections, numbered as the rendered XEP numbers <section1>…<section4> in document order. */
function xepSections(number: string, version: string): Sections {
  const commit = publishedCommit(xepRepo, number, version, publishedOn(`xep-${number}` as never, version));
  const xml = execFileSync('git', ['-C', xepRepo, 'show', `${commit}:xep-${number}.xml`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const entities = new Map([...entitiesAt(commit), ...ownEntities(xml)]);
  // footnotes stay where they are anchored: a rule may be stated in one
  const body = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/^[\s\S]*?<\/header>/, '')
    .replace(/&([\w.-]+);/g, (whole, name: string) => entities.get(name) ?? whole);
  const sections: Sections = new Map();
  const counters = [0, 0, 0, 0, 0];
  let current = '0';
  const tokens = body.split(/(<\/?section[1-4][^>]*>)/);
  for (const token of tokens) {
    const open = /^<section([1-4])[\s>]/.exec(token);
    if (open) {
      const level = Number(open[1]);
      counters[level - 1]!++;
      for (let i = level; i < counters.length; i++) counters[i] = 0;
      current = counters.slice(0, level).join('.');
      continue;
    }
    if (/^<\/section/.test(token)) continue;
    const text = token.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&[a-z]+;/g, ' ');
    sections.set(current, normalise(`${sections.get(current) ?? ''} ${text}`));
  }
  return sections;
}

function sectionsOf(doc: string, version: string | undefined): Sections {
  const key = `${doc} ${version ?? ''}`;
  let sections = documents.get(key);
  if (!sections) {
    const rfc = /^RFC (\d+)$/.exec(doc);
    const xep = /^XEP-(\d{4})$/.exec(doc);
    if (rfc) sections = rfcSections(rfc[1]!);
    else if (xep && version) sections = xepSections(xep[1]!, version);
    else throw new Error(`cannot read ${key}`);
    documents.set(key, sections);
  }
  return sections;
}

/** What is wrong with one citation against its text, or undefined. */
function check(c: Citation, doc: string, version: string | undefined): string | undefined {
  const sections = sectionsOf(doc, version);
  // a section and its subsections
  const text = [...sections].filter(([n]) => n === c.section || n.startsWith(`${c.section}.`)).map(([, t]) => t).join(' ');
  if (!text) return `${doc}${version ? ` v${version}` : ''} has no section ${c.section}`;
  // compared without whitespace: plain-text RFCs break lines inside words ("'xml:\n   lang'")
  const squeeze = (t: string): string => t.replace(/\s+/g, '');
  const fragments = normalise(c.quote).split(/\s*…\s*/).filter((f) => f.length > 0);
  const missing = fragments.filter((f) => !squeeze(text).includes(squeeze(f.replace(/[.;:,]$/, ''))));
  if (missing.length === 0) return undefined;
  const elsewhere = [...sections].filter(([, t]) => missing.every((f) => squeeze(t).includes(squeeze(f.replace(/[.;:,]$/, ''))))).map(([n]) => n);
  return `not in §${c.section} of ${doc}${version ? ` v${version}` : ''}: "${missing[0]!.slice(0, 80)}"${elsewhere.length ? ` (found in §${elsewhere.join(', §')})` : ''}`;
}

const keysFor = (def: CaseDefinition): { key: string; version?: string }[] => {
  const keys = new Map<string, string | undefined>();
  for (const level of LEVELS) {
    if (!level.roles.includes(def.role)) continue;
    for (const baseline of BASELINES.filter((b) => judgedUnder(level, b))) {
      for (const row of resolveLevel(level, def.role, baseline)) if (row.spec === def.spec) keys.set(entryKey(def.spec, baseline, row.version), row.version);
    }
  }
  return [...keys].map(([key, version]) => ({ key, version }));
};

let checked = 0;
const problems: string[] = [];
for (const def of SUITES.flatMap((s) => s.cases)) {
  if (values.only && !values.only.some((p) => def.id.startsWith(p))) continue;
  for (const { key, version } of keysFor(def)) {
    const entry = entryFor(def.cite, key);
    if (!entry) continue;
    const cited = isAbsent(entry) ? entry.later : entry;
    if (!cited) continue;
    const rfcBaseline = key === '3920' || key === '6120' ? key : undefined;
    const doc = cited.doc ?? specInfo(def.spec).name(rfcBaseline ?? '6120');
    const docVersion = cited.doc ? cited.version : version;
    checked++;
    try {
      const problem = check(cited, doc, docVersion);
      if (problem) problems.push(`${def.id} (${def.role}) [${key}]: ${problem}`);
    } catch (err) {
      problems.push(`${def.id} (${def.role}) [${key}]: ${(err as Error).message}`);
    }
  }
}
// the project catalogue's rows quote their spec at the version the file names
for (const of of REQUIREMENTS) {
  for (const row of of.requirements) {
    if (values.only && !values.only.some((p) => row.id.startsWith(p))) continue;
    checked++;
    try {
      // a row may quote a document its spec makes its own (an RFC, read as published)
      const problem = check(row, row.doc ?? specInfo(of.spec).name('6120'), row.doc ? undefined : of.version);
      if (problem) problems.push(`${row.id} (catalogue): ${problem}`);
    } catch (err) {
      problems.push(`${row.id} (catalogue): ${(err as Error).message}`);
    }
  }
}
process.stdout.write(`${checked} citations checked, ${problems.length} not found as quoted\n${problems.map((p) => `  ${p}\n`).join('')}`);
process.exit(problems.length ? 1 : 0);
