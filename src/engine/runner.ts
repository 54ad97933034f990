import { setMaxListeners } from 'node:events';
import type { ResolvedSpec, Role } from '../catalogue/levels.js';
import { specInfo, type Baseline } from '../catalogue/specs.js';
import type { CaseResult, SupportReport, Verdict } from '../report/model.js';
import { ExpectationError } from '../session/session.js';
import type { AccountPool } from './accounts.js';
import { citationLabel, citationStrength, citedText, entryFor, entryKey, type CitedText } from '../catalogue/citation.js';
import { TRANSPORT_SPEC, type CaseDefinition, type SupportFinding, type Suite, type TransportKind } from './case.js';
import { CaseContext, type RunEnvironment } from './context.js';
import { preflight } from './preflight.js';
import { RegistrationRefused } from './registration.js';
import { Nonconformance, Skip, TargetSilent, ToolError, type SkipKind, type Strength } from './errors.js';
import { overloadSign } from './overload.js';
import { Throttle, type ConcurrencyBounds, type ThrottleStats } from './throttle.js';
import type { TranscriptEntry } from '../evidence/transcript.js';

/** One case as a run will execute it: the definition, its spec row, the transport, and the text it is judged by. */
export interface PlannedCase {
  def: CaseDefinition;
  row: ResolvedSpec;
  transport: TransportKind;
  /** The text the run judges the case by (the baseline's RFC, the XEP version the level cites); undefined when the case has no citation for it (a defect the suite checks catch). */
  citation?: CitedText;
  /** How strongly a miss counts, from the citation's keyword. */
  strength: Strength;
}

/**
 * Every case a level runs, in catalogue order: the cases of each spec the level names, for the
 * role under test and the baseline, within the level's scope, once per transport they apply to.
 */
export function planCases(rows: ResolvedSpec[], suites: readonly Suite[], role: Role, baseline: Baseline, transports: TransportKind[]): PlannedCase[] {
  const planned: PlannedCase[] = [];
  for (const row of rows) {
    const suite = suites.find((s) => s.spec === row.spec && s.role === role);
    if (!suite) continue;
    for (const def of suite.cases) {
      if (def.role !== role) continue;
      if (row.scope && def.scope && !row.scope.includes(def.scope)) continue;
      const entry = entryFor(def.cite, entryKey(def.spec, baseline, row.version));
      const citation = entry && citedText(def.spec, entry, baseline, row.version);
      const strength = (entry && citationStrength(entry)) ?? 'must';
      for (const transport of def.transports ?? ['tcp']) {
        if (!transports.includes(transport)) continue;
        planned.push({ def, row, transport, citation, strength });
      }
    }
  }
  return planned;
}

export interface RunnerOptions {
  env: RunEnvironment;
  role: Role;
  /** Every spec the level names (a suite that identifies the target is probed even without cases). */
  levelSpecs: ReadonlySet<string>;
  pool: AccountPool;
  suites: readonly Suite[];
  /** Cases at once: where to start, and the bounds the run adapts within (see Throttle). */
  concurrency: ConcurrencyBounds;
  caseTimeoutMs: number;
  /** Aborted on SIGINT/SIGTERM or the global --timeout: no new case starts, running ones stop. */
  signal: AbortSignal;
  onSupport?(spec: string, report: SupportReport): void;
  onResult?(result: CaseResult): void;
  /** The number of cases that will run, once copies over transports the target lacks are dropped. */
  onPlanned?(count: number): void;
  /** Gets the target ready before anything runs (a client under test logs in); a reason when it cannot be. */
  ready?(): Promise<string | undefined>;
  /**
   * How many more times a case that failed or erred runs, once the others are done
   * (--reruns, default 2): a target that fails only now and then is reported as intermittent,
   * the same way on every run, instead of flipping between verdicts. 0: judge the first run.
   */
  reruns?: number;
  /** When the run must end (--timeout, as Date.now() time): a re-run starts only if it can finish before. */
  deadline?: number;
}

interface InternalOptions extends RunnerOptions {
  /** Controllers of the cases in flight. */
  active: Set<AbortController>;
  /** Settles when the run is stopped. */
  stopped: Promise<'aborted'>;
  /** How many cases may run at once, as the target's behaviour allows. */
  throttle: Throttle;
}

export interface SpecSupport {
  report: SupportReport;
  facts: Map<string, string>;
  /** What the target said it is, when the probe asked. */
  software?: SupportFinding['software'];
  /** The probe could not run here (no BOSH URL given, …): the spec's cases are skipped alike. */
  skipped?: { reason: string; kind: SkipKind };
}

/** Runs the spec probes, then the cases; returns the support found per spec and every result. */
export async function runPlan(plan: PlannedCase[], runnerOptions: RunnerOptions): Promise<{ support: Map<string, SpecSupport>; results: CaseResult[]; unusable?: string; throttle: ThrottleStats }> {
  // one listener on the run's signal stops every case in flight
  const active = new Set<AbortController>();
  const stopped = new Promise<'aborted'>((resolve) => {
    const stop = (): void => {
      for (const c of active) c.abort(runnerOptions.signal.reason);
      resolve('aborted');
    };
    if (runnerOptions.signal.aborted) stop();
    else runnerOptions.signal.addEventListener('abort', stop, { once: true });
  });
  const options: InternalOptions = { ...runnerOptions, active, stopped, throttle: new Throttle(runnerOptions.concurrency, runnerOptions.signal) };
  const unusable = options.ready ? await options.ready() : (await preflight(options.env, options.signal)) ?? await checkAccounts(options);
  if (unusable) {
    const results = plan.map((item) => notRun(item, options, `not run: ${unusable}`));
    for (const r of results) options.onResult?.(r);
    await options.pool.drain(options.env.sessions);
    return { support: new Map(), results, unusable, throttle: options.throttle.report() };
  }
  const support = await probeSpecs(plan, options);
  // copies of cases over a transport the target does not offer would only repeat one absence
  const runnable = plan.filter((p) => {
    const spec = TRANSPORT_SPEC[p.transport];
    return spec === undefined || support.get(spec)?.report.supported !== false;
  });
  if (runnable.length < plan.length) options.onPlanned?.(runnable.length);
  // the long ones first, so that they overlap the many short ones instead of trailing them
  runnable.sort((a, b) => (b.def.takesSeconds ?? 0) - (a.def.takesSeconds ?? 0));
  const results: CaseResult[] = [];
  // failures, errors and warnings wait for their re-runs before they are reported
  const held: { item: PlannedCase; result: CaseResult; overloaded: boolean }[] = [];
  const report = (item: PlannedCase, result: CaseResult, overloaded: boolean): void => {
    if (rerunnable(result, options)) {
      held.push({ item, result, overloaded });
      return;
    }
    results.push(result);
    options.onResult?.(result);
  };
  // every case queues for the throttle at once, in order; retries queue again at the end
  await Promise.all(runnable.map(async (item) => {
    const { value, spoiledBy, overloaded } = await throttled(options, () => options.signal.aborted
      ? Promise.resolve(notRun(item, options, `not run: ${abortReason(options.signal)}`))
      : runCase(item, support.get(item.def.spec), options), (r) => ({ passed: !notPassed(r), reason: r.reason, transcript: r.transcript }));
    report(item, withOverloadNotes(value, spoiledBy, overloaded), overloaded);
  }));
  // once every other case is done, a few at a time: the load under which they failed is gone;
  // those that showed overload on every try go last, one at a time: judged as the target behaves alone
  held.sort((a, b) => Number(a.overloaded) - Number(b.overloaded) || plan.indexOf(a.item) - plan.indexOf(b.item));
  const rerunAll = async (batch: typeof held, concurrency: number): Promise<void> => {
    let next = 0;
    const rerunner = async (): Promise<void> => {
      while (next < batch.length) {
        const { item, result } = batch[next++]!;
        const final = await rerun(item, result, support.get(item.def.spec), options);
        results.push(final);
        options.onResult?.(final);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, rerunner));
  };
  await rerunAll(held.filter((h) => !h.overloaded), Math.min(RERUN_CONCURRENCY, options.throttle.current));
  await rerunAll(held.filter((h) => h.overloaded), 1);
  await options.pool.drain(options.env.sessions);
  return { support, results, throttle: options.throttle.report() };
}

/** Cases run again at once: few enough that the load under which they failed is gone. */
const RERUN_CONCURRENCY = 4;

/** Tries of a case spoiled by signs of overload that are run again before the case is judged as it is. */
const OVERLOAD_RETRIES = 3;

/** The pause before the next try of a spoiled case: 0.5 s, 1 s, 2 s, with some spread so that retries do not arrive together. */
const backoffMs = (retry: number): number => 500 * 2 ** retry * (0.75 + Math.random() / 2);

/**
 * Runs `run` when the throttle lets it, and again (after a pause, with fewer cases at once) while
 * a try that did not pass shows a sign of overload, up to OVERLOAD_RETRIES more times.
 * `spoiledBy`: the signs of the tries not judged; `overloaded`: the last try showed one too.
 */
async function throttled<T>(
  options: InternalOptions,
  run: () => Promise<T>,
  evidence: (value: T) => { passed: boolean; reason?: string; transcript: readonly TranscriptEntry[] },
): Promise<{ value: T; spoiledBy: string[]; overloaded: boolean }> {
  const spoiledBy: string[] = [];
  for (let retry = 0; ; retry++) {
    await options.throttle.acquire();
    const value = await run();
    const { passed, reason, transcript } = evidence(value);
    options.throttle.release(transcript);
    const sign = passed || options.signal.aborted ? undefined : overloadSign({ reason, transcript });
    if (!sign) return { value, spoiledBy, overloaded: false };
    options.throttle.overloaded(sign);
    if (retry >= OVERLOAD_RETRIES) return { value, spoiledBy, overloaded: true };
    spoiledBy.push(sign);
    options.throttle.retried();
    await pause(backoffMs(retry), options.signal);
  }
}

/** What the report says of tries spoiled by signs of overload. */
function withOverloadNotes(result: CaseResult, spoiledBy: string[], overloaded: boolean): CaseResult {
  const notes = [...result.notes];
  if (spoiledBy.length) notes.push(`tried ${spoiledBy.length + 1} times: ${spoiledBy.length === 1 ? 'an earlier try' : `${spoiledBy.length} earlier tries`} showed signs of overload (${[...new Set(spoiledBy)].join(', ')}) and ${spoiledBy.length === 1 ? 'was' : 'were'} not judged; the run lowered its concurrency`);
  if (overloaded) notes.push('this try showed signs of overload too: the case is judged as the target behaved (and run again alone after the others, when --reruns allows)');
  return notes.length === result.notes.length ? result : { ...result, notes };
}

/** Resolves after `ms`, or at once when the run is stopped. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** A failure or error worth running again: not when the run was stopped or found the target silent. */
function rerunnable(result: CaseResult, options: InternalOptions): boolean {
  if ((options.reruns ?? 0) <= 0 || options.signal.aborted || options.env.silentTarget?.reason) return false;
  return notPassed(result);
}

/** A run that did not pass: a failure, an error, or a SHOULD not met (a warning flips as a failure does). */
const notPassed = (r: CaseResult): boolean => r.verdict === 'fail' || r.verdict === 'error' || r.verdict === 'warn';

/**
 * Runs a case that failed, erred or warned again, once the other cases are done (beside at most
 * RERUN_CONCURRENCY - 1 others doing the same), up to `reruns` more times, and judges it by all
 * its runs: the same outcome again settles it at once; a pass makes it intermittent, and the
 * remaining runs decide. Later runs that all pass give PASS (the failure came under the load of
 * the whole run, and the report says so); any later failure gives the failure, marked intermittent.
 */
async function rerun(item: PlannedCase, first: CaseResult, spec: SpecSupport | undefined, options: InternalOptions): Promise<CaseResult> {
  const runs: CaseResult[] = [first];
  const timeLeft = (): boolean => options.deadline === undefined || Date.now() + Math.max(options.caseTimeoutMs, item.def.timeoutMs ?? 0) < options.deadline;
  for (let i = 0; i < (options.reruns ?? 0) && !options.signal.aborted; i++) {
    if (!timeLeft()) {
      runs[runs.length - 1] = { ...runs[runs.length - 1]!, notes: [...runs[runs.length - 1]!.notes, 'not run again: the run\'s --timeout leaves no time for it'] };
      break;
    }
    const again = await runCase(item, spec, options);
    runs.push(again);
    // failing the same way again: not intermittent, nothing more to learn
    if (i === 0 && again.verdict === first.verdict) break;
  }
  const bad = runs.filter(notPassed);
  if (bad.length === runs.length) {
    const last = runs[runs.length - 1]!;
    return runs.length === 1 ? last : { ...last, notes: [...last.notes, `run ${runs.length} times, the others after the rest of the run: ${last.verdict} every time`] };
  }
  const later = runs.slice(1);
  const tally = `intermittent: did not pass ${bad.length} of ${runs.length} runs (the first under the load of the whole run, the others after it)`;
  const firstBad = `first run: ${first.verdict.toUpperCase()}: ${first.reason ?? ''}`;
  const intermittent = { failed: bad.length, runs: runs.length };
  const laterBad = later.find((r) => r.verdict === 'fail') ?? later.find((r) => r.verdict === 'error') ?? later.find((r) => r.verdict === 'warn');
  if (!laterBad) {
    const passed = later[later.length - 1]!;
    return { ...passed, intermittent, notes: [...passed.notes, tally, firstBad] };
  }
  return { ...laterBad, intermittent, reason: `${tally}; ${laterBad.reason ?? ''}`, notes: [...laterBad.notes, firstBad] };
}

/**
 * Checks the accounts before anything else. Each given account logs in once: a password the
 * server refuses would turn every case into the same error, so the run stops at once, having
 * tried it once (it can never lock the account). With --register, one account is registered
 * (and handed on to the first case): a server that refuses registration stops the run just as
 * early, instead of every case trying. Other failures are left to the cases, which report them.
 */
async function checkAccounts(options: InternalOptions): Promise<string | undefined> {
  if (options.signal.aborted) return undefined;
  const given = options.pool.givenAccounts;
  if (given.length === 0) {
    try {
      options.pool.release(await options.pool.lease(1, options.signal));
      return undefined;
    } catch (err) {
      const refusal = err instanceof Error && err.cause instanceof RegistrationRefused ? err.cause : undefined;
      if (!refusal) noteSilence(options, [err]);
      return refusal && `--register: ${refusal.message}; give accounts with --account instead`;
    }
  }
  let failures: unknown[] = [];
  await withCase(options, { n: given.length }, 'tcp', { strength: 'should' }, async (t) => {
    const settled = await Promise.allSettled(t.accounts.map((a) => t.login(a)));
    failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []));
  });
  const refused = given.filter((a) => options.env.refusedLogins?.has(a.jid)).map((a) => a.jid);
  if (refused.length === 0) {
    if (failures.length === given.length) noteSilence(options, failures);
    return undefined;
  }
  return `the server refused the password of ${refused.join(', ')} (SASL <not-authorized/>); each was tried once only, so no account is locked out`;
}

/**
 * When every login of the account check waited in vain (no stream header, no TLS handshake,
 * no answer), later cases that need an account fail at once with that reason.
 */
function noteSilence(options: InternalOptions, failures: unknown[]): void {
  if (!options.env.silentTarget || failures.length === 0 || !failures.every(isSilence)) return;
  const first = failures[0] as Error;
  options.env.silentTarget.reason = `the target did not answer the account check before the run (${first.message})`;
}

/** True when a failure is a deadline the target let pass, not something it answered. */
function isSilence(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof ExpectationError) return e.reason === 'timeout';
    if (e instanceof TargetSilent) return true;
  }
  return false;
}

async function probeSpecs(plan: PlannedCase[], options: InternalOptions): Promise<Map<string, SpecSupport>> {
  const identifying = options.suites.filter((s) => s.identifiesTarget && s.role === options.role && options.levelSpecs.has(s.spec)).map((s) => s.spec);
  const specs = [...new Set([...plan.map((p) => p.def.spec), ...identifying])];
  const support = new Map<string, SpecSupport>();
  await Promise.all(specs.map(async (spec) => {
    const suite = options.suites.find((s) => s.spec === spec && s.role === options.role);
    if (!suite?.probe || options.signal.aborted) return;
    const probe = suite.probe;
    const { value: outcome } = await throttled(options, () => withCase(options, { n: 1 }, 'tcp', { strength: 'should' }, async (t) => {
      const finding: SupportFinding = await probe(t);
      return finding;
    }), (o) => ({ passed: o.verdict === undefined || o.verdict.verdict === 'skip', reason: o.error, transcript: o.context?.transcript.entries ?? [] }));
    const finding = outcome.value;
    const skipped = outcome.verdict?.verdict === 'skip' ? outcome.verdict : undefined;
    const report: SupportReport = finding
      ? { supported: finding.supported, advertised: finding.advertised ?? null, entity: finding.entity ?? null, detail: finding.detail, transcript: [...outcome.context?.transcript.entries ?? []] }
      : { supported: null, advertised: null, entity: null, detail: skipped ? skipped.reason : `the support probe failed: ${outcome.error ?? 'unknown error'}`, transcript: [...outcome.context?.transcript.entries ?? []] };
    support.set(spec, { report, facts: new Map(Object.entries(finding?.facts ?? {})), software: finding?.software, skipped: skipped && { reason: skipped.reason, kind: skipped.skipKind ?? 'not-run' } });
    options.onSupport?.(spec, report);
  }));
  return support;
}

async function runCase(item: PlannedCase, spec: SpecSupport | undefined, options: InternalOptions): Promise<CaseResult> {
  const started = new Date();
  const t0 = performance.now();
  const needsSupport = item.def.needsSupport ?? true;
  if (needsSupport && spec && spec.report.supported === false) {
    return finish(item, options, started, t0, { verdict: 'skip', skipKind: 'not-applicable', reason: `${specInfo(item.def.spec).name(options.env.baseline)} is not supported by the target: ${spec.report.detail}` });
  }
  if (needsSupport && spec?.skipped) {
    return finish(item, options, started, t0, { verdict: 'skip', skipKind: spec.skipped.kind, reason: spec.skipped.reason });
  }
  if (needsSupport && spec && spec.report.supported === null) {
    return finish(item, options, started, t0, { verdict: 'error', reason: spec.report.detail });
  }
  if (!item.citation) {
    return finish(item, options, started, t0, { verdict: 'error', reason: `tool error: ${item.def.id} has no citation for the text this run judges by (${entryKey(item.def.spec, options.env.baseline, item.row.version)})` });
  }
  if (item.citation.absent !== undefined && !item.citation.later) {
    return finish(item, options, started, t0, { verdict: 'skip', skipKind: 'not-applicable', reason: `not in ${citationLabel(item.citation)}: ${item.citation.absent}` });
  }
  if (item.def.slow && !options.env.includeSlow) {
    return finish(item, options, started, t0, { verdict: 'skip', skipKind: 'not-run', reason: `waits about ${item.def.slow.seconds} s for ${item.def.slow.why}; run with --slow` });
  }
  const strength = item.strength;
  // a case that needs longer than the usual deadline says so; a longer --case-timeout still wins
  const timeoutMs = Math.max(options.caseTimeoutMs, item.def.timeoutMs ?? 0);
  // a rule only a later text states is judged for information: no check of it fails the target
  const ceiling = item.citation.later ? 'should' : 'must';
  const outcome = await withCase(options, { n: item.def.accounts ?? 0, fresh: item.def.freshAccounts }, item.transport, { strength, ceiling, citation: item.citation }, (t) => item.def.run(t), spec?.facts, timeoutMs);
  const t = outcome.context;
  const base = { findings: t?.findings ?? [], notes: t?.notes ?? [], transcript: [...t?.transcript.entries ?? []] };
  if (outcome.verdict) return finish(item, options, started, t0, { ...base, ...outcome.verdict });
  const warned = base.findings.some((f) => f.strength === 'should');
  return finish(item, options, started, t0, {
    ...base,
    verdict: warned ? 'warn' : 'pass',
    reason: warned ? `SHOULD not met: expected ${base.findings.find((f) => f.strength === 'should')!.expected}` : undefined,
  });
}

interface Outcome<T> {
  value?: T;
  context?: CaseContext;
  /** Set when the body did not complete normally. */
  verdict?: { verdict: Verdict; reason: string; skipKind?: CaseResult['skipKind']; findings?: CaseResult['findings'] };
  error?: string;
}

/**
 * Leases accounts, builds a context, runs `body` under the case deadline and the run's abort
 * signal, then cleans up and releases. Classifies how the body ended.
 */
async function withCase<T>(
  options: InternalOptions,
  accountsNeeded: { n: number; fresh?: boolean },
  transport: TransportKind,
  judging: { strength: Strength; ceiling?: Strength; citation?: CitedText },
  body: (t: CaseContext) => Promise<T>,
  facts: Map<string, string> = new Map(),
  timeoutMs = options.caseTimeoutMs,
): Promise<Outcome<T>> {
  const { strength } = judging;
  const silence = options.env.silentTarget?.reason;
  if (silence && accountsNeeded.n > 0) return { verdict: { verdict: 'skip', skipKind: 'not-run', reason: `not run: ${silence}` }, error: `not run: ${silence}` };
  const controller = new AbortController();
  // every session of the case listens for the abort; some cases open a dozen
  setMaxListeners(64, controller.signal);
  options.active.add(controller);
  let timer: NodeJS.Timeout | undefined;
  let accounts: Awaited<ReturnType<AccountPool['lease']>> = [];
  let context: CaseContext | undefined;
  let stopped = false;
  try {
    // waiting for accounts other cases hold is not the case's time: its deadline starts after
    const sessions = options.env.sessions;
    const lease = options.pool.lease(accountsNeeded.n, controller.signal, accountsNeeded.fresh, (a) => sessions?.holds(a, transport) ?? false);
    const leased = await Promise.race([lease, options.stopped]);
    if (leased === 'aborted') {
      controller.abort();
      return { verdict: { verdict: 'skip', skipKind: 'not-run', reason: `not run: ${abortReason(options.signal)}` } };
    }
    accounts = leased;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), timeoutMs);
    });
    context = new CaseContext(options.env, accounts, transport, facts, controller.signal, { ...judging, pristine: (a) => options.pool.isPristine(a) });
    const ctx = context;
    // client cases run one at a time, each recording the client's wire into its own transcript
    options.env.client?.attach(ctx.transcript);
    const raced = await Promise.race([
      body(ctx).then((value) => ({ value }), (err: unknown) => ({ err })),
      deadline,
      options.stopped,
    ]);
    if (raced === 'deadline') {
      stopped = true;
      return { context, verdict: { verdict: 'error', reason: `the case did not finish within its deadline of ${timeoutMs} ms` } };
    }
    if (raced === 'aborted') {
      stopped = true;
      return { context, verdict: { verdict: 'error', reason: `interrupted: ${abortReason(options.signal)}` } };
    }
    if ('err' in raced) return { context, ...classify(raced.err, strength, ctx) };
    return { context, value: raced.value };
  } catch (err) {
    return { context, ...classify(err, strength, context) };
  } finally {
    clearTimeout(timer);
    options.active.delete(controller);
    // the body may still be running after a deadline: it may not connect any more
    controller.abort();
    if (context) await context.finish(Math.min(timeoutMs, 5000), stopped);
    options.env.client?.attach(undefined);
    options.pool.release(accounts);
  }
}

function classify(err: unknown, strength: Strength, t: CaseContext | undefined): Pick<Outcome<never>, 'verdict' | 'error'> {
  const findings = [...(t?.findings ?? [])];
  if (err instanceof Skip) {
    return { verdict: { verdict: 'skip', reason: err.reason, skipKind: err.kind } };
  }
  if (err instanceof Nonconformance) {
    findings.push({ strength: err.strength, expected: err.expected, actual: err.actual });
    return { verdict: { verdict: 'fail', reason: `expected ${err.expected}; got ${err.actual}`, findings } };
  }
  if (err instanceof ExpectationError) {
    // a wait in the body of the case: the target did not do what the requirement demands; what
    // a text only allows (MAY) not done is no verdict either way, never a pass on nothing
    if (strength === 'may') return { verdict: { verdict: 'skip', skipKind: 'not-applicable', reason: `the target does not do what the text allows (MAY): expected ${err.expected}; ${err.actual}` } };
    findings.push({ strength, expected: err.expected, actual: err.actual });
    const verdict: Verdict = strength === 'must' ? 'fail' : 'warn';
    return { verdict: { verdict, reason: `expected ${err.expected}; ${err.actual}`, findings } };
  }
  if (err instanceof ToolError) return { verdict: { verdict: 'error', reason: err.message }, error: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { verdict: { verdict: 'error', reason: `tool error: ${message}` }, error: message };
}

/** A case the run could not exercise: the one way to say "not run" (a skip that leaves a MUST unexercised). */
function notRun(item: PlannedCase, options: RunnerOptions, reason: string): CaseResult {
  return finish(item, options, new Date(), performance.now(), { verdict: 'skip', skipKind: 'not-run', reason });
}

function abortReason(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'the run was stopped');
}

function finish(
  item: PlannedCase,
  options: RunnerOptions,
  started: Date,
  t0: number,
  outcome: Partial<Pick<CaseResult, 'findings' | 'notes' | 'transcript'>> & Pick<CaseResult, 'verdict'> & Partial<Pick<CaseResult, 'reason' | 'skipKind'>>,
): CaseResult {
  const citation = item.citation ?? { doc: specInfo(item.def.spec).name(options.env.baseline), version: item.row.version, section: '', keyword: '', url: '', absent: 'no citation' };
  return {
    id: item.def.id,
    spec: item.def.spec,
    specName: specInfo(item.def.spec).name(options.env.baseline),
    section: citation.section || catalogueSection(item.def.id),
    keyword: citation.keyword,
    strength: item.strength,
    citation,
    evidence: item.def.evidence ?? 'behaviour',
    requirement: item.def.requirement,
    role: item.def.role,
    transport: item.transport,
    verdict: outcome.verdict,
    // one line, whatever a TLS library or a peer put in the message
    reason: outcome.reason ? options.env.redactor.redact(outcome.reason).replace(/\s*\n\s*/g, ' ') : undefined,
    skipKind: outcome.skipKind,
    findings: outcome.findings ?? [],
    notes: outcome.notes ?? [],
    startedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    transcript: outcome.transcript ?? [],
  };
}

/** The section an ID names, in the catalogue's numbering: RFC6120-4.7.1-1 → 4.7.1. */
export function catalogueSection(id: string): string {
  return /^[A-Z]+\d+-(.+)-\d+$/.exec(id)?.[1] ?? '';
}
