import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { defaultRole, findLevel, resolveLevel, type Role } from '../catalogue/levels.js';
import type { Baseline } from '../catalogue/specs.js';
import type { Account } from '../engine/accounts.js';
import type { Suite, TransportKind } from '../engine/case.js';
import { certify } from '../engine/certify.js';
import { Redactor } from '../evidence/redact.js';
import { writeJson } from '../report/json.js';
import { writeJunit } from '../report/junit.js';
import type { RunReport } from '../report/model.js';
import { Progress } from '../report/progress.js';
import { renderTerminal } from '../report/terminal.js';
import type { SessionLimits } from '../session/session.js';
import { BoshTransport } from '../transport/bosh.js';
import type { TlsSettings } from '../transport/tcp.js';
import type { Transport, TransportHandlers } from '../transport/types.js';
import { parseAccountOption, parseTarget, readAccountFile, UsageError } from './parse.js';

export interface RunFlags {
  level?: string;
  role?: Role;
  target?: string;
  domain?: string;
  account: string[];
  accountFile?: string;
  register?: boolean;
  ca: string[];
  insecureTls?: boolean;
  core: Baseline;
  json?: string;
  junit?: string;
  reportDir: string;
  verbose?: boolean;
  concurrency: number;
  timeout: number;
  caseTimeout: number;
  stepTimeout: number;
  silence: number;
  maxStanzaSize: number;
  only: string[];
  boshUrl?: string;
  transport: string;
  slow?: boolean;
  progress?: boolean;
}

/** Exit codes: the level passed, failed, or could not be decided (incomplete, tool or usage error). */
export const EXIT = { pass: 0, fail: 1, incomplete: 2 } as const;

/** `xmpp-certify --level X --target Y`: certifies one target and writes every report. */
export async function runCommand(flags: RunFlags, suites: readonly Suite[], argv: string[]): Promise<number> {
  if (!flags.level) throw new UsageError('--level is required (see "xmpp-certify levels")');
  const level = findLevel(flags.level);
  const role = flags.role ?? defaultRole(level);
  if (!level.roles.includes(role)) throw new UsageError(`${level.id} (${level.xep}) is a ${level.roles.join('/')} level, not a ${role} level`);
  if (role === 'client') throw new UsageError(`${level.id} certifies clients: client mode (--listen, --peer) is not available in this version`);
  if (!flags.target) throw new UsageError('--target HOST[:PORT] is required');
  const endpoint = parseTarget(flags.target);
  const domain = flags.domain ?? (net.isIP(endpoint.host) ? undefined : endpoint.host);
  if (!domain) throw new UsageError(`--target ${endpoint.host} is an IP address: give the XMPP domain with --domain`);

  const redactor = new Redactor();
  const accounts: Account[] = [...flags.account.map(parseAccountOption), ...(flags.accountFile ? readAccountFile(flags.accountFile) : [])];
  for (const a of accounts) redactor.addSecret(a.password);
  if (accounts.length === 0 && !flags.register) {
    throw new UsageError('give accounts with --account JID:PASSWORD (at least 2 for multi-party cases) or let the tool create them with --register');
  }
  const foreign = accounts.find((a) => a.domain.toLowerCase() !== domain.toLowerCase());
  if (foreign) throw new UsageError(`--account ${foreign.jid} is not on the domain under test (${domain})`);
  const ca = flags.ca.map((file) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read --ca ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  });
  const rows = resolveLevel(level, role, flags.core);
  const transports = chooseTransports(flags.transport, flags.boshUrl, new Set(rows.map((r) => r.spec)));
  const stepMs = flags.stepTimeout * 1000;
  const limits = { stepMs, connectTimeoutMs: stepMs, maxElementChars: flags.maxStanzaSize };
  const tls = { ca, insecure: Boolean(flags.insecureTls) };
  const only = flags.only.length ? flags.only : undefined;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  const jsonFile = flags.json ?? (flags.junit ? undefined : path.join(flags.reportDir, `${level.id}-${stamp}.json`));
  const junitFile = flags.junit ?? (flags.json ? undefined : path.join(flags.reportDir, `${level.id}-${stamp}.xml`));

  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      // a second signal: the user really wants out; what was written stays written
      process.exit(EXIT.incomplete);
    }
    process.stderr.write(`\n${signal}: stopping; finished cases are kept and the reports written\n`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const globalTimer = setTimeout(() => controller.abort(new Error(`the run reached its --timeout of ${flags.timeout} s`)), flags.timeout * 1000);
  globalTimer.unref();

  const writer = new ReportWriter(jsonFile, junitFile);
  const progress = flags.progress === false ? undefined : new Progress();
  let report: RunReport;
  try {
    report = await certify({
      level,
      role,
      env: {
        target: { endpoint, domain, tls },
        baseline: flags.core,
        limits,
        silenceMs: flags.silence * 1000,
        redactor,
        includeSlow: Boolean(flags.slow),
        freshAccounts: Boolean(flags.register),
        refusedLogins: new Set(),
        boshUrl: flags.boshUrl,
        transports: flags.boshUrl ? { bosh: boshTransport(flags.boshUrl, tls, limits) } : {},
      },
      suites: only ? filterSuites(suites, only) : suites,
      accounts,
      register: Boolean(flags.register),
      transports,
      boshUrl: flags.boshUrl,
      concurrency: flags.concurrency,
      // a slow case may wait on a server timer well past the usual deadline
      caseTimeoutMs: flags.caseTimeout * 1000 + (flags.slow ? 120_000 : 0),
      command: redactor.redact(redactCommandLine(argv)),
      tlsReport: { verification: flags.insecureTls ? 'insecure' : 'verified', ca: flags.ca.length ? flags.ca.join(', ') : undefined },
      signal: controller.signal,
      onUpdate: (r, latest) => {
        writer.schedule(r);
        progress?.update(r, latest);
      },
    });
  } finally {
    progress?.finish();
    clearTimeout(globalTimer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  writer.flush(report);
  process.stdout.write(`${renderTerminal(report, { verbose: Boolean(flags.verbose) })}\n`);
  const written = [jsonFile, junitFile].filter(Boolean).join(', ');
  if (written) process.stdout.write(`reports: ${written}\n`);
  if (report.level.verdict === 'pass') return EXIT.pass;
  if (report.level.verdict === 'fail') return EXIT.fail;
  return EXIT.incomplete;
}

/** Keeps the report files current while the run goes on, at most a few times a second. */
class ReportWriter {
  private timer?: NodeJS.Timeout;
  private latest?: RunReport;

  constructor(
    private readonly jsonFile: string | undefined,
    private readonly junitFile: string | undefined,
  ) {}

  schedule(report: RunReport): void {
    this.latest = report;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (this.latest) this.write(this.latest);
    }, 250);
  }

  flush(report: RunReport): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.write(report);
  }

  private write(report: RunReport): void {
    if (this.jsonFile) writeJson(this.jsonFile, report);
    if (this.junitFile) writeJunit(this.junitFile, report);
  }
}

/**
 * Which transports cases run over. "auto": TCP; BOSH too when a BOSH URL is known and the level
 * names XEP-0206; zlib too when the level names XEP-0138. Stanza-level cases then run once per
 * transport, and the matrix shows which (a transport the target turns out not to offer is
 * dropped after the spec probes).
 */
function chooseTransports(choice: string, boshUrl: string | undefined, levelSpecs: Set<string>): TransportKind[] {
  if (choice === 'auto') {
    const kinds: TransportKind[] = ['tcp'];
    if (boshUrl && levelSpecs.has('xep-0206')) kinds.push('bosh');
    if (levelSpecs.has('xep-0138')) kinds.push('zlib');
    return kinds;
  }
  const kinds = choice.split(',').map((k) => k.trim());
  for (const k of kinds) if (!['tcp', 'bosh', 'zlib'].includes(k)) throw new UsageError(`--transport: unknown transport "${k}" (a list of tcp, bosh, zlib; or auto)`);
  if (kinds.includes('bosh') && !boshUrl) throw new UsageError('--transport bosh needs --bosh-url URL');
  return kinds as TransportKind[];
}

function boshTransport(url: string, tls: TlsSettings, limits: SessionLimits): (handlers: TransportHandlers) => Promise<Transport> {
  return async (handlers) => new BoshTransport({ url, tls, waitSeconds: 30, stepMs: limits.stepMs, maxElementChars: limits.maxElementChars }, handlers);
}

/** Restricts the suites to cases whose ID starts with one of the prefixes (--only). */
function filterSuites(suites: readonly Suite[], prefixes: string[]): Suite[] {
  const wanted = (id: string): boolean => prefixes.some((p) => id.toUpperCase().startsWith(p.toUpperCase()));
  return suites.map((s) => ({ ...s, cases: s.cases.filter((c) => wanted(c.id)) }));
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

function redactAccountValue(value: string): string {
  const colon = value.indexOf(':');
  return colon < 0 ? value : `${value.slice(0, colon)}:[redacted]`;
}
