import { Skip, ToolError } from './errors.js';

export interface Account {
  /** Bare JID. */
  jid: string;
  local: string;
  domain: string;
  password: string;
}

export function parseAccount(jid: string, password: string): Account {
  const at = jid.indexOf('@');
  if (at <= 0 || at === jid.length - 1 || jid.includes('/')) throw new Error(`not a bare JID: ${jid}`);
  return { jid, local: jid.slice(0, at), domain: jid.slice(at + 1), password };
}

/** Creates and deletes throw-away accounts (XEP-0077), for --register. */
export interface Registrar {
  create(): Promise<Account>;
  remove(account: Account): Promise<void>;
}

/**
 * Hands accounts to cases, each exclusively for the case's lifetime, so no case sees another's
 * roster pushes, presence or lists. Given accounts are shared out in turn; with a registrar,
 * every case gets fresh accounts that are deleted when it ends.
 */
export class AccountPool {
  private readonly free: Account[];
  private readonly queue: { n: number; grant(accounts: Account[]): void }[] = [];
  private readonly removals = new Set<Promise<void>>();
  private readonly live = new Set<Account>();

  constructor(
    private readonly given: Account[],
    private readonly registrar?: Registrar,
  ) {
    this.free = [...given];
  }

  get size(): number {
    return this.registrar ? Infinity : this.given.length;
  }

  /** Accounts for one case; waits while other cases hold the given ones. */
  async lease(n: number, signal: AbortSignal): Promise<Account[]> {
    if (n === 0) return [];
    if (this.registrar) {
      const created = await Promise.all(Array.from({ length: n }, () => this.register()));
      return created;
    }
    if (n > this.given.length) {
      throw new Skip(`needs ${n} accounts and the run has ${this.given.length}: give more --account, or use --register`, 'not-run');
    }
    if (this.free.length >= n && this.queue.length === 0) return this.free.splice(0, n);
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

  release(accounts: Account[]): void {
    if (accounts.length === 0) return;
    if (this.registrar) {
      for (const account of accounts) this.unregister(account);
      return;
    }
    this.free.push(...accounts);
    while (this.queue.length > 0 && this.free.length >= this.queue[0]!.n) {
      const next = this.queue.shift()!;
      next.grant(this.free.splice(0, next.n));
    }
  }

  /** Waits for every pending deletion of throw-away accounts. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.removals]);
  }

  /** Throw-away accounts created and not yet deleted (for cleanup on interruption). */
  get outstanding(): Account[] {
    return [...this.live];
  }

  private async register(): Promise<Account> {
    try {
      const account = await this.registrar!.create();
      this.live.add(account);
      return account;
    } catch (err) {
      throw new ToolError(`could not register a throw-away account: ${(err as Error).message}`, { cause: err });
    }
  }

  private unregister(account: Account): void {
    const removal = this.registrar!.remove(account)
      .then(() => void this.live.delete(account))
      .catch(() => undefined)
      .finally(() => this.removals.delete(removal));
    this.removals.add(removal);
  }
}
