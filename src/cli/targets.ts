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
  /** The WebSocket endpoint (RFC 7395), ws:// or wss://. */
  websocketUrl?: string;
  /** The direct TLS endpoint (XEP-0368). */
  directTls?: { host: string; port: number };
  /** Where the domain's host-meta is (XEP-0156), when not at https://DOMAIN/.well-known/host-meta. */
  hostMetaUrl?: string;
}

/** The per-target options of the command line; each value may start with NAME= to aim at one target. */
export interface TargetFlags {
  target: string[];
  domain: string[];
  account: string[];
  accountFile?: string;
  ca: string[];
  boshUrl: string[];
  websocketUrl: string[];
  directTls: string[];
  hostMetaUrl: string[];
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
  const websocketUrls = scoped(flags.websocketUrl);
  const directTls = scoped(flags.directTls);
  const hostMetaUrls = scoped(flags.hostMetaUrl);
  // an endpoint belongs to one target: unnamed, it applies only when there is one
  const endpointOf = (values: Scoped[], name: string): string | undefined => values.find((v) => v.name === name)?.value ?? (declared.length === 1 ? values[0]?.value : undefined);
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
    const boshUrl = endpointOf(boshUrls, name) ?? configured?.boshUrl;
    const websocketUrl = checkedUrl(endpointOf(websocketUrls, name) ?? configured?.websocketUrl, '--websocket-url', ['ws:', 'wss:']);
    const hostMetaUrl = checkedUrl(endpointOf(hostMetaUrls, name) ?? configured?.hostMetaUrl, '--host-meta-url', ['https:']);
    const directTlsAt = endpointOf(directTls, name) ?? configured?.directTls;
    return {
      name,
      endpoint,
      domain,
      accounts: given,
      register,
      caFiles: [...forTarget(cas, name), ...(configured?.ca ?? [])],
      insecureTls: Boolean(flags.insecureTls ?? configured?.insecureTls ?? config?.insecureTls),
      boshUrl,
      websocketUrl,
      directTls: directTlsAt === undefined ? undefined : parseTarget(directTlsAt, '--direct-tls', DIRECT_TLS_PORT),
      hostMetaUrl,
    };
  });
}

/** The port of direct TLS when --direct-tls names none: the one XEP-0368 deployments commonly use. */
const DIRECT_TLS_PORT = 5223;

/** A URL of one of the schemes an option takes, or a usage error naming the option. */
function checkedUrl(value: string | undefined, option: string, schemes: string[]): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${option} "${value}" is not a URL`);
  }
  if (!schemes.includes(url.protocol)) throw new UsageError(`${option} "${value}": expected a ${schemes.map((s) => `${s}//`).join(' or ')} URL`);
  return value;
}
