import type { Session } from '../session/session.js';
import type { Account } from './accounts.js';
import type { TransportKind } from './case.js';

/**
 * Logged-in sessions that cases ended with, kept open for the next case that leases the same
 * account: a login (connection, TLS, SASL, bind) costs the target and the tool more than most
 * cases do. Only quiet sessions come here: ones whose resource the server keeps no state for
 * (Session.residue), that the case did not stop, and whose earlier traffic has all arrived and
 * been forgotten (a ping round-trip, then the inbox is emptied). The account itself is the
 * cases' business as before: each leaves it as it found it.
 */
export class SessionPool {
  private readonly idle = new Map<string, Session[]>();
  /** Logins spared: sessions that a later case took instead of logging in. */
  reused = 0;

  /** Keeps `session` for later cases of `account` if it is fit (returns whether it did); otherwise closes it. */
  async give(account: Account, session: Session): Promise<boolean> {
    if (session.isClosed || session.residue) {
      await session.close();
      return false;
    }
    try {
      await session.sync();
    } catch {
      await session.close();
      return false;
    }
    if (session.isClosed) return false;
    session.clearInbox();
    const key = keyOf(account);
    this.idle.set(key, [...(this.idle.get(key) ?? []), session]);
    return true;
  }

  /** Whether a session of `account` over `kind` is kept. */
  holds(account: Account, kind: TransportKind): boolean {
    return (this.idle.get(keyOf(account)) ?? []).some((s) => !s.isClosed && s.transportKind === kind);
  }

  /** Every kept session of `account`, now the caller's. */
  takeAll(account: Account): Session[] {
    const key = keyOf(account);
    const sessions = (this.idle.get(key) ?? []).filter((s) => !s.isClosed);
    this.idle.delete(key);
    return sessions;
  }

  /** Closes every kept session (at the end of the run, before throw-away accounts are deleted). */
  async closeAll(): Promise<void> {
    const sessions = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.allSettled(sessions.map((s) => s.close()));
  }
}

function keyOf(account: Account): string {
  return account.jid.toLowerCase();
}
