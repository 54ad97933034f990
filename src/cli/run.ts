import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { defaultRole, findLevel, type Role } from '../catalogue/levels.js';
import type { Baseline } from '../catalogue/specs.js';
import type { Account } from '../engine/accounts.js';
import type { Suite, TransportKind } from '../engine/case.js';
import { certify } from '../engine/certify.js';
import { Redactor } from '../evidence/redact.js';
import { writeJson } from '../report/json.js';
import { writeJunit } from '../report/junit.js';
import type { RunReport } from '../report/model.js';
import { renderTerminal } from '../report/terminal.js';
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
  const transports: TransportKind[] = ['tcp'];
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
  let report: RunReport;
  try {
    report = await certify({
      level,
      role,
      env: {
        target: { endpoint, domain, tls: { ca, insecure: Boolean(flags.insecureTls) } },
        baseline: flags.core,
        limits: { stepMs: flags.stepTimeout * 1000, connectTimeoutMs: flags.stepTimeout * 1000, maxElementChars: flags.maxStanzaSize },
        silenceMs: flags.silence * 1000,
        redactor,
        transports: {},
      },
      suites: only ? filterSuites(suites, only) : suites,
      accounts,
      register: Boolean(flags.register),
      transports,
      concurrency: flags.concurrency,
      caseTimeoutMs: flags.caseTimeout * 1000,
      command: redactor.redact(redactCommandLine(argv)),
      tlsReport: { verification: flags.insecureTls ? 'insecure' : 'verified', ca: flags.ca.length ? flags.ca.join(', ') : undefined },
      signal: controller.signal,
      onUpdate: (r) => writer.schedule(r),
    });
  } finally {
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
