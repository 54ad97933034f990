import fs from 'node:fs';
import YAML from 'yaml';
import type { CaseResult } from '../report/model.js';

/** A known deviation a certification accepts for a while, with the reason. */
export interface Waiver {
  id: string;
  reason: string;
  /** Last day (YYYY-MM-DD) the waiver applies; none means it does not expire. */
  expires?: string;
  /** Only for this target (its --target name); none means every target. */
  target?: string;
  transport?: string;
}

export class WaiverFileError extends Error {}

/** Reads waivers from JSON or YAML: a list, or an object with a `waivers` list. */
export function readWaivers(file: string): Waiver[] {
  let data: unknown;
  try {
    data = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new WaiverFileError(`cannot read waivers from ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  return parseWaivers(data, file);
}

export function parseWaivers(data: unknown, where: string): Waiver[] {
  const list = Array.isArray(data) ? data : (data as { waivers?: unknown } | null)?.waivers;
  if (!Array.isArray(list)) throw new WaiverFileError(`${where}: expected a list of waivers (or { waivers: [...] })`);
  return list.map((entry, i) => {
    const w = entry as Record<string, unknown>;
    if (typeof w.id !== 'string' || typeof w.reason !== 'string' || !w.reason.trim()) {
      throw new WaiverFileError(`${where}: waiver ${i + 1} needs an id and a reason`);
    }
    const expires = w.expires === undefined ? undefined : String(w.expires instanceof Date ? w.expires.toISOString().slice(0, 10) : w.expires);
    if (expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(expires)) throw new WaiverFileError(`${where}: waiver ${w.id} has an expiry that is not YYYY-MM-DD: ${expires}`);
    return { id: w.id, reason: w.reason, expires, target: w.target as string | undefined, transport: w.transport as string | undefined };
  });
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
