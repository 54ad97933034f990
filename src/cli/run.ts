import fs from 'node:fs';
import path from 'node:path';
import { defaultRole, findLevel, levelBaseline, resolveLevel, type Level, type Role } from '../catalogue/levels.js';
import type { Baseline } from '../catalogue/specs.js';
import { TRANSPORT_SPEC, type Suite, type TransportKind } from '../engine/case.js';
import { certify } from '../engine/certify.js';
import { planCases } from '../engine/runner.js';
import type { ConcurrencyBounds } from '../engine/throttle.js';
import { notRunCount } from '../engine/verdict.js';
import { Redactor } from '../evidence/redact.js';
import { writeHtml } from '../report/html.js';
import { writeJson } from '../report/json.js';
import { type JunitOptions, type JunitWarnings, writeJunit } from '../report/junit.js';
import { writeMarkdown } from '../report/markdown.js';
import { badgeFile, writeBadges } from '../report/badge.js';
import { overallVerdict } from '../report/matrix.js';
import type { CaseResult, RunReport } from '../report/model.js';
import { Progress } from '../report/progress.js';
import { renderTerminal } from '../report/terminal.js';
import { isStandardOutput, isStreamDestination, unwritableReason } from '../report/write.js';
import type { SessionLimits } from '../session/session.js';
import { transportOpeners } from '../transport/openers.js';
import { TRANSPORT_KINDS } from '../vocabulary.js';
import { clientMode, listenTarget, openListening, openPeer, type ClientFlags, type OpenClient } from './client.js';
import { findConfig, loadConfig, type ConfigFile } from './config.js';
import { chooseTransports, explicitTransports, resolveEndpoints } from './endpoints.js';
import { throwIfProblems, UsageError } from './parse.js';
import { resolveTargets } from './targets.js';
import { readWaivers, waiverReferenceProblems, type WaiverEntry, type WaiverScope } from './waiver-file.js';

/** Every option of a run; those of client mode are in ClientFlags. */
export interface RunFlags extends ClientFlags {
  config?: string;
  level?: string;
  role?: Role;
  target: string[];
  accountFile?: string;
  register?: boolean;
  ca: string[];
  insecureTls?: boolean;
  /** --core: undefined when not given (each level has its default). */
  core?: Baseline;
  json?: string;
  junit?: string;
  /** How a warning shows in the JUnit report (commander sets the default). */
  junitWarnings?: JunitWarnings;
  html?: string;
  markdown?: string;
  /** A shields.io endpoint badge per target, as DIR/NAME.json. */
  badgeDir?: string;
  reportDir: string;
  verbose?: boolean;
  /** Only the verdict lines on the terminal, no progress. */
  quiet?: boolean;
  /** A number (at most that many cases at once) or bounds to adapt within. */
  concurrency: ConcurrencyBounds | number;
  timeout: number;
  caseTimeout: number;
  stepTimeout: number;
  silence: number;
  maxStanzaSize: number;
  only: string[];
  /** Cases not run (too few accounts, no user action) end the run as incomplete even when all else passed. */
  failOnNotRun?: boolean;
  boshUrl: string[];
  websocketUrl: string[];
  directTls: string[];
  hostMetaUrl: string[];
  transport: string;
  slow?: boolean;
  progress?: boolean;
  waivers?: string;
  /** false with --no-session-reuse. */
  sessionReuse?: boolean;
  reruns: number;
}

/** Exit codes: the level passed, failed, or could not be decided (incomplete, tool or usage error). */
export const EXIT = { pass: 0, fail: 1, incomplete: 2 } as const;

/** Tells which options the user gave, as opposed to defaults (so a config file can fill them). */
export type GivenOption = (name: keyof RunFlags) => boolean;

/**
 * `xmpp-certify --level X --target Y [--target Z …]`: certifies every target at the level,
 * concurrently, and writes every report asked for, kept current while the run goes on.
 */
export async function runCommand(flags: RunFlags, given: GivenOption, suites: readonly Suite[], argv: string[]): Promise<number> {
  const configFile = findConfig(flags.config);
  const config = configFile ? loadConfig(configFile) : undefined;
  const setting = <K extends keyof RunFlags>(name: K, fromConfig: RunFlags[K] | undefined): RunFlags[K] =>
    (given(name) || fromConfig === undefined ? flags[name] : fromConfig);

  const levelName = given('level') ? flags.level : config?.level ?? flags.level;
  if (!levelName) throw new UsageError('--level is required (see "xmpp-certify levels")');
  const level = findLevel(levelName);
  const role = (given('role') ? flags.role : (config?.role as Role | undefined) ?? flags.role) ?? defaultRole(level);
  if (!level.roles.includes(role)) throw new UsageError(`${level.id} (${level.xep}) is a ${level.roles.join('/')} level, not a ${role} level`);
  const mode = role === 'client' ? clientMode(flags) : undefined;
  if (role === 'server' && (flags.listen || flags.peer)) throw new UsageError(`${level.id} certifies servers: --listen and --peer are for client levels`);
  const asked = setting('core', config?.core as Baseline | undefined);
  if (asked !== undefined && asked !== '3920' && asked !== '6120') throw new UsageError(`core: expected 3920 or 6120, not ${String(asked)}`);
  const core = levelBaseline(level, asked);
  const targets = mode === 'listen' ? [listenTarget(flags)] : resolveTargets(flags, config);
  if (mode && targets.length !== 1) throw new UsageError('client levels certify one client at a time: give one --target');
  const waivers = loadWaivers(flags, config, {
    caseIds: suites.flatMap((s) => s.cases.map((c) => c.id)),
    targets: [...new Set([...targets.map((t) => t.name), ...(config?.targets.keys() ?? [])])],
  });

  const redactor = new Redactor();
  for (const t of targets) for (const a of t.accounts) redactor.addSecret(a.password);
  const stepMs = setting('stepTimeout', config?.stepTimeout) * 1000;
  const limits: SessionLimits = { stepMs, connectTimeoutMs: stepMs, maxElementChars: flags.maxStanzaSize };
  const levelSpecs = new Set(resolveLevel(level, role, core).map((r) => r.spec));
  const selected = flags.only.length ? selectCases(suites, flags.only, level, role, core) : suites;
  const transportChoice = setting('transport', config?.transport);
  const outputs = chooseOutputs(flags, level, targets.length);
  checkOutputs(outputs);
  if (flags.badgeDir) checkBadgeDir(flags.badgeDir, targets.map((t) => t.name));

  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    // a second signal: the user really wants out; what was written stays written
    if (controller.signal.aborted) process.exit(EXIT.incomplete);
    process.stderr.write(`\n${signal}: stopping; finished cases are kept and the reports written\n`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const timeout = setting('timeout', config?.timeout);
  const deadline = Date.now() + timeout * 1000;
  const globalTimer = setTimeout(() => controller.abort(new Error(`the run reached its --timeout of ${timeout} s`)), timeout * 1000);
  globalTimer.unref();

  const writer = new ReportWriter(outputs, { junit: { warnings: flags.junitWarnings } });
  const progress = flags.progress === false || flags.quiet ? undefined : new Progress();
  const live: RunReport[] = [];
  const caseTimeoutMs = setting('caseTimeout', config?.caseTimeout) * 1000 + (flags.slow ? 120_000 : 0);
  let reports: RunReport[];
  let client: OpenClient | undefined;
  try {
    reports = await Promise.all(targets.map(async (target, i) => {
      const tls = { ca: target.caFiles.map(readCa), insecure: target.insecureTls };
      const endpoints = await resolveEndpoints(target, transportWanted(transportChoice, levelSpecs), tls, stepMs, (line) => {
        if (!flags.quiet) process.stderr.write(`xmpp-certify: ${targets.length > 1 ? `${target.name}: ` : ''}${line}\n`);
      });
      if (mode === 'listen') client = await openListening(target, flags, redactor, limits);
      if (mode === 'peer') client = await openPeer(target, flags, redactor, limits, tls);
      return certify({
        name: target.name,
        level,
        role,
        env: {
          target: { endpoint: target.endpoint, domain: target.domain, tls },
          baseline: core,
          limits,
          silenceMs: setting('silence', config?.silence) * 1000,
          redactor,
          includeSlow: Boolean(flags.slow),
          boshUrl: target.boshUrl,
          websocketUrl: endpoints.websocketUrl,
          directTls: endpoints.directTls,
          hostMetaUrl: endpoints.hostMetaUrl,
          transports: transportOpeners(endpoints, { domain: target.domain, tls, limits }),
          client: client?.link,
          actions: client?.actions,
          actionTimeoutMs: flags.actionTimeout * 1000,
        },
        ready: client && (() => client!.ready(controller.signal)),
        suites: selected,
        selection: flags.only.length ? flags.only : undefined,
        accounts: target.accounts,
        register: target.register,
        transports: chooseTransports(transportChoice, endpoints, levelSpecs),
        boshUrl: target.boshUrl,
        concurrency: setting('concurrency', config?.concurrency),
        caseTimeoutMs,
        command: redactor.redact(redactCommandLine(argv)),
        tlsReport: { verification: target.insecureTls ? 'insecure' : 'verified', ca: target.caFiles.length ? target.caFiles.join(', ') : undefined },
        waivers,
        reuseSessions: flags.sessionReuse !== false,
        reruns: flags.reruns,
        deadline,
        signal: controller.signal,
        onUpdate: (r: RunReport, latest?: CaseResult) => {
          live[i] = r;
          if (live.filter(Boolean).length === targets.length) writer.schedule(live);
          progress?.update(r, latest);
        },
      });
    }));
  } finally {
    await client?.close();
    progress?.finish();
    clearTimeout(globalTimer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  writer.flush(reports);
  return conclude(reports, outputs, { badgeDir: flags.badgeDir, verbose: Boolean(flags.verbose), quiet: Boolean(flags.quiet), failOnNotRun: Boolean(flags.failOnNotRun) });
}

/**
 * What ends a run, or a merge of runs: the badges written, the summary, where the reports
 * went, a line for each target that could not be certified at all, and the exit code.
 */
export function conclude(reports: RunReport[], outputs: Outputs, options: { badgeDir?: string; verbose: boolean; quiet?: boolean; failOnNotRun?: boolean }): number {
  // a report on standard output keeps it for the report: the summary goes to stderr
  const say = Object.values(outputs).some((file) => file && isStandardOutput(file)) ? process.stderr : process.stdout;
  if (options.badgeDir) writeBadges(options.badgeDir, reports);
  say.write(`${renderTerminal(reports, { verbose: options.verbose, quiet: options.quiet, width: say.isTTY ? say.columns : undefined })}\n`);
  const files = [...Object.values(outputs), ...(options.badgeDir ? reports.map((r) => badgeFile(options.badgeDir!, r.name)) : [])];
  const written = files.filter((f): f is string => Boolean(f)).map((f) => (f === '-' ? 'standard output' : f)).join(', ');
  if (written && !options.quiet) say.write(`reports: ${written}\n`);
  // a target that could not be certified at all: one line that says why
  for (const r of reports) if (r.unusable) process.stderr.write(`xmpp-certify: ${reports.length > 1 ? `${r.name}: ` : ''}${r.unusable}\n`);
  // an interrupted run decides nothing, whatever it found before it stopped
  if (reports.some((r) => !r.complete)) return EXIT.incomplete;
  const verdict = overallVerdict(reports);
  if (verdict === 'pass' && options.failOnNotRun) {
    const notRun = notRunCount(reports.flatMap((r) => r.specs.flatMap((s) => s.cases)));
    if (notRun > 0) {
      process.stderr.write(`xmpp-certify: ${notRun} case(s) not run, and --fail-on-not-run makes that incomplete\n`);
      return EXIT.incomplete;
    }
  }
  return verdict === 'pass' ? EXIT.pass : verdict === 'fail' ? EXIT.fail : EXIT.incomplete;
}

function readCa(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --ca ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** The waivers of --waivers and of the config file, each naming a case and a target that exist. */
function loadWaivers(flags: RunFlags, config: ConfigFile | undefined, scope: WaiverScope): WaiverEntry[] {
  const waivers = [...(flags.waivers ? readWaivers(flags.waivers) : []), ...(config?.waivers ?? [])];
  throwIfProblems(waiverReferenceProblems(waivers, scope));
  return waivers;
}

export interface Outputs {
  json?: string;
  junit?: string;
  html?: string;
  markdown?: string;
}

/** The report files: those asked for, or JSON and JUnit in the report directory. */
function chooseOutputs(flags: RunFlags, level: Level, targets: number): Outputs {
  if (flags.json || flags.junit || flags.html || flags.markdown) return { json: flags.json, junit: flags.junit, html: flags.html, markdown: flags.markdown };
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  const base = path.join(flags.reportDir, `${level.id}${targets > 1 ? '-matrix' : ''}-${stamp}`);
  return { json: `${base}.json`, junit: `${base}.xml` };
}

/** Report paths checked before anything connects: at most one on standard output, each writable. */
export function checkOutputs(outputs: Outputs): void {
  const given = Object.entries(outputs).filter((e): e is [string, string] => typeof e[1] === 'string');
  const onStdout = given.filter(([, file]) => file === '-').map(([kind]) => `--${kind}`);
  if (onStdout.length > 1) throw new UsageError(`only one report can go to standard output ('-'): ${onStdout.join(' and ')} both ask for it`);
  for (const [kind, file] of given) {
    const reason = unwritableReason(file);
    if (reason) throw new UsageError(`cannot write --${kind} ${file}: ${reason}`);
  }
}

/** The badge files checked before anything connects: each writable, one per target (names that differ only in characters a file name drops would share one). */
export function checkBadgeDir(dir: string, targetNames: string[]): void {
  const owners = new Map<string, string>();
  for (const name of targetNames) {
    const file = badgeFile(dir, name);
    const other = owners.get(file);
    if (other !== undefined) throw new UsageError(`--badge-dir: targets "${other}" and "${name}" would share the badge ${file}: name them apart`);
    owners.set(file, name);
    const reason = unwritableReason(file);
    if (reason) throw new UsageError(`cannot write --badge-dir ${dir}: ${file}: ${reason}`);
  }
}

/**
 * Keeps the report files current while the run goes on. Rewriting them costs time in
 * proportion to the run so far, so writes are spaced at least ten times as long as the last
 * one took (and a second at least); the final write, and the one on an interruption, are
 * always made.
 */
class ReportWriter {
  private timer?: NodeJS.Timeout;
  private latest?: RunReport[];
  private spacingMs = 1000;

  constructor(
    private readonly outputs: Outputs,
    private readonly settings: ReportSettings,
  ) {}

  schedule(reports: RunReport[]): void {
    this.latest = reports;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (this.latest) this.write(this.latest);
    }, this.spacingMs);
  }

  flush(reports: RunReport[]): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.write(reports, true);
  }

  private write(reports: RunReport[], final = false): void {
    const started = performance.now();
    writeReports(this.outputs, reports, final, this.settings);
    this.spacingMs = Math.max(1000, 10 * (performance.now() - started));
  }
}

/** How reports are written, beyond what the runs hold. */
export interface ReportSettings {
  /** The command line a matrix names, when not its targets' own. */
  command?: string;
  junit?: Partial<JunitOptions>;
}

/**
 * Writes every report asked for. A stream (standard output, a pipe, /dev/null) takes one
 * report, the final one.
 */
export function writeReports(outputs: Outputs, reports: RunReport[], final: boolean, settings: ReportSettings = {}): void {
  const due = (file: string | undefined): file is string => Boolean(file) && (final || !isStreamDestination(file!));
  const { json, junit, html, markdown } = outputs;
  if (due(json)) writeJson(json, reports, settings.command);
  if (due(junit)) writeJunit(junit, reports, settings.junit);
  if (due(html)) writeHtml(html, reports);
  if (due(markdown)) writeMarkdown(markdown, reports);
}

/**
 * Whether the run may use a transport of `kind`, so that its endpoint is worth discovering: the
 * level names its spec (auto), or --transport names it.
 */
function transportWanted(choice: string, levelSpecs: Set<string>): (kind: TransportKind) => boolean {
  return (kind) => (choice === 'auto' ? levelSpecs.has(TRANSPORT_SPEC[kind] ?? '') : explicitTransports(choice).includes(kind));
}

/**
 * Restricts the suites to cases whose ID starts with one of the prefixes (--only). A prefix that
 * selects no case of the level is a usage error: a typo must not pass as an empty, green run.
 */
function selectCases(suites: readonly Suite[], prefixes: string[], level: Level, role: Role, core: Baseline): Suite[] {
  const starts = (id: string, prefix: string): boolean => id.toUpperCase().startsWith(prefix.toUpperCase());
  const levelIds = planCases(resolveLevel(level, role, core), suites, role, core, [...TRANSPORT_KINDS]).map((p) => p.def.id);
  for (const prefix of prefixes) {
    if (!levelIds.some((id) => starts(id, prefix))) {
      throw new UsageError(`--only ${prefix} selects no case of ${level.id} (${role}); "xmpp-certify list --level ${level.id}" shows the IDs`);
    }
  }
  return suites.map((s) => ({ ...s, cases: s.cases.filter((c) => prefixes.some((p) => starts(c.id, p))) }));
}

/** The command line for reports, with the password part of every --account replaced. */
export function redactCommandLine(argv: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--account' && argv[i + 1] !== undefined) {
      out.push(arg, redactAccountValue(argv[++i]!));
    } else if (arg.startsWith('--account=')) {
      out.push(`--account=${redactAccountValue(arg.slice('--account='.length))}`);
    } else {
      out.push(/\s/.test(arg) ? JSON.stringify(arg) : arg);
    }
  }
  return `xmpp-certify ${out.join(' ')}`;
}

/** JID:PASSWORD or NAME=JID:PASSWORD: everything after the JID's colon goes. */
function redactAccountValue(value: string): string {
  const at = value.indexOf('@');
  const colon = value.indexOf(':', Math.max(0, at));
  return colon < 0 ? value : `${value.slice(0, colon)}:[redacted]`;
}

