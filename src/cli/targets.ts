import net from 'node:net';
import type { Account } from '../engine/accounts.js';
import type { ConfigFile } from './config.js';
import { parseAccountOption, parseTarget, readAccountFile, UsageError } from './parse.js';

/** Everything the run needs to know about one target. */
export interface TargetSettings {
  name: string;
  endpoint: { host: string; port: number };
  domain: string;
  accounts: Account[];
  register: boolean;
  caFiles: string[];
  insecureTls: boolean;
  boshUrl?: string;
}

/** The per-target options of the command line; each value may start with NAME= to aim at one target. */
export interface TargetFlags {
  target: string[];
  domain: string[];
  account: string[];
  accountFile?: string;
  ca: string[];
  boshUrl: string[];
  register?: boolean;
  insecureTls?: boolean;
}

interface Scoped {
  name?: string;
  value: string;
}

/** Splits "NAME=value" when NAME is one of the targets; anything else applies to every target. */
function scope(value: string, names: Set<string>): Scoped {
  const m = /^([A-Za-z][\w.-]*)=(.*)$/.exec(value);
  return m && names.has(m[1]!) ? { name: m[1]!, value: m[2]! } : { value };
}

/** "NAME=HOST:PORT" or "HOST:PORT" (whose name is then HOST:PORT). */
function namedTarget(value: string): { name: string; address: string } {
  const m = /^([A-Za-z][\w.-]*)=(.+)$/.exec(value);
  return m ? { name: m[1]!, address: m[2]! } : { name: value, address: value };
}

/**
 * The targets of a run: from --target (repeatable, NAME=HOST[:PORT]) or, when none is given,
 * from the config file; options given once apply to every target, NAME=… to one.
 */
export function resolveTargets(flags: TargetFlags, config: ConfigFile | undefined): TargetSettings[] {
  const declared = flags.target.length
    ? flags.target.map(namedTarget).map((t) => ({ ...t, configured: config?.targets.get(t.name) }))
    : [...(config?.targets ?? new Map()).entries()].map(([name, c]) => ({ name, address: c.target, configured: c }));
  if (declared.length === 0) throw new UsageError('--target HOST[:PORT] is required (or targets in a config file)');
  const names = new Set(declared.map((d) => d.name));
  if (names.size !== declared.length) throw new UsageError('two targets have the same name: give each --target NAME=HOST:PORT');
  const scoped = (values: string[]): Scoped[] => values.map((v) => scope(v, names));
  const forTarget = (values: Scoped[], name: string): string[] => values.filter((v) => v.name === undefined || v.name === name).map((v) => v.value);
  const domains = scoped(flags.domain);
  const accounts = scoped(flags.account);
  const cas = scoped(flags.ca);
  const boshUrls = scoped(flags.boshUrl);
  const fromFile = flags.accountFile ? readAccountFile(flags.accountFile) : [];

  return declared.map(({ name, address, configured }) => {
    const endpoint = parseTarget(address);
    const domain = domains.find((d) => d.name === name)?.value ?? domains.find((d) => d.name === undefined)?.value
      ?? configured?.domain ?? (net.isIP(endpoint.host) ? undefined : endpoint.host);
    if (!domain) throw new UsageError(`target ${name}: ${endpoint.host} is an IP address: give the XMPP domain with --domain`);
    const given = [...forTarget(accounts, name).map(parseAccountOption), ...fromFile, ...(configured?.accounts ?? [])]
      .filter((a) => declared.length === 1 || a.domain.toLowerCase() === domain.toLowerCase());
    const foreign = given.find((a) => a.domain.toLowerCase() !== domain.toLowerCase());
    if (foreign) throw new UsageError(`--account ${foreign.jid} is not on the domain under test (${domain})`);
    const register = Boolean(flags.register ?? configured?.register ?? config?.register);
    if (given.length === 0 && !register) {
      throw new UsageError(`target ${name}: give accounts with --account JID:PASSWORD (at least 2 for multi-party cases) or let the tool create them with --register`);
    }
    const boshUrl = boshUrls.find((b) => b.name === name)?.value ?? (declared.length === 1 ? boshUrls[0]?.value : undefined) ?? configured?.boshUrl;
    return {
      name,
      endpoint,
      domain,
      accounts: given,
      register,
      caFiles: [...forTarget(cas, name), ...(configured?.ca ?? [])],
      insecureTls: Boolean(flags.insecureTls ?? configured?.insecureTls ?? config?.insecureTls),
      boshUrl,
    };
  });
}
