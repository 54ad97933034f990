import type { CaseResult } from '../report/model.js';
import type { TransportKind } from '../vocabulary.js';

/** A known deviation a certification accepts for a while, with the reason (read by src/cli/waiver-file.ts). */
export interface Waiver {
  id: string;
  reason: string;
  /** Last day (YYYY-MM-DD) the waiver applies; none means it does not expire. */
  expires?: string;
  /** Only for this target (its --target name); none means every target. */
  target?: string;
  transport?: TransportKind;
}

/**
 * Applies the first waiver that covers a case: a FAIL or WARN becomes WAIVED (the original
 * verdict kept); a case that needed none is flagged so the waiver can be dropped; an expired
 * waiver changes nothing but is flagged too.
 */
export function applyWaiver(result: CaseResult, waivers: readonly Waiver[], target: string, today = new Date().toISOString().slice(0, 10)): CaseResult {
  const waiver = waivers.find((w) => w.id === result.id && (!w.target || w.target === target) && (!w.transport || w.transport === result.transport));
  if (!waiver) return result;
  const note = { reason: waiver.reason, expires: waiver.expires, verdict: result.verdict };
  if (waiver.expires && waiver.expires < today) return { ...result, waiver: { ...note, status: 'expired' } };
  if (result.verdict === 'fail' || result.verdict === 'warn') return { ...result, verdict: 'waived', waiver: { ...note, status: 'applied' } };
  return { ...result, waiver: { ...note, status: 'unneeded' } };
}
