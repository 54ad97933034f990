import type { ResolvedSpec } from '../catalogue/levels.js';
import type { CaseResult, LevelVerdict, SpecVerdict, SupportReport, Verdict } from '../report/model.js';

export function countVerdicts(cases: readonly CaseResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { pass: 0, fail: 0, warn: 0, skip: 0, error: 0, waived: 0 };
  for (const c of cases) counts[c.verdict]++;
  return counts;
}

/**
 * A spec's verdict from its cases:
 * - FAIL when a case failed;
 * - ABSENT when its probe found it missing, or a client under test cannot do what a MUST needs
 *   (its driver said so), or every case on its behaviour was not applicable;
 * - INCOMPLETE when a case hit a tool error, or a MUST was left unexercised (not run, unproven);
 * - WARN on a SHOULD not met;
 * - UNTESTED when nothing passed;
 * - PASS only when a case on its behaviour passed: a disco feature alone proves nothing.
 */
export function specVerdict(cases: readonly CaseResult[], support: SupportReport | null): SpecVerdict {
  const counts = countVerdicts(cases);
  if (support?.supported === false) return counts.fail > 0 ? 'fail' : 'absent';
  if (counts.fail > 0) return 'fail';
  const mustSkipped = (...kinds: string[]): boolean => cases.some((c) => c.verdict === 'skip' && c.strength === 'must' && kinds.includes(c.skipKind ?? ''));
  if (mustSkipped('unsupported')) return 'absent';
  if (counts.error > 0 || mustSkipped('not-run', 'unproven')) return 'incomplete';
  // a case whose rule the cited text does not have says nothing either way
  const behaviour = cases.filter((c) => c.evidence === 'behaviour' && !(c.verdict === 'skip' && c.citation.absent !== undefined && !c.citation.later));
  if (behaviour.length > 0 && behaviour.every((c) => c.verdict === 'skip')) {
    return behaviour.some((c) => c.skipKind === 'not-run' || c.skipKind === 'unproven') ? 'incomplete' : 'absent';
  }
  if (counts.warn > 0) return 'warn';
  // what the target advertises is not what it does: only a behaviour seen passes a spec
  if (!behaviour.some((c) => c.verdict === 'pass' || c.verdict === 'waived')) return 'untested';
  return 'pass';
}

export interface SpecOutcome {
  row: ResolvedSpec;
  name: string;
  verdict: SpecVerdict;
}

/** From the worst verdict to the best, for the specs of one alternative (all of them must hold). */
const WORST_FIRST: readonly SpecVerdict[] = ['fail', 'absent', 'incomplete', 'untested', 'warn', 'pass'];
/** From the best verdict to the worst, for the alternatives of a group (one must hold); a failing one says more than an absent one. */
const BEST_FIRST: readonly SpecVerdict[] = ['pass', 'warn', 'incomplete', 'untested', 'fail', 'absent'];

/**
 * The specs of one-of groups (XEP-0479: "Only one of the recommended providers must be
 * implemented") as one requirement each, the other specs as they are. An alternative (a
 * provider, with what it runs over) holds as its worst spec; the group as its best alternative.
 * An alternative that fails while another meets the group is a warning: the target offers it
 * broken.
 */
export function groupOneOf(specs: readonly SpecOutcome[]): { outcomes: SpecOutcome[]; warnings: string[] } {
  const outcomes: SpecOutcome[] = [];
  const warnings: string[] = [];
  const groups = new Map<string, SpecOutcome[]>();
  for (const s of specs) {
    if (!s.row.oneOf) outcomes.push(s);
    else groups.set(s.row.oneOf.group, [...(groups.get(s.row.oneOf.group) ?? []), s]);
  }
  for (const [group, members] of groups) {
    const alternatives = new Map<string, SpecOutcome[]>();
    for (const m of members) alternatives.set(m.row.oneOf!.alternative, [...(alternatives.get(m.row.oneOf!.alternative) ?? []), m]);
    const held = [...alternatives].map(([name, rows]) => ({ name, verdict: pick(WORST_FIRST, rows.map((r) => r.verdict)) }));
    const verdict = pick(BEST_FIRST, held.map((a) => a.verdict));
    const first = members[0]!;
    const requirement = members.some((m) => m.row.requirement === 'REQUIRED') ? 'REQUIRED' : first.row.requirement;
    outcomes.push({ row: { ...first.row, requirement }, name: `${group}: one of ${held.map((a) => `${a.name} (${a.verdict})`).join(', ')}`, verdict });
    if (verdict === 'pass' || verdict === 'warn') {
      const met = held.filter((a) => a.verdict === 'pass' || a.verdict === 'warn').map((a) => a.name).join(', ');
      for (const a of held.filter((x) => x.verdict === 'fail')) warnings.push(`${a.name} failed (${group}: one of its providers suffices, and ${met} met it)`);
    }
  }
  return { outcomes, warnings };
}

function pick(order: readonly SpecVerdict[], verdicts: readonly SpecVerdict[]): SpecVerdict {
  return order.find((v) => verdicts.includes(v)) ?? 'untested';
}

/**
 * The level's verdict (issue: "a missing REQUIRED spec fails the level; tool errors make it
 * incomplete, never pass"):
 * - a REQUIRED spec that fails or is absent fails the level;
 * - a REQUIRED or RECOMMENDED spec left incomplete (or a REQUIRED one untested) makes it incomplete;
 * - a RECOMMENDED spec that fails or is absent, a SHOULD not met, or a NOT RECOMMENDED spec that
 *   is present, is a warning;
 * - INFORMATIONAL specs never change the level;
 * - a one-of group (groupOneOf) counts as one spec.
 */
export function levelVerdict(specs: readonly SpecOutcome[]): { verdict: LevelVerdict; reasons: string[]; warnings: string[] } {
  const failures: string[] = [];
  const gaps: string[] = [];
  const grouped = groupOneOf(specs);
  const warnings: string[] = [...grouped.warnings];
  for (const { row, name, verdict } of grouped.outcomes) {
    const label = `${name} (${row.requirement})`;
    switch (row.requirement) {
      case 'REQUIRED':
        if (verdict === 'fail') failures.push(`${label} failed`);
        else if (verdict === 'absent') failures.push(`${label} is not supported by the target`);
        else if (verdict === 'incomplete') gaps.push(`${label} could not be fully tested`);
        else if (verdict === 'untested') gaps.push(`${label} has no case that ran`);
        else if (verdict === 'warn') warnings.push(`${label}: a SHOULD is not met`);
        break;
      case 'RECOMMENDED':
        if (verdict === 'fail') warnings.push(`${label} failed`);
        else if (verdict === 'absent') warnings.push(`${label} is not supported by the target`);
        else if (verdict === 'incomplete') gaps.push(`${label} could not be fully tested`);
        else if (verdict === 'warn') warnings.push(`${label}: a SHOULD is not met`);
        break;
      case 'NOT RECOMMENDED':
        if (verdict !== 'absent' && verdict !== 'untested') warnings.push(`${label} is implemented`);
        break;
      case 'INFORMATIONAL':
        break;
    }
  }
  if (failures.length) return { verdict: 'fail', reasons: [...failures, ...gaps], warnings };
  if (gaps.length) return { verdict: 'incomplete', reasons: gaps, warnings };
  return { verdict: 'pass', reasons: [], warnings };
}

/**
 * The verdict of a partial run (--only): a verdict on the selected cases, not on the level.
 * - a REQUIRED spec whose selected cases failed, or that the target lacks, fails it (one of a
 *   one-of group only when no alternative of the group is met: it warns otherwise);
 * - a tool error, or a MUST left unproven, leaves it incomplete;
 * - a selected case that was not run (too few accounts, no user action) is a warning here, since
 *   the selection is what the user asked to see; --fail-on-not-run makes it fail the job;
 * - a spec none of whose selected cases looks at its behaviour is not a gap: it was not selected;
 * - but a selection none of whose cases passed (all skipped: nothing to certify on) is incomplete.
 */
export function selectionVerdict(specs: readonly (SpecOutcome & { cases: readonly CaseResult[] })[]): { verdict: LevelVerdict; reasons: string[]; warnings: string[] } {
  const failures: string[] = [];
  const gaps: string[] = [];
  const warnings: string[] = [];
  const groupMet = new Set(groupOneOf(specs).outcomes.filter((o) => o.row.oneOf && (o.verdict === 'pass' || o.verdict === 'warn')).map((o) => o.row.oneOf!.group));
  for (const { row, name, verdict, cases } of specs) {
    const label = `${name} (${row.requirement})`;
    const broken = verdict === 'fail' ? 'failed' : verdict === 'absent' ? 'is not supported by the target' : undefined;
    if (broken && row.oneOf && groupMet.has(row.oneOf.group)) {
      if (verdict === 'fail') warnings.push(`${label} failed (${row.oneOf.group}: another of its providers met it)`);
    } else if (broken && row.requirement === 'REQUIRED') failures.push(`${label} ${broken}`);
    else if (broken && row.requirement === 'RECOMMENDED') warnings.push(`${label} ${broken}`);
    const counts = countVerdicts(cases);
    if (counts.error > 0) gaps.push(`${label}: ${counts.error} selected case(s) ended in a tool error`);
    const unproven = cases.filter((c) => c.verdict === 'skip' && c.strength === 'must' && c.skipKind === 'unproven').length;
    if (unproven > 0) gaps.push(`${label}: ${unproven} selected MUST case(s) could not be proven`);
    const notRun = notRunCount(cases);
    if (notRun > 0) warnings.push(`${label}: ${notRun} selected case(s) not run`);
    if (counts.warn > 0) warnings.push(`${label}: a SHOULD is not met`);
  }
  // a selection is judged on what was seen: cases all skipped (a target with nothing to certify on) decide nothing
  const seen = specs.some((s) => s.cases.some((c) => c.verdict !== 'skip' && c.verdict !== 'error'));
  if (!seen) gaps.push('no selected case was exercised');
  if (failures.length) return { verdict: 'fail', reasons: [...failures, ...gaps], warnings };
  if (gaps.length) return { verdict: 'incomplete', reasons: gaps, warnings };
  return { verdict: 'pass', reasons: [], warnings };
}

/** How many cases were skipped because the run could not do them (SkipKind 'not-run'). */
export function notRunCount(cases: readonly CaseResult[]): number {
  return cases.filter((c) => c.verdict === 'skip' && c.skipKind === 'not-run').length;
}
