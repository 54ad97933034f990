import type { Redactor } from '../evidence/redact.js';
import { Transcript } from '../evidence/transcript.js';
import type { Session } from '../session/session.js';
import type { Account, TransportKind } from '../vocabulary.js';

/**
 * Logged-in sessions that cases ended with, kept open for the next case that leases the same
 * account: a login (connection, TLS, SASL, bind) costs the target and the tool more than most
 * cases do. Only quiet sessions come here: ones whose resource the server keeps no state for
 * (Session.residue), that the case did not stop, and whose earlier traffic has all arrived and
 * been forgotten (a ping round-trip, then the inbox is emptied). The account itself is the
 * cases' business as before: each leaves it as it found it.
 */
export class SessionPool {
  private readonly idle = new Map<string, Session>();
  /** Logins spared: sessions that a later case took instead of logging in. */
  reused = 0;
  /** Set once a ping went unanswered: a target that keeps cases waiting on it gets no more sessions kept. */
  private unanswered = false;

  constructor(private readonly redactor: Redactor) {}

  /**
   * Keeps `session` for later cases of `account` if it is fit (returns whether it did); otherwise
   * closes it. One session per account at most: a kept session is a connected resource of the
   * account while the next case runs, and a case that logs the account in once takes it, so
   * that case sees the account's resources as a new login would show them.
   */
  async give(account: Account, session: Session): Promise<boolean> {
    const keepable = (): boolean => !this.unanswered && !session.isClosed && !session.residue && !this.idle.has(keyOf(account));
    // fit before the flushing ping, and still fit after it (another session of the account may have come meanwhile)
    if (!keepable() || !(await this.flushed(session)) || !keepable()) {
      await session.close();
      return false;
    }
    session.clearInbox();
    // the case's transcript is finished: while idle, the session records nowhere anyone reads
    session.adopt(new Transcript(this.redactor), 'idle');
    this.idle.set(keyOf(account), session);
    return true;
  }

  /** A ping round-trip, after which whatever was on its way to the session has arrived (false: no answer). */
  private async flushed(session: Session): Promise<boolean> {
    try {
      await session.sync();
      return true;
    } catch {
      this.unanswered ||= !session.isClosed;
      return false;
    }
  }

  /** Whether a session of `account` over `kind` is kept. */
  holds(account: Account, kind: TransportKind): boolean {
    const session = this.idle.get(keyOf(account));
    return session !== undefined && !session.isClosed && session.transportKind === kind;
  }

  /** The kept session of `account`, now the caller's, if there is one. */
  take(account: Account): Session | undefined {
    const session = this.idle.get(keyOf(account));
    this.idle.delete(keyOf(account));
    return session?.isClosed ? undefined : session;
  }

  /** Closes every kept session (at the end of the run). */
  async closeAll(): Promise<void> {
    const sessions = [...this.idle.values()];
    this.idle.clear();
    await Promise.allSettled(sessions.map((s) => s.close()));
  }
}

function keyOf(account: Account): string {
  return account.jid.toLowerCase();
}
