import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { parseAccount, type Account } from '../engine/accounts.js';
import type { ConcurrencyBounds } from '../engine/throttle.js';
import { concurrencyBounds, throwIfProblems, UsageError, validateBareJid } from './parse.js';
import { didYouMean, unknownKeys } from './suggest.js';
import { parseWaivers, readWaivers, type WaiverEntry } from './waiver-file.js';

/** One target as a config file describes it. */
export interface ConfiguredTarget {
  target: string;
  domain?: string;
  ca: string[];
  boshUrl?: string;
  websocketUrl?: string;
  directTls?: string;
  hostMetaUrl?: string;
  register?: boolean;
  insecureTls?: boolean;
  accounts: Account[];
}

/**
 * The settings a config file (xmpp-certify.config.json or .yaml) holds: what the command line
 * can say, plus targets by name with their own accounts. Passwords never sit in the file:
 * an account names the environment variable that holds its password.
 */
export interface ConfigFile {
  file: string;
  level?: string;
  role?: string;
  core?: string;
  transport?: string;
  concurrency?: ConcurrencyBounds;
  timeout?: number;
  caseTimeout?: number;
  stepTimeout?: number;
  silence?: number;
  register?: boolean;
  insecureTls?: boolean;
  waivers: WaiverEntry[];
  targets: Map<string, ConfiguredTarget>;
}

export const DEFAULT_CONFIG_NAMES = ['xmpp-certify.config.json', 'xmpp-certify.config.yaml', 'xmpp-certify.config.yml'];

/** The config file to use: the one named, or one of the default names in the working directory. */
export function findConfig(named: string | undefined): string | undefined {
  if (named) return named;
  return DEFAULT_CONFIG_NAMES.find((name) => fs.existsSync(name));
}

type Raw = Record<string, unknown>;
const isMapping = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

const SETTINGS = ['level', 'role', 'core', 'transport', 'concurrency', 'timeout', 'case-timeout', 'step-timeout', 'silence', 'register', 'insecure-tls', 'waivers', 'targets'];
const TARGET_KEYS = ['target', 'domain', 'ca', 'bosh-url', 'websocket-url', 'direct-tls', 'host-meta-url', 'register', 'insecure-tls', 'accounts'];
const ACCOUNT_KEYS = ['jid', 'password-env'];

/**
 * Reads a config file strictly: an unknown key, a value of the wrong type or an unset password
 * variable is an error, and every one in the file is a line of it (a misspelt setting would
 * otherwise be dropped without a word).
 */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): ConfigFile {
  let data: unknown;
  try {
    data = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read config ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!isMapping(data)) throw new UsageError(`config ${file}: expected a mapping of settings`);
  const where = `config ${file}`;
  const problems = unknownKeys(data, SETTINGS, where, 'setting');
  const read = new Fields(data, where, problems);
  const dir = path.dirname(path.resolve(file));
  const relative = (p: string): string => path.resolve(dir, p);
  const settings = {
    level: read.text('level'),
    role: read.oneOf('role', ['server', 'client']),
    core: read.oneOf('core', ['3920', '6120']),
    transport: read.text('transport'),
    concurrency: read.concurrency('concurrency'),
    timeout: read.positive('timeout'),
    caseTimeout: read.positive('case-timeout'),
    stepTimeout: read.positive('step-timeout'),
    silence: read.positive('silence'),
    register: read.flag('register'),
    insecureTls: read.flag('insecure-tls'),
  };
  const waivers = collect(problems, () => (data.waivers === undefined ? []
    : typeof data.waivers === 'string' ? readWaivers(relative(data.waivers))
    : parseWaivers(data.waivers, where)), []);
  const targets = new Map<string, ConfiguredTarget>();
  if (data.targets !== undefined && !isMapping(data.targets)) problems.push(`${where}: targets must map names to targets`);
  for (const [name, value] of Object.entries(isMapping(data.targets) ? data.targets : {})) {
    const target = configuredTarget(`${where}, target ${name}`, value, env, relative, problems);
    if (target) targets.set(name, target);
  }
  throwIfProblems(problems);
  return { file, ...settings, waivers, targets };
}

function configuredTarget(where: string, value: unknown, env: NodeJS.ProcessEnv, relative: (p: string) => string, problems: string[]): ConfiguredTarget | undefined {
  if (!isMapping(value)) {
    problems.push(`${where}: expected a mapping with target: HOST[:PORT]`);
    return undefined;
  }
  problems.push(...unknownKeys(value, TARGET_KEYS, where));
  const read = new Fields(value, where, problems);
  const target = read.text('target');
  if (target === undefined) problems.push(`${where}: needs target: HOST[:PORT]`);
  if (value.accounts !== undefined && !Array.isArray(value.accounts)) problems.push(`${where}: accounts must be a list`);
  const accounts = (Array.isArray(value.accounts) ? value.accounts : []).flatMap((a: unknown, i) => {
    const account = configuredAccount(`${where}, account ${i + 1}`, a, env, problems);
    return account ? [account] : [];
  });
  const ca = value.ca === undefined ? [] : (Array.isArray(value.ca) ? value.ca : [value.ca]).map((c) => relative(String(c)));
  const rest = {
    domain: read.text('domain'), ca, boshUrl: read.text('bosh-url'), websocketUrl: read.text('websocket-url'), directTls: read.text('direct-tls'),
    hostMetaUrl: read.text('host-meta-url'), register: read.flag('register'), insecureTls: read.flag('insecure-tls'), accounts,
  };
  return target === undefined ? undefined : { target, ...rest };
}

function configuredAccount(where: string, value: unknown, env: NodeJS.ProcessEnv, problems: string[]): Account | undefined {
  if (!isMapping(value)) {
    problems.push(`${where}: expected a mapping with jid and password-env`);
    return undefined;
  }
  problems.push(...unknownKeys(value, ACCOUNT_KEYS, where));
  const read = new Fields(value, where, problems);
  const jid = read.text('jid');
  const variable = read.text('password-env');
  if (!jid || !variable) {
    problems.push(`${where}: needs jid and password-env (passwords are read from the environment)`);
    return undefined;
  }
  const valid = collect(problems, () => {
    validateBareJid(jid, `${where}: jid`);
    return true;
  }, false);
  const password = env[variable];
  if (password === undefined) problems.push(`${where}: ${jid}: the environment variable ${variable} is not set`);
  return valid && password !== undefined ? parseAccount(jid, password) : undefined;
}

/** Runs a reader that throws a UsageError, keeping its lines as problems and going on with `fallback`. */
function collect<T>(problems: string[], read: () => T, fallback: T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    problems.push(...err.message.split('\n'));
    return fallback;
  }
}

/** Typed values out of one mapping; a value of the wrong type is a problem, and read as absent. */
class Fields {
  constructor(private readonly raw: Raw, private readonly where: string, private readonly problems: string[]) {}

  private wrong(key: string, expected: string): undefined {
    this.problems.push(`${this.where}: ${key} must be ${expected}, not ${JSON.stringify(this.raw[key])}`);
    return undefined;
  }

  text(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' || typeof v === 'number' ? String(v) : this.wrong(key, 'text');
  }

  oneOf(key: string, choices: readonly string[]): string | undefined {
    const v = this.text(key);
    if (v === undefined || choices.includes(v)) return v;
    this.problems.push(`${this.where}: ${key} must be ${choices.join(' or ')}, not "${v}"${didYouMean(v, choices)}`);
    return undefined;
  }

  positive(key: string): number | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : this.wrong(key, 'a positive number');
  }

  /** A number of cases or a range MIN-MAX, as --concurrency takes. */
  concurrency(key: string): ConcurrencyBounds | undefined {
    const v = this.text(key);
    if (v === undefined) return undefined;
    try {
      return concurrencyBounds(key)(v);
    } catch (err) {
      this.problems.push(`${this.where}: ${(err as Error).message}`);
      return undefined;
    }
  }

  flag(key: string): boolean | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    return typeof v === 'boolean' ? v : this.wrong(key, 'true or false');
  }
}
