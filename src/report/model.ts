import type { CitedText, Strength } from '../catalogue/citation.js';
import type { LevelId, Requirement, Role } from '../catalogue/levels.js';
import type { Baseline, SpecId } from '../catalogue/specs.js';
import type { SkipKind, TransportKind, Verdict } from '../vocabulary.js';
import type { TranscriptEntry } from '../evidence/transcript.js';

/**
 * The report of one run: what the JSON report holds, and what every other report is rendered
 * from. Documented as a JSON Schema in docs/report.schema.json; keep the two in step.
 */

export type { Verdict };

/** How a waiver met a case: it covered a failure, was not needed, or had run out. */
export interface WaiverNote {
  reason: string;
  expires?: string;
  status: 'applied' | 'unneeded' | 'expired';
  /** The verdict the case had before the waiver applied. */
  verdict: Verdict;
}

/** A check that did not hold, with the words of the spec's requirement and what was seen. */
export interface Finding {
  strength: 'must' | 'should' | 'may';
  expected: string;
  actual: string;
}

export interface CaseResult {
  id: string;
  spec: SpecId;
  /** "RFC 3920", "XEP-0045" under this run's baseline. */
  specName: string;
  /** The section in the cited text (citation.section; the catalogue ID's section when the text has no such rule). */
  section: string;
  /** The keyword of the cited sentence ("MUST", "MUST + SHOULD" for one judged in parts; empty when the text has no such rule). */
  keyword: string;
  /** How strongly a miss counts: from the keyword; at most 'should' for a rule only a later text states. */
  strength: Strength;
  /** The text judged by: document, version, section, keyword and the sentence that carries it. */
  citation: CitedText;
  /** What the case looks at: the target's behaviour, or only what it advertises (a disco feature). */
  evidence: 'behaviour' | 'advertisement';
  requirement: string;
  role: Role;
  transport: TransportKind;
  verdict: Verdict;
  /** One line: why it did not pass (for skip: why it does not apply). */
  reason?: string;
  /** For skips: not applicable, not run (how the run was set up), unproven, or unsupported by the client (SkipKind). */
  skipKind?: SkipKind;
  findings: Finding[];
  /** Observations that are not findings: which of several allowed outcomes happened, etc. */
  notes: string[];
  waiver?: WaiverNote;
  /** Set when the case ran several times (it failed or erred the first time) and not every run agreed. */
  intermittent?: { failed: number; runs: number };
  startedAt: string;
  durationMs: number;
  transcript: TranscriptEntry[];
}

export type SpecVerdict = 'pass' | 'fail' | 'warn' | 'incomplete' | 'absent' | 'untested';

export interface SupportReport {
  supported: boolean | null;
  advertised: boolean | null;
  entity: string | null;
  detail: string;
  transcript: TranscriptEntry[];
}

export interface SpecResult {
  spec: SpecId;
  name: string;
  title: string;
  /** The version judged (a XEP: the one in force when the level was approved); none for the RFCs. */
  version?: string;
  url: string;
  requirement: Requirement;
  via: LevelId;
  note?: string;
  scope?: string[];
  verdict: SpecVerdict;
  /** Whether the spec's feature was found, by behaviour, and whether disco advertised it. */
  support: SupportReport | null;
  counts: Record<Verdict, number>;
  cases: CaseResult[];
}

export type LevelVerdict = 'pass' | 'fail' | 'incomplete';

export interface TargetReport {
  host: string;
  port: number;
  domain: string;
  transports: TransportKind[];
  boshUrl?: string;
  tls: { verification: 'verified' | 'insecure'; ca?: string };
  accounts: 'given' | 'registered';
  /** From XEP-0092 when the server (or the client under test) answers it. */
  software?: { name: string; version: string; os?: string };
  /**
   * Client levels: how the client was reached. listen: the tool was its server, at host:port;
   * peer: the tool was another account on the client's server, at host:port. Its full JID once seen.
   */
  client?: { mode: 'listen' | 'peer'; jid?: string };
}

export interface RunReport {
  tool: { name: 'xmpp-certify'; version: string };
  /** The name the target was given (--target NAME=HOST:PORT); its host:port otherwise. */
  name: string;
  /** Command line with secrets replaced. */
  command: string;
  level: {
    id: LevelId;
    xep: string;
    title: string;
    role: Role;
    baseline: Baseline;
    /** --only: the case ID prefixes run. The verdict is then on those cases, not on the level. */
    selection?: string[];
    verdict: LevelVerdict;
    /** Why the level did not pass, or the warnings that did not stop it. */
    reasons: string[];
    warnings: string[];
  };
  target: TargetReport;
  startedAt: string;
  finishedAt: string | null;
  /** False while the run is in progress or when it was interrupted. */
  complete: boolean;
  /** Set when no case could run at all (nothing listens, not XMPP, an untrusted certificate, a refused password): why, in one line. */
  unusable?: string;
  interruption?: string;
  /** Which cases the tool knew: their number and a hash of their IDs, keywords and texts. */
  catalogue: { cases: number; hash: string };
  /** Cases the run planned; results arrive as they finish. Copies over a transport the target lacks stop counting once the probes have run. */
  planned: number;
  specs: SpecResult[];
  totals: Record<Verdict, number>;
  stats?: RunStats;
}

/** What the run cost, measured by the tool itself. */
export interface RunStats {
  wallMs: number;
  casesPerSecond: number;
  /** Peak resident memory of the tool's process. */
  peakRssBytes: number;
  /** Successful SASL authentications. */
  logins: number;
  /** TCP connections and BOSH sessions opened. */
  connections: number;
  /** Logins spared: a case took a quiet session an earlier case had logged in (0 with --no-session-reuse). */
  reusedSessions: number;
  /** How many cases ran at once, and how the run throttled itself on signs of overload. */
  throttle?: ThrottleStats;
}

/** How many cases ran at once: the run adapts within bounds (--concurrency) and backs off on signs of overload. */
export interface ThrottleStats {
  /** The bounds the run adapted within, and where it started. */
  min: number;
  max: number;
  start: number;
  peak: number;
  lowest: number;
  /** Where it was when the run ended. */
  final: number;
  /** Times the run lowered its concurrency on signs of overload. */
  backoffs: number;
  /** Tries of cases run again because a sign of overload spoiled them (not judged). */
  retries: number;
  /** The distinct signs of overload seen, in the order first seen (at most five). */
  signs: string[];
}

/** "XEP-0045 v1.24": the spec and the version judged (the RFCs: the name alone). */
export function specLabel(spec: Pick<SpecResult, 'name' | 'version'>): string {
  return spec.version ? `${spec.name} v${spec.version}` : spec.name;
}

/** What a level verdict is a verdict on: "Level XEP-0243 Advanced Server", or the cases a partial run selected. */
export function verdictSubject(level: Pick<RunReport['level'], 'xep' | 'title' | 'selection'>): string {
  const name = `${level.xep} ${level.title}`;
  return level.selection ? `Cases ${level.selection.map((p) => `${p}*`).join(', ')} of ${name} (a partial run, not a verdict on the level)` : `Level ${name}`;
}
