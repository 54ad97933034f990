import type { Session } from '../session/session.js';
import type { Account } from '../vocabulary.js';
import { Skip, ToolError } from './errors.js';
import type { SessionPool } from './session-pool.js';

export type { Account };

export function parseAccount(jid: string, password: string): Account {
  const at = jid.indexOf('@');
  if (at <= 0 || at === jid.length - 1 || jid.includes('/')) throw new Error(`not a bare JID: ${jid}`);
  return { jid, local: jid.slice(0, at), domain: jid.slice(at + 1), password };
}

/** Creates and deletes throw-away accounts (XEP-0077), for --register. */
export interface Registrar {
  create(): Promise<Account>;
  /** Deletes the account, through `loggedIn` (a session of it) when given, else through a new login. */
  remove(account: Account, loggedIn?: Session): Promise<void>;
}

/**
 * Hands accounts to cases, each exclusively for the case's lifetime, so no case sees another's
 * roster pushes, presence or lists. Given accounts are shared out in turn. With a registrar,
 * throw-away accounts are made as cases need them and handed on to later cases once released
 * (cases leave accounts as they found them), then deleted when the run ends: registering and
 * deleting an account per case would cost more than the case.
 */
export class AccountPool {
  private readonly free: Account[];
  private readonly queue: { n: number; grant(accounts: Account[]): void }[] = [];
  private readonly created = new Set<Account>();
  /** Throw-away accounts no case has used yet. */
  private readonly pristine = new WeakSet<Account>();

  constructor(
    private readonly given: Account[],
    private readonly registrar?: Registrar,
  ) {
    this.free = [...given];
  }

  /**
   * Accounts for one case; waits while other cases hold the given ones. `fresh`: never used
   * before. `preferred`: free accounts to hand out first (those with a session to reuse).
   */
  async lease(n: number, signal: AbortSignal, fresh = false, preferred: (a: Account) => boolean = () => false): Promise<Account[]> {
    if (n === 0) return [];
    if (this.registrar) {
      const reused = fresh ? [] : this.takeFree(n, preferred);
      const made = await Promise.all(Array.from({ length: n - reused.length }, () => this.register()));
      return [...reused, ...made];
    }
    if (n > this.given.length) {
      throw new Skip(`needs ${n} accounts and the run has ${this.given.length}: give more --account, or use --register`, 'not-run');
    }
    if (this.free.length >= n && this.queue.length === 0) return this.takeFree(n, preferred);
    return new Promise((resolve, reject) => {
      const entry = { n, grant: resolve };
      this.queue.push(entry);
      signal.addEventListener('abort', () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new ToolError('no account became free before the deadline'));
      }, { once: true });
    });
  }

  /** The accounts the user gave (none when the run registers its own). */
  get givenAccounts(): readonly Account[] {
    return this.registrar ? [] : this.given;
  }

  /** Whether no case has used this account before: it was made for the case now holding it. */
  isPristine(account: Account): boolean {
    return this.pristine.has(account);
  }

  release(accounts: Account[]): void {
    for (const a of accounts) this.pristine.delete(a);
    this.free.push(...accounts);
    while (this.queue.length > 0 && this.free.length >= this.queue[0]!.n) {
      const next = this.queue.shift()!;
      next.grant(this.free.splice(0, next.n));
    }
  }

  /**
   * Deletes every throw-away account (at the end of the run, interrupted or not), through a
   * session `sessions` kept for it where there is one, then closes the sessions left there.
   */
  async drain(sessions?: SessionPool): Promise<void> {
    const registrar = this.registrar;
    if (registrar) {
      await Promise.allSettled([...this.created].map(async (account) => {
        await registrar.remove(account, sessions?.take(account));
        this.created.delete(account);
      }));
    }
    await sessions?.closeAll();
  }

  /** Up to `n` free accounts, preferred ones first, otherwise in the order they came free. */
  private takeFree(n: number, preferred: (a: Account) => boolean): Account[] {
    const chosen = [...this.free.filter(preferred), ...this.free.filter((a) => !preferred(a))].slice(0, n);
    for (const a of chosen) this.free.splice(this.free.indexOf(a), 1);
    return chosen;
  }

  private async register(): Promise<Account> {
    try {
      const account = await this.registrar!.create();
      this.created.add(account);
      this.pristine.add(account);
      return account;
    } catch (err) {
      throw new ToolError(`could not register a throw-away account: ${(err as Error).message}`, { cause: err });
    }
  }
}
