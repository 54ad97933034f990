import { describe, expect, it } from 'vitest';
import { entryFor, entryKey, isAbsent, KEYWORDS, keywordsOf, type Citation, type CiteEntry } from '../../src/catalogue/citation.js';
import { LEVELS, resolveLevel, type Role } from '../../src/catalogue/levels.js';
import { BASELINES, type SpecId } from '../../src/catalogue/specs.js';
import type { CaseDefinition } from '../../src/engine/case.js';
import { SUITES } from '../../suites/index.js';

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
    for (const baseline of BASELINES) {
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
    const wrong = cases.filter((c) => !(prefix[c.spec] ?? new RegExp(`^XEP${c.spec.slice(4)}-`)).test(c.id)).map((c) => `${c.id} in ${c.spec}`);
    expect(wrong).toEqual([]);
  });
});
