import crypto from 'node:crypto';
import type { Level, ResolvedSpec, Role } from '../catalogue/levels.js';
import { resolveLevel } from '../catalogue/levels.js';
import { specInfo, type Baseline } from '../catalogue/specs.js';
import { documentUrl } from '../catalogue/citation.js';
import type { CaseResult, RunReport, SpecResult, SupportReport, TargetReport } from '../report/model.js';
import { AccountPool, type Account } from './accounts.js';
import type { Suite, TransportKind } from './case.js';
import type { RunEnvironment } from './environment.js';
import { InBandRegistrar } from './registration.js';
import { SessionPool } from './session-pool.js';
import { applyWaiver, type Waiver } from './waivers.js';
import { planCases, runPlan } from './runner.js';
import { atMost, type ConcurrencyBounds } from './throttle.js';
import { countVerdicts, levelVerdict, selectionVerdict, specVerdict } from './verdict.js';

export const TOOL_VERSION = '0.1.0';

export interface CertifyOptions {
  /** The target's name in reports (--target NAME=HOST:PORT). */
  name: string;
  level: Level;
  role: Role;
  env: RunEnvironment;
  suites: readonly Suite[];
  /** --only: the ID prefixes the suites were narrowed to; the verdict is then the selection's, not the level's. */
  selection?: string[];
  accounts: Account[];
  register: boolean;
  transports: TransportKind[];
  boshUrl?: string;
  /** Cases at once: the bounds the run adapts within (--concurrency MIN-MAX, the default), or N: at most N. */
  concurrency: ConcurrencyBounds | number;
  caseTimeoutMs: number;
  /** Command line for the report, secrets already replaced. */
  command: string;
  tlsReport: TargetReport['tls'];
  /** Stops the run (SIGINT, SIGTERM, --timeout); the report is still completed. */
  signal: AbortSignal;
  /** Known deviations accepted for this run (--waivers). */
  waivers?: readonly Waiver[];
  /** Called whenever the report changed: a result came in, or the run ended. */
  onUpdate?(report: RunReport, latest?: CaseResult): void;
  /** Client levels: gets the client under test logged in; a reason when it does not. */
  ready?(): Promise<string | undefined>;
  /** Hand quiet logged-in sessions from case to case (SessionPool); false: every login is new. Default true. */
  reuseSessions?: boolean;
  /** How many more times a failing case runs, after the others, before it is judged (RunnerOptions.reruns); default 2. */
  reruns?: number;
  /** When the run must end (Date.now() time), for re-runs. */
  deadline?: number;
}

/**
 * Certifies one target at one level: plans the cases, runs them, and keeps a RunReport up to
 * date as results arrive, so that an interrupted run still leaves a valid report.
 */
export async function certify(options: CertifyOptions): Promise<RunReport> {
  const { level, role, env } = options;
  const baseline: Baseline = env.baseline;
  const levelRows = resolveLevel(level, role, baseline);
  const plan = planCases(levelRows, options.suites, role, baseline, options.transports);
  // a partial run reports the specs it selected cases of, not empty rows for the others
  const rows = options.selection ? levelRows.filter((row) => plan.some((p) => p.row.spec === row.spec)) : levelRows;
  const report = emptyReport(options, rows, plan.length);
  const counters = { logins: 0, connections: 0 };
  const started = performance.now();
  const position = new Map(plan.map((p, i) => [caseKey(p.def.id, p.transport), i]));
  const pool = new AccountPool(options.accounts, options.register ? new InBandRegistrar(env.target, env.limits, env.redactor, 'certify', counters) : undefined);
  const supports = new Map<string, SupportReport>();
  const results: CaseResult[] = [];
  const bySpec = new Map<string, CaseResult[]>();
  const sessions = options.reuseSessions === false ? undefined : new SessionPool(env.redactor);

  const refresh = (latest?: CaseResult): void => {
    rollUp(report, rows, results, bySpec, supports);
    options.onUpdate?.(report, latest);
  };

  const { support, unusable, throttle } = await runPlan(plan, {
    role,
    // one memory of refused credentials per run and target
    env: { ...env, refusedLogins: new Set(), silentTarget: {}, sessions, counters },
    levelSpecs: new Set(levelRows.map((r) => r.spec)),
    pool,
    suites: options.suites,
    // a client under test is one program: its cases take turns
    concurrency: role === 'client' ? atMost(1) : typeof options.concurrency === 'number' ? atMost(options.concurrency) : options.concurrency,
    // a client case may wait for a user action and for its proof on top of its own steps
    caseTimeoutMs: options.caseTimeoutMs + (env.actions ? 2 * (env.actionTimeoutMs ?? 0) : 0),
    signal: options.signal,
    ready: options.ready,
    reruns: options.reruns ?? 2,
    deadline: options.deadline,
    onSupport: (spec, s) => {
      supports.set(spec, s);
      refresh();
    },
    onPlanned: (count) => {
      report.planned = count;
      refresh();
    },
    onResult: (raw) => {
      const result = applyWaiver(raw, options.waivers ?? [], options.name);
      results.push(result);
      placeInPlanOrder(bySpec, result, position);
      refresh(result);
    },
  });
  // whichever probe found out what the target is
  const software = [...support.values()].find((s) => s.software)?.software;
  if (software) report.target.software = software;
  if (env.client?.connected) report.target.client = { mode: env.client.mode, jid: env.client.jid };
  report.target.transports = options.transports.filter((kind) => kind === 'tcp' || results.some((r) => r.transport === kind));
  report.finishedAt = new Date().toISOString();
  const wallMs = Math.round(performance.now() - started);
  report.stats = {
    wallMs,
    casesPerSecond: Number((results.length / Math.max(wallMs / 1000, 0.001)).toFixed(1)),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    logins: counters.logins,
    connections: counters.connections,
    reusedSessions: sessions?.reused ?? 0,
    throttle,
  };
  if (unusable) report.unusable = unusable;
  report.complete = !options.signal.aborted;
  if (options.signal.aborted) report.interruption = String((options.signal.reason as Error)?.message ?? options.signal.reason);
  refresh();
  return report;
}

/** Identifies the catalogue a run used, so two reports can be told apart or matched. */
export function catalogueSummary(suites: readonly Suite[]): RunReport['catalogue'] {
  const cases = suites.flatMap((s) => s.cases);
  const text = JSON.stringify(cases.map((c) => [c.id, c.spec, c.cite, c.requirement, c.role]));
  return { cases: cases.length, hash: `sha256:${crypto.createHash('sha256').update(text).digest('hex').slice(0, 16)}` };
}

const caseKey = (id: string, transport: TransportKind): string => `${id}|${transport}`;

function emptyReport(options: CertifyOptions, rows: ResolvedSpec[], planned: number): RunReport {
  const { level, role, env } = options;
  const report: RunReport = {
    tool: { name: 'xmpp-certify', version: TOOL_VERSION },
    name: options.name,
    command: options.command,
    level: { id: level.id, xep: level.xep, title: level.title, role, baseline: env.baseline, ...(options.selection ? { selection: options.selection } : {}), verdict: 'incomplete', reasons: [], warnings: [] },
    target: {
      host: env.target.endpoint.host,
      port: env.target.endpoint.port,
      domain: env.target.domain,
      transports: options.transports,
      boshUrl: options.boshUrl,
      tls: options.tlsReport,
      accounts: options.register ? 'registered' : 'given',
      client: env.client && { mode: env.client.mode },
    },
    startedAt: new Date().toISOString(),
    finishedAt: null,
    complete: false,
    catalogue: catalogueSummary(options.suites),
    planned,
    specs: [],
    totals: { pass: 0, fail: 0, warn: 0, skip: 0, error: 0, waived: 0 },
  };
  rollUp(report, rows, [], new Map(), new Map());
  return report;
}

/** Adds `result` to its spec's list where the plan (the catalogue order) has it. */
function placeInPlanOrder(bySpec: Map<string, CaseResult[]>, result: CaseResult, position: Map<string, number>): void {
  const at = (r: CaseResult): number => position.get(caseKey(r.id, r.transport)) ?? 0;
  const list = bySpec.get(result.spec) ?? [];
  bySpec.set(result.spec, list);
  let i = list.length;
  while (i > 0 && at(list[i - 1]!) > at(result)) i--;
  list.splice(i, 0, result);
}

function specResult(row: ResolvedSpec, baseline: Baseline, cases: CaseResult[], support: SupportReport | null): SpecResult {
  const info = specInfo(row.spec);
  return {
    spec: row.spec,
    name: info.name(baseline),
    title: info.title,
    version: row.version,
    url: row.version ? documentUrl(info.name(baseline), row.version) : info.url(baseline),
    requirement: row.requirement,
    via: row.via,
    note: row.note,
    scope: row.scope,
    verdict: specVerdict(cases, support),
    support,
    counts: countVerdicts(cases),
    cases,
  };
}

/** Recomputes every roll-up from the results so far (`bySpec`: each spec's, in plan order). */
function rollUp(report: RunReport, rows: ResolvedSpec[], results: CaseResult[], bySpec: Map<string, CaseResult[]>, supports: Map<string, SupportReport>): void {
  // a copy: the spec's list grows with later results, this report's must not
  report.specs = rows.map((row) => specResult(row, report.level.baseline, [...(bySpec.get(row.spec) ?? [])], supports.get(row.spec) ?? null));
  const outcomes = report.specs.map((s) => ({ row: rows.find((r) => r.spec === s.spec)!, name: s.name, verdict: s.verdict, cases: s.cases }));
  const level = report.level.selection ? selectionVerdict(outcomes) : levelVerdict(outcomes);
  report.level.verdict = report.complete || report.finishedAt ? level.verdict : level.verdict === 'fail' ? 'fail' : 'incomplete';
  report.level.reasons = level.reasons;
  // a case that failed once and passed when run again passes, and the summary says it did not always
  const flaky = results.filter((r) => r.intermittent && r.verdict === 'pass').map((r) => (r.transport === 'tcp' ? r.id : `${r.id} [${r.transport}]`));
  report.level.warnings = flaky.length ? [...level.warnings, `intermittent: ${flaky.join(', ')} did not pass the first time and passed when run again`] : level.warnings;
  report.totals = countVerdicts(results);
}
