import type { CaseContext } from '../../src/engine/context.js';
import type { Session } from '../../src/session/session.js';
import { bare } from '../../src/session/stanza.js';

/**
 * Registers clean-up that acts as `owner`'s account when the case ends: through `owner` while
 * it is open, otherwise through a new login of the same account (a failed case may have lost
 * the stream), so given accounts are left as they were found.
 */
export function deferAs(t: CaseContext, owner: Session, cleanup: (session: Session) => Promise<unknown>): void {
  const account = t.accounts.find((a) => a.jid.toLowerCase() === bare(owner.jid ?? '').toLowerCase());
  t.defer(async () => {
    const session = owner.isClosed && account ? await t.login(account) : owner;
    if (!session.isClosed) await cleanup(session);
  });
}
