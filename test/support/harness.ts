import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCertificate } from '../../fixtures/servers/workdir.js';
import { findLevel } from '../../src/catalogue/levels.js';
import type { Baseline } from '../../src/catalogue/specs.js';
import { parseAccount, type Account } from '../../src/engine/accounts.js';
import type { RunEnvironment } from '../../src/engine/context.js';
import type { Suite } from '../../src/engine/case.js';
import { certify } from '../../src/engine/certify.js';
import type { ActionDriver } from '../../src/engine/action-driver.js';
import { Redactor } from '../../src/evidence/redact.js';
import { Transcript } from '../../src/evidence/transcript.js';
import { HarnessServer, type ServerQuirks } from '../../fixtures/fake-server/server.js';
import { ClientHost } from '../../src/host/client-host.js';
import { HostLink } from '../../src/host/host-link.js';
import type { CaseResult, RunReport } from '../../src/report/model.js';
import { Session } from '../../src/session/session.js';
import { tcpConnector } from '../../src/transport/tcp.js';
import { iq, query } from '../../src/session/stanza.js';
import { x, type Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';

export const DOMAIN = 'example.test';
export const ACCOUNTS = { alice: 'alice-Secret-1', bob: 'bob-Secret-2', carol: 'carol-Secret-3' };

let certificate: Promise<{ cert: string; key: string; caFile: string }> | undefined;

/** One self-signed certificate per test process, made with openssl. */
export function testCertificate(): Promise<{ cert: string; key: string; caFile: string }> {
  certificate ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmpp-certify-test-'));
    const files = await makeCertificate(dir, DOMAIN);
    return { cert: fs.readFileSync(files.cert, 'utf8'), key: fs.readFileSync(files.key, 'utf8'), caFile: files.cert };
  })();
  return certificate;
}

/** Starts an in-process server for DOMAIN with the test accounts, STARTTLS required. */
export async function startHarness(quirks: ServerQuirks = {}): Promise<HarnessServer> {
  const { cert, key } = await testCertificate();
  return HarnessServer.start({ domain: DOMAIN, accounts: ACCOUNTS, tls: { cert, key }, requireTls: true, quirks });
}

export interface RunOptions {
  port: number;
  suites: Suite[];
  level?: string;
  baseline?: Baseline;
  signal?: AbortSignal;
  caseTimeoutMs?: number;
  stepMs?: number;
  onUpdate?: (report: RunReport) => void;
  concurrency?: number;
  /** Throw-away accounts by in-band registration instead of the given ones. */
  register?: boolean;
  /** The accounts and passwords the tool is given (default: ACCOUNTS, as the server knows them). */
  accounts?: Record<string, string>;
  /** false: a new login for every case (--no-session-reuse). */
  reuseSessions?: boolean;
  /** --reruns (default 2). */
  reruns?: number;
  /** --only: the prefixes the suites were narrowed to, for a verdict on them alone. */
  selection?: string[];
}

/** The accounts as the tool is given them: ACCOUNTS, or other passwords for them. */
export function testAccounts(passwords: Record<string, string> = ACCOUNTS): Account[] {
  return Object.entries(passwords).map(([local, password]) => parseAccount(`${local}@${DOMAIN}`, password));
}

/** What a run against the in-process server at `port` works in, with these accounts' secrets known. */
export async function harnessEnvironment(port: number, accounts: Account[], options: { stepMs?: number; baseline?: Baseline } = {}): Promise<RunEnvironment> {
  const { cert } = await testCertificate();
  const redactor = new Redactor();
  for (const a of accounts) redactor.addSecret(a.password);
  const stepMs = options.stepMs ?? 1000;
  return {
    target: { endpoint: { host: '127.0.0.1', port }, domain: DOMAIN, tls: { ca: [cert], insecure: false } },
    baseline: options.baseline ?? '6120',
    limits: { stepMs, connectTimeoutMs: stepMs, maxElementChars: 1_000_000 },
    silenceMs: 300,
    redactor,
    transports: {},
  };
}

/** Runs certify() in-process against a local port with the test accounts. */
export async function runAgainst(options: RunOptions): Promise<RunReport> {
  const accounts = testAccounts(options.accounts);
  return certify({
    name: 'harness',
    level: findLevel(options.level ?? 'core-server'),
    role: 'server',
    env: await harnessEnvironment(options.port, accounts, options),
    suites: options.suites,
    accounts: options.register ? [] : accounts,
    register: options.register ?? false,
    transports: ['tcp'],
    concurrency: options.concurrency ?? 4,
    caseTimeoutMs: options.caseTimeoutMs ?? 10_000,
    command: 'test',
    tlsReport: { verification: 'verified' },
    signal: options.signal ?? new AbortController().signal,
    onUpdate: options.onUpdate,
    reuseSessions: options.reuseSessions,
    reruns: options.reruns,
    selection: options.selection,
  });
}

/** Every case result of a report, by ID. */
export function casesById(report: RunReport): Map<string, CaseResult> {
  return new Map(report.specs.flatMap((s) => s.cases).map((c) => [c.id, c]));
}

export interface ClientRunOptions {
  level: string;
  suites: Suite[];
  /** Connects the scripted client under test to the host at `port` and logs it in. */
  client(port: number): Promise<Session>;
  actions?: ActionDriver;
  baseline?: Baseline;
}

/**
 * Certifies a scripted client in-process: the tool listens as its server (listen mode), the
 * client logs in as alice, and the cases run against it.
 */
export async function runClientLevel(options: ClientRunOptions): Promise<{ report: RunReport; client?: Session }> {
  const { cert, key } = await testCertificate();
  const [alice] = testAccounts({ alice: ACCOUNTS.alice });
  const env = await harnessEnvironment(0, [alice!], { baseline: options.baseline ?? '3920' });
  const host = await ClientHost.start({ host: '127.0.0.1', port: 0, domain: DOMAIN, account: alice!, tls: { cert, key }, redactor: env.redactor });
  const link = new HostLink(host, env.limits.stepMs);
  let client: Session | undefined;
  try {
    const report = await certify({
      name: 'client',
      level: findLevel(options.level),
      role: 'client',
      env: { ...env, target: { ...env.target, endpoint: { host: '127.0.0.1', port: host.port } }, client: link, actions: options.actions, actionTimeoutMs: 2000 },
      ready: async () => {
        client = await options.client(host.port);
        await host.loggedIn(2000, 1000, new AbortController().signal);
        return undefined;
      },
      suites: options.suites,
      accounts: [alice!],
      register: false,
      transports: ['tcp'],
      concurrency: 1,
      caseTimeoutMs: 10_000,
      command: 'test',
      tlsReport: { verification: 'verified' },
      signal: new AbortController().signal,
    });
    return { report, client };
  } finally {
    client?.destroy('the test is over');
    await host.close();
  }
}

/** A scripted client: logs in to `port` as alice, asks for its roster, and sends initial presence (with `presence` as given). */
export async function scriptedClient(port: number, presence: Element = x('presence')): Promise<Session> {
  const { cert } = await testCertificate();
  const redactor = new Redactor();
  const limits = { stepMs: 1000, connectTimeoutMs: 1000, maxElementChars: 1_000_000 };
  const session = await Session.connect({
    label: 'scripted',
    target: { endpoint: { host: '127.0.0.1', port }, domain: DOMAIN, tls: { ca: [cert], insecure: false } },
    transcript: new Transcript(redactor),
    limits,
    transport: tcpConnector({ host: '127.0.0.1', port }, limits),
  });
  await session.open();
  await session.starttls();
  await session.authenticate({ username: 'alice', password: ACCOUNTS.alice, domain: DOMAIN });
  await session.bind('scripted');
  await session.establishSession();
  await session.iq(iq('get', {}, query(NS.roster)));
  session.send(presence);
  return session;
}
