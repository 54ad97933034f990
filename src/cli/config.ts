import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { parseAccount, type Account } from '../engine/accounts.js';
import { parseWaivers, readWaivers, type Waiver } from '../engine/waivers.js';
import { UsageError, validateBareJid } from './parse.js';

/** One target as a config file describes it. */
export interface ConfiguredTarget {
  target: string;
  domain?: string;
  ca: string[];
  boshUrl?: string;
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
  concurrency?: number;
  timeout?: number;
  caseTimeout?: number;
  stepTimeout?: number;
  silence?: number;
  register?: boolean;
  insecureTls?: boolean;
  waivers: Waiver[];
  targets: Map<string, ConfiguredTarget>;
}

export const DEFAULT_CONFIG_NAMES = ['xmpp-certify.config.json', 'xmpp-certify.config.yaml', 'xmpp-certify.config.yml'];

/** The config file to use: the one named, or one of the default names in the working directory. */
export function findConfig(named: string | undefined): string | undefined {
  if (named) return named;
  return DEFAULT_CONFIG_NAMES.find((name) => fs.existsSync(name));
}

type Raw = Record<string, unknown>;

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): ConfigFile {
  let data: unknown;
  try {
    data = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read config ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`config ${file}: expected a mapping of settings`);
  const raw = data as Raw;
  const known = new Set(['level', 'role', 'core', 'transport', 'concurrency', 'timeout', 'case-timeout', 'step-timeout', 'silence', 'register', 'insecure-tls', 'waivers', 'targets']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new UsageError(`config ${file}: unknown setting "${key}"`);
  const dir = path.dirname(path.resolve(file));
  const relative = (p: string): string => path.resolve(dir, p);
  const waivers = raw.waivers === undefined ? []
    : typeof raw.waivers === 'string' ? readWaivers(relative(raw.waivers))
    : parseWaivers(raw.waivers, `config ${file}`);
  const targets = new Map<string, ConfiguredTarget>();
  for (const [name, value] of Object.entries((raw.targets ?? {}) as Raw)) {
    targets.set(name, configuredTarget(file, name, value as Raw, env, relative));
  }
  return {
    file,
    level: str(raw.level),
    role: str(raw.role),
    core: raw.core === undefined ? undefined : String(raw.core),
    transport: str(raw.transport),
    concurrency: num(raw.concurrency),
    timeout: num(raw.timeout),
    caseTimeout: num(raw['case-timeout']),
    stepTimeout: num(raw['step-timeout']),
    silence: num(raw.silence),
    register: bool(raw.register),
    insecureTls: bool(raw['insecure-tls']),
    waivers,
    targets,
  };
}

function configuredTarget(file: string, name: string, raw: Raw, env: NodeJS.ProcessEnv, relative: (p: string) => string): ConfiguredTarget {
  const where = `config ${file}, target ${name}`;
  if (typeof raw.target !== 'string') throw new UsageError(`${where}: needs target: HOST[:PORT]`);
  const accounts = ((raw.accounts ?? []) as Raw[]).map((a, i) => {
    const jid = str(a.jid);
    const variable = str(a['password-env']);
    if (!jid || !variable) throw new UsageError(`${where}: account ${i + 1} needs jid and password-env (passwords are read from the environment)`);
    validateBareJid(jid, `${where}: account`);
    const password = env[variable];
    if (password === undefined) throw new UsageError(`${where}: account ${jid}: the environment variable ${variable} is not set`);
    return parseAccount(jid, password);
  });
  const ca = raw.ca === undefined ? [] : (Array.isArray(raw.ca) ? raw.ca : [raw.ca]).map((c) => relative(String(c)));
  return { target: raw.target, domain: str(raw.domain), ca, boshUrl: str(raw['bosh-url']), register: bool(raw.register), insecureTls: bool(raw['insecure-tls']), accounts };
}

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const num = (v: unknown): number | undefined => (v === undefined ? undefined : Number(v));
const bool = (v: unknown): boolean | undefined => (v === undefined ? undefined : Boolean(v));
