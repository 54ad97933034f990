import type { CaseContext, Element } from '../../src/authoring.js';

/**
 * XEP-0045 is cited at v1.22 and v1.24 by the 2007–2009 levels and at v1.34.5 by XEP-0479. v1.25
 * (2012) raised several SHOULDs to MUSTs and reworded others: whether the text a run judges a case
 * by is that later one.
 */
export function since125(t: CaseContext): boolean {
  return t.citation?.version === '1.34.5';
}

/** A part v1.25 raised from SHOULD to MUST: judged at the strength of the version cited. */
export function raisedToMust(t: CaseContext, ok: boolean, expected: string, actual?: string | Element): boolean {
  return since125(t) ? t.must(ok, expected, actual) : t.should(ok, expected, actual);
}
