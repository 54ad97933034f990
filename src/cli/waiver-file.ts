import fs from 'node:fs';
import YAML from 'yaml';
import type { Waiver } from '../engine/waivers.js';
import { TRANSPORT_KINDS, type TransportKind } from '../vocabulary.js';
import { throwIfProblems, UsageError } from './parse.js';
import { didYouMean, unknownKeys } from './suggest.js';

/** A waiver as a file wrote it, with where, for the messages about it. */
export interface WaiverEntry extends Waiver {
  /** "waivers.yaml, waiver 2 (XEP0045-6.6-1)": the file, the entry's place in it and its ID. */
  origin: string;
}

/** What a waiver may name: the case IDs the suites define, and the targets the run knows by name. */
export interface WaiverScope {
  caseIds: readonly string[];
  targets: readonly string[];
}

const KEYS = ['id', 'reason', 'expires', 'target', 'transport'];
const TRANSPORTS: readonly string[] = TRANSPORT_KINDS;

type Raw = Record<string, unknown>;
const isMapping = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads waivers from JSON or YAML: a list, or a mapping with a `waivers` list. */
export function readWaivers(file: string): WaiverEntry[] {
  let data: unknown;
  try {
    data = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read waivers from ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  return parseWaivers(data, file);
}

/**
 * Waivers from parsed JSON or YAML, read strictly: a misspelt key would otherwise widen a
 * waiver without a word ("taget: staging" waives the case on every target), so every key,
 * date and transport is checked and every problem is a line of the error.
 */
export function parseWaivers(data: unknown, where: string): WaiverEntry[] {
  const problems = isMapping(data) ? unknownKeys(data, ['waivers'], where) : [];
  const list = Array.isArray(data) ? data : isMapping(data) ? data.waivers : undefined;
  if (!Array.isArray(list)) throw new UsageError([...problems, `${where}: expected a list of waivers (or waivers: [...])`].join('\n'));
  const waivers = list.flatMap((entry: unknown, i) => {
    const origin = `${where}, waiver ${i + 1}${isMapping(entry) && typeof entry.id === 'string' ? ` (${entry.id})` : ''}`;
    const found = isMapping(entry) ? entryProblems(entry, origin) : [`${origin}: expected a mapping with an id and a reason`];
    problems.push(...found);
    return found.length ? [] : [toWaiver(entry as Raw, origin)];
  });
  throwIfProblems(problems);
  return waivers;
}

function entryProblems(entry: Raw, origin: string): string[] {
  const problems = unknownKeys(entry, KEYS, origin);
  if (typeof entry.id !== 'string' || !entry.id.trim()) problems.push(`${origin}: needs an id (a case ID, as "xmpp-certify list" prints it)`);
  if (typeof entry.reason !== 'string' || !entry.reason.trim()) problems.push(`${origin}: needs a reason`);
  if (entry.expires !== undefined && !isDay(dayText(entry.expires))) problems.push(`${origin}: expires "${dayText(entry.expires)}" is not a date (YYYY-MM-DD)`);
  if (entry.target !== undefined && typeof entry.target !== 'string') problems.push(`${origin}: target must be the name of a target`);
  if (entry.transport !== undefined && !TRANSPORTS.includes(String(entry.transport))) {
    problems.push(`${origin}: transport "${String(entry.transport)}" is not one of ${TRANSPORTS.join(', ')}${didYouMean(String(entry.transport), TRANSPORTS)}`);
  }
  return problems;
}

function toWaiver(entry: Raw, origin: string): WaiverEntry {
  return {
    id: entry.id as string,
    reason: entry.reason as string,
    expires: entry.expires === undefined ? undefined : dayText(entry.expires),
    target: entry.target as string | undefined,
    transport: entry.transport as TransportKind | undefined,
    origin,
  };
}

/** YAML may read an unquoted date as a Date. */
const dayText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** YYYY-MM-DD and a day the calendar has (not 2027-02-30). */
function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) && new Date(text).toISOString().slice(0, 10) === text;
}

/**
 * The waivers that name what does not exist: a case ID no suite defines (of any level: one
 * waiver file may serve several levels and roles, and a case of another level is merely not
 * run here, while an ID no suite has can never apply), or a target the run does not know.
 */
export function waiverReferenceProblems(waivers: readonly WaiverEntry[], scope: WaiverScope): string[] {
  const ids = new Set(scope.caseIds);
  const problems: string[] = [];
  for (const w of waivers) {
    if (!ids.has(w.id)) problems.push(`${w.origin}: no case has the ID "${w.id}"${didYouMean(w.id, scope.caseIds)}`);
    if (w.target !== undefined && !scope.targets.includes(w.target)) {
      problems.push(`${w.origin}: target "${w.target}" is not one of this run's targets (${scope.targets.join(', ')})${didYouMean(w.target, scope.targets)}`);
    }
  }
  return problems;
}
