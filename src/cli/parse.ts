import fs from 'node:fs';
import { parseAccount, type Account } from '../engine/accounts.js';
import { ADAPTIVE_CONCURRENCY, atMost, type ConcurrencyBounds } from '../engine/throttle.js';

/** A command-line mistake: reported in one line (one per problem), exit code 2, no stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Every problem found in one input at once, a line each, so that all can be fixed in one go. */
export function throwIfProblems(problems: readonly string[]): void {
  if (problems.length) throw new UsageError(problems.join('\n'));
}

/** Parses HOST[:PORT] and [IPv6]:PORT; the port defaults to 5222 (RFC 6120 §3.2.1). */
export function parseTarget(text: string, what = '--target', defaultPort = 5222): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(text);
  const m = bracketed ?? plain;
  if (!m) throw new UsageError(`${what} "${text}" is not HOST[:PORT]`);
  const port = m[2] === undefined ? defaultPort : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`${what} "${text}": port must be 1-65535`);
  return { host: m[1]!, port };
}

const FORBIDDEN_IN_LOCALPART = /["&'/:<>@\s]/;

/** Checks a bare JID as RFC 6122 §2 would: non-empty parts, no forbidden characters, at most 1023 bytes each. */
export function validateBareJid(jid: string, what: string): void {
  const at = jid.indexOf('@');
  const local = at > 0 ? jid.slice(0, at) : '';
  const domain = at > 0 ? jid.slice(at + 1) : '';
  const problem = !local || !domain ? 'needs a localpart and a domain (user@example.org)'
    : jid.includes('/') ? 'must be a bare JID, without a resource'
    : FORBIDDEN_IN_LOCALPART.test(local) ? 'has a character RFC 6122 forbids in a localpart'
    : /[\s@/]/.test(domain) || domain.startsWith('.') ? 'has a malformed domain'
    : Buffer.byteLength(local) > 1023 || Buffer.byteLength(domain) > 1023 ? 'has a part longer than 1023 bytes'
    : undefined;
  if (problem) throw new UsageError(`${what} "${jid}" ${problem}`);
}

/** `--account JID:PASSWORD`: the JID has no colon, so the first one separates the two. */
export function parseAccountOption(text: string): Account {
  const colon = text.indexOf(':');
  if (colon < 0) throw new UsageError('--account needs JID:PASSWORD (or use --account-file)');
  const jid = text.slice(0, colon);
  validateBareJid(jid, '--account');
  return parseAccount(jid, text.slice(colon + 1));
}

/** An accounts file: one `JID PASSWORD` per line; blank lines and # comments ignored. */
export function readAccountFile(file: string): Account[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --account-file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((line, i) => {
    const [jid, ...rest] = line.split(/\s+/);
    if (!jid || rest.length === 0) throw new UsageError(`${file} line ${i + 1}: expected "JID PASSWORD"`);
    validateBareJid(jid, `${file} line ${i + 1}`);
    return parseAccount(jid, rest.join(' '));
  });
}

/** A parser for an option that takes a whole number, 0 included. */
export function wholeNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number (0 or more), not "${value}"`);
    return n;
  };
}

/**
 * --concurrency: N (at most N cases at once, fewer after signs of overload) or MIN-MAX (adapting
 * within those bounds, starting at the default start where it fits).
 */
export function concurrencyBounds(name: string) {
  return (value: string): ConcurrencyBounds => {
    const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(value);
    const [min, max] = [Number(range?.[1]), Number(range?.[2] ?? range?.[1])];
    if (!range || min < 1 || max < min) throw new UsageError(`${name} must be a number of cases or a range MIN-MAX (such as 4-32), not "${value}"`);
    if (range[2] === undefined) return atMost(min);
    return { min, max, start: Math.max(min, Math.min(max, ADAPTIVE_CONCURRENCY.start)) };
  };
}

export function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, not "${value}"`);
    return n;
  };
}
