import { type Account, bare, type CaseContext, describe, type Element, iq, NS, query, type Session, stanzaError, token, x } from '../../src/authoring.js';
import { markerFrom } from './presence.js';
import { attempt, type Round } from './traffic.js';

/** The stanza kinds an item can be limited to (XEP-0016 §2.1); none means every stanza. */
export type Blockable = 'message' | 'iq' | 'presence-in' | 'presence-out';

/** One privacy rule (an <item/>, XEP-0016 §2.1). */
export interface Rule {
  type?: 'jid' | 'group' | 'subscription';
  value?: string;
  action: 'allow' | 'deny';
  order: number;
  stanzas?: Blockable[];
}

/** A rule on one JID (its bare form when a full JID is given). */
export function jidRule(action: Rule['action'], jid: string, order: number, ...stanzas: Blockable[]): Rule {
  return { type: 'jid', value: bare(jid), action, order, stanzas };
}

/** The fall-through rule: no type, matches everything left (§2.1). */
export function everyone(action: Rule['action'], order: number, ...stanzas: Blockable[]): Rule {
  return { action, order, stanzas };
}

function itemOf(r: Rule): Element {
  return x('item', { type: r.type, value: r.value, action: r.action, order: r.order }, ...(r.stanzas ?? []).map((s) => x(s)));
}

/** An IQ to the user's own server in jabber:iq:privacy with the given children of <query/>. */
export function privacyIq(type: 'get' | 'set', ...children: Element[]): Element {
  return iq(type, {}, query(NS.privacy, {}, ...children));
}

export interface ListNames {
  response: Element;
  ok: boolean;
  active?: string;
  default?: string;
  lists: string[];
}

/** The names of the user's lists and which are active and default (§2.3). */
export async function listNames(session: Session): Promise<ListNames> {
  const response = await session.iq(privacyIq('get'));
  const q = response.getChild('query', NS.privacy);
  return {
    response,
    ok: response.attrs.type === 'result' && q !== undefined,
    active: q?.getChild('active')?.attrs.name,
    default: q?.getChild('default')?.attrs.name,
    lists: (q?.getChildren('list') ?? []).map((l) => l.attrs.name as string),
  };
}

/** One list's items as the server returned them (§2.3). */
export async function getList(session: Session, name: string): Promise<{ response: Element; ok: boolean; items: Element[] }> {
  const response = await session.iq(privacyIq('get', x('list', { name })));
  const list = response.getChild('query', NS.privacy)?.getChildren('list').find((l) => l.attrs.name === name);
  return { response, ok: response.attrs.type === 'result' && list !== undefined, items: list?.getChildren('item') ?? [] };
}

/** Removes a list (§2.8): a <list/> with a name and no items. */
export function removeList(session: Session, name: string): Promise<Element> {
  return session.iq(privacyIq('set', x('list', { name })));
}

/** Makes `name` the session's active list; without a name, declines any (§2.4). */
export function setActive(session: Session, name?: string): Promise<Element> {
  return session.iq(privacyIq('set', x('active', { name })));
}

/** Makes `name` the default list; without a name, declines any (§2.5). */
export function setDefault(session: Session, name?: string): Promise<Element> {
  return session.iq(privacyIq('set', x('default', { name })));
}

/** A list name no earlier run used. */
export function freshListName(): string {
  return `certify-${token(4)}`;
}

/** Whether an error answer says the server has no privacy lists at all. */
export function privacyAbsent(response: Element): boolean {
  return ['service-unavailable', 'feature-not-implemented'].includes(stanzaError(response)?.condition ?? '');
}

export function accepted(response: Element): void {
  if (response.attrs.type !== 'result') throw new Error(`the server answered ${describe(response, 300)}`);
}

/**
 * For clean-up: one open session of `account` and no other, so no list is in use by another
 * resource (which makes servers refuse changes with <conflict/>, §2.5). Closes the others, or logs
 * in again when the case closed them all.
 */
export async function soleSession(t: CaseContext, account: Account, sessions: Session[]): Promise<Session> {
  const open = sessions.filter((s) => !s.isClosed);
  await Promise.all(open.slice(1).map((s) => s.close()));
  return open[0] ?? t.login(account);
}

/**
 * One account's privacy lists during a case. Raw requests return the server's answer for the case
 * to judge; create/activate/makeDefault are preparation (ERROR when refused). Everything is undone
 * when the case ends: the account's other resources are closed (see soleSession()), the active
 * list is declined, the default put back as it was, and every list the case named is removed.
 */
export class Privacy {
  private readonly sessions: Session[];
  private readonly named = new Set<string>();

  private constructor(
    private readonly t: CaseContext,
    private readonly account: Account,
    private readonly first: Session,
    private readonly previousDefault: string | undefined,
  ) {
    this.sessions = [first];
  }

  /** Starts tracking the account of `session`, reading its current default list first. */
  static async of(t: CaseContext, session: Session): Promise<Privacy> {
    const account = t.accountOf(session);
    const before = await t.setup('read the privacy lists', async () => {
      const names = await listNames(session);
      accepted(names.response);
      return names;
    });
    const privacy = new Privacy(t, account, session, before.default);
    t.defer(() => privacy.restore());
    return privacy;
  }

  /** Another resource of the same account, closed before the clean-up. */
  track(session: Session): void {
    this.sessions.push(session);
  }

  /** Creates or replaces a list (§2.6, §2.7); the name is removed at the end whatever the answer. */
  setList(session: Session, name: string, rules: Rule[]): Promise<Element> {
    this.named.add(name);
    return session.iq(privacyIq('set', x('list', { name }, ...rules.map(itemOf))));
  }

  /** Creates a list with a fresh name and returns the name. */
  async create(rules: Rule[], session = this.first): Promise<string> {
    const name = freshListName();
    await this.t.setup(`create the privacy list ${name}`, async () => accepted(await this.setList(session, name, rules)));
    return name;
  }

  /** Activates `name` for `session`, or declines the active list without a name. */
  async activate(name: string | undefined, session = this.first): Promise<void> {
    await this.t.setup(name ? `activate the privacy list ${name}` : 'decline the active list', async () => accepted(await setActive(session, name)));
  }

  async makeDefault(name: string | undefined, session = this.first): Promise<void> {
    await this.t.setup(name ? `make ${name} the default list` : 'decline the default list', async () => accepted(await setDefault(session, name)));
  }

  private async restore(): Promise<void> {
    const keeper = await soleSession(this.t, this.account, this.sessions);
    const declined = await setActive(keeper);
    const reset = await setDefault(keeper, this.previousDefault);
    // a list the server refused to create answers its removal with an error: nothing to undo
    for (const name of this.named) await removeWhenFree(keeper, name);
    accepted(declined);
    accepted(reset);
  }
}

/**
 * Removes a list, waiting a moment while the server still counts a just-closed resource as using
 * it: a closing stream ends on the server a little after its </stream:stream> was sent, and until
 * then the removal is refused with <conflict/> (§2.5).
 */
async function removeWhenFree(session: Session, name: string): Promise<Element> {
  let answer = await removeList(session, name);
  for (const pauseMs of [200, 500, 1000]) {
    if (answer.attrs.type !== 'error' || stanzaError(answer)?.condition !== 'conflict') break;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    answer = await removeList(session, name);
  }
  return answer;
}

export interface DeniedMessages {
  a: Session;
  b: Session;
  c: Session;
  privacy: Privacy;
  /** C's messages to A, to A's bare and full JID, closed by B's marker. */
  round: Round;
}

/**
 * The effect of a message rule (§2.9), shared by the cases on delivery and on the error C gets:
 * A (available) activates a list that denies C's messages and allows everything else; C messages
 * A's bare and full JID, and a marker message from B to A closes the round.
 */
export async function deniedMessages(t: CaseContext): Promise<DeniedMessages> {
  const [accountA, accountB, accountC] = t.accounts;
  const a = await t.login(accountA!, { presence: true });
  const b = await t.login(accountB!);
  const c = await t.login(accountC!);
  const privacy = await Privacy.of(t, a);
  await privacy.activate(await privacy.create([jidRule('deny', c.jid!, 1, 'message'), everyone('allow', 2)]));
  const round = await attempt(c, a, ['message', 'message-full'], { marker: () => markerFrom(t, b, a) });
  return { a, b, c, privacy, round };
}
