import { type Account, bare, type CaseContext, type Element, iq, iqStanza, type Match, NS, type Session, token, x } from '../../src/authoring.js';
import { markerFrom } from './presence.js';
import { attempt, type Round } from './traffic.js';
import { accepted, getList, listNames, removeList, setDefault, soleSession, type ListNames } from './privacy.js';

export type Command = 'block' | 'unblock';

/** A block or unblock command (XEP-0191 §3.3–3.5); an unblock without JIDs unblocks everyone. */
export function blockingIq(command: Command, jids: string[]): Element {
  return iq('set', {}, x(command, { xmlns: NS.blocking }, ...jids.map((jid) => x('item', { jid }))));
}

export interface Blocklist {
  response: Element;
  ok: boolean;
  element?: Element;
  jids: string[];
}

/** A blocklist request (XEP-0191 §3.2; v1.1 §5.2): an IQ get with no 'to'. */
export function blocklistIq(): Element {
  return iq('get', {}, x('blocklist', { xmlns: NS.blocking }));
}

/** The user's blocklist (§3.2). */
export async function getBlocklist(session: Session): Promise<Blocklist> {
  const response = await session.iq(blocklistIq());
  const element = response.getChild('blocklist', NS.blocking);
  return {
    response,
    ok: response.attrs.type === 'result' && element !== undefined,
    element,
    jids: (element?.getChildren('item') ?? []).map((i) => i.attrs.jid as string),
  };
}

/** A blocking push: an IQ set carrying a <block/> or <unblock/> (§3.3–3.5). */
export function blockingPush(command: Command): Match {
  return iqStanza({ type: 'set', where: (el) => el.getChild(command, NS.blocking) !== undefined }, `a <${command}/> push`);
}

/** The JIDs a push carries. */
export function pushedJids(push: Element, command: Command): string[] {
  return (push.getChild(command, NS.blocking)?.getChildren('item') ?? []).map((i) => (i.attrs.jid as string).toLowerCase());
}

/** A JID on the domain under test that no account has: something to block without side effects. */
export function strangerJid(t: CaseContext): string {
  return `stranger-${token(4)}@${t.domain}`;
}

/** Whether two lists of JIDs hold the same JIDs, ignoring order and case. */
export function sameJids(a: string[], b: string[]): boolean {
  const norm = (l: string[]): string => [...new Set(l.map((j) => j.toLowerCase()))].sort().join(' ');
  return norm(a) === norm(b);
}

/**
 * One account's blocklist during a case: raw commands return the server's answer; blockNow and
 * unblockNow are preparation (ERROR when refused). When the case ends the blocklist is made what
 * it was (unblocking what was added, blocking again what was removed) and, where the server keeps
 * blocks in privacy lists (§5), a default list it created for them is removed if left empty.
 */
export class Blocks {
  private readonly sessions: Session[];

  private constructor(
    private readonly t: CaseContext,
    private readonly account: Account,
    private readonly first: Session,
    private readonly initial: string[],
    private readonly privacyBefore: ListNames | undefined,
  ) {
    this.sessions = [first];
  }

  /** Starts tracking the account of `session`: its blocklist (which `session` thereby requests) and privacy lists. */
  static async of(t: CaseContext, session: Session): Promise<Blocks> {
    const account = t.accountOf(session);
    const initial = await t.setup('read the blocklist', async () => {
      const list = await getBlocklist(session);
      accepted(list.response);
      return list.jids;
    });
    const privacy = await listNames(session);
    const blocks = new Blocks(t, account, session, initial, privacy.ok ? privacy : undefined);
    t.defer(() => blocks.restore());
    return blocks;
  }

  /** Another resource of the same account, closed before the clean-up. */
  track(session: Session): void {
    this.sessions.push(session);
  }

  block(session: Session, jids: string[]): Promise<Element> {
    return session.iq(blockingIq('block', jids));
  }

  /** Unblocks `jids`, or everyone when the list is empty. */
  unblock(session: Session, jids: string[]): Promise<Element> {
    return session.iq(blockingIq('unblock', jids));
  }

  async blockNow(jids: string[], session = this.first): Promise<void> {
    await this.t.setup(`block ${jids.join(', ')}`, async () => accepted(await this.block(session, jids)));
  }

  async unblockNow(jids: string[], session = this.first): Promise<void> {
    await this.t.setup(`unblock ${jids.join(', ')}`, async () => accepted(await this.unblock(session, jids)));
  }

  private async restore(): Promise<void> {
    const keeper = await soleSession(this.t, this.account, this.sessions);
    const now = await getBlocklist(keeper);
    const lower = new Set(this.initial.map((j) => j.toLowerCase()));
    const added = now.jids.filter((j) => !lower.has(j.toLowerCase()));
    const current = new Set(now.jids.map((j) => j.toLowerCase()));
    const removed = this.initial.filter((j) => !current.has(j.toLowerCase()));
    if (added.length) accepted(await this.unblock(keeper, added));
    if (removed.length) accepted(await this.block(keeper, removed));
    if (this.privacyBefore) await this.restorePrivacy(keeper, this.privacyBefore);
  }

  private async restorePrivacy(keeper: Session, before: ListNames): Promise<void> {
    const after = await listNames(keeper);
    for (const name of after.lists.filter((l) => !before.lists.includes(l))) {
      const list = await getList(keeper, name);
      if (!list.ok || list.items.length > 0) continue;
      if (after.default === name) accepted(await setDefault(keeper, before.default));
      await removeList(keeper, name);
    }
  }
}

/**
 * What a blocked JID's stanzas meet (§3.3), shared by the cases on delivery and on the answers:
 * A (available) blocks C; C sends A one stanza of each kind; A unblocks C and C's next message
 * closes the round (the barrier). Returns the round and the sessions.
 */
export async function blockedInbound(t: CaseContext): Promise<{ a: Session; c: Session; round: Round }> {
  const [accountA, accountC] = t.accounts;
  const a = await t.login(accountA!, { presence: true });
  const c = await t.login(accountC!);
  const blocks = await Blocks.of(t, a);
  await blocks.blockNow([bare(c.jid!)]);
  const round = await attempt(c, a, ['message', 'message-full', 'presence', 'iq-get', 'iq-set', 'iq-result'], {
    lift: () => blocks.unblockNow([bare(c.jid!)]),
    marker: () => markerFrom(t, c, a),
  });
  return { a, c, round };
}
