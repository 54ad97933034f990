import { type Account, anyOf, type CaseContext, describe, type Element, malformedError, match, type Match, type Session, type StanzaCount, streamError, token, x } from '../../src/authoring.js';
import { authenticatedStream } from '../lib/sessions.js';

/**
 * Stream management (XEP-0198 v1.6.1) as the cases use it: <enable/> and its answer, a stream's
 * two counters (§4), a dropped connection and its resumption over a new one (§5).
 */

export const SM = 'urn:xmpp:sm:3';

/** An element of stream management itself, one of `names`. */
export function smElement(...names: string[]): Match {
  return match(names.map((n) => `<${n} xmlns='${SM}'/>`).join(' or '), (el) => el.getNS() === SM && names.includes(el.getName()));
}

/** The answer to <enable/> or <resume/>, or a stream error instead. */
export function smAnswer(...names: string[]): Match {
  return anyOf(smElement(...names), streamError());
}

export function isSm(el: Element, name: string): boolean {
  return el.getNS() === SM && el.getName() === name;
}

/** What is wrong with the condition of a <failed/> (§6: one of RFC 6120's stanza error conditions), or undefined. */
export function failedConditionProblem(failed: Element): string | undefined {
  // the rule for an error stanza's condition: one defined condition, in the stanzas namespace
  const problem = malformedError(x('message', {}, x('error', { type: 'cancel' }, ...failed.getChildElements())));
  return problem?.replace('the <error/>', 'the <failed/>');
}

/** The stanza error condition a <failed/> carries, if any. */
export function failedCondition(failed: Element): string | undefined {
  return failed.getChildElements().find((c) => c.getNS() === 'urn:ietf:params:xml:ns:xmpp-stanzas' && c.getName() !== 'text')?.getName();
}

/** A made-up SM-ID no server handed out. */
export function unknownSmId(): string {
  return `certify-unknown-${token(8)}`;
}

/**
 * A stream with stream management on. It counts the stanzas sent and received since <enable/>
 * (on top of `base`, the counts of the stream it resumed), and acknowledges what it received
 * before the case ends: a stream closed with stanzas unacknowledged would have the server treat
 * them as undelivered (§4) and leave them behind for later cases.
 */
export class Managed {
  private constructor(
    readonly s: Session,
    /** The <enabled/> of the session (the one the first stream got, for a resumed one). */
    readonly enabled: Element,
    private readonly count: StanzaCount,
    private readonly base: { sent: number; received: number },
  ) {}

  static of(t: CaseContext, s: Session, enabled: Element, count: StanzaCount, base = { sent: 0, received: 0 }): Managed {
    const managed = new Managed(s, enabled, count, base);
    t.defer(async () => {
      if (!s.isClosed) managed.ack();
    });
    return managed;
  }

  /** The SM-ID, when the server allows resumption (§5). */
  get id(): string | undefined {
    return this.resumable ? this.enabled.attrs.id : undefined;
  }

  get resumable(): boolean {
    return ['true', '1'].includes(this.enabled.attrs.resume as string) && Boolean(this.enabled.attrs.id);
  }

  /** Stanzas the client sent since enabling (§4: what the server's 'h' must count). */
  get sent(): number {
    return this.base.sent + this.count.sent;
  }

  /** Stanzas the client received since enabling: its own 'h'. */
  get received(): number {
    return this.base.received + this.count.received;
  }

  ack(): void {
    this.s.send(x('a', { xmlns: SM, h: String(this.received) }));
  }

  /** Sends <r/> and waits for the server's <a/>. */
  request(): Promise<Element> {
    this.s.send(x('r', { xmlns: SM }));
    return this.s.expect(smElement('a'));
  }

  /** The same session over the stream `s` that resumed it, counting on from this one. */
  resumedOn(t: CaseContext, s: Session, count: StanzaCount): Managed {
    return Managed.of(t, s, this.enabled, count, { sent: this.sent, received: this.received });
  }
}

/**
 * Sends <enable/> on a quiet session (a ping round trip first, so that no reply to earlier
 * requests is still on its way: both counters start at <enable/>) and returns the answer: the
 * stream managed, or the <failed/> (or stream error) the server gave instead.
 */
export async function enable(t: CaseContext, s: Session, attrs: Record<string, string> = {}): Promise<{ managed?: Managed; answer: Element }> {
  await t.setup(`let ${s.label}'s stream settle before enabling stream management`, () => s.sync());
  const count = s.countStanzas();
  s.send(x('enable', { xmlns: SM, ...attrs }));
  const answer = await s.expect(smAnswer('enabled', 'failed'));
  return { managed: isSm(answer, 'enabled') ? Managed.of(t, s, answer, count) : undefined, answer };
}

/** Stream management as the premise of a case: a server that refuses it leaves nothing to judge. */
export async function enabled(t: CaseContext, s: Session): Promise<Managed> {
  const { managed, answer } = await enable(t, s);
  if (!managed) return t.skip(`the server did not enable stream management on this stream: ${describe(answer, 200)}`);
  return managed;
}

/** A resumable stream (§5) as the premise of a case: without resumption there is nothing to judge. */
export async function resumable(t: CaseContext, s: Session, attrs: Record<string, string> = {}): Promise<Managed> {
  const { managed, answer } = await enable(t, s, { resume: 'true', ...attrs });
  if (!managed) return t.skip(`the server did not enable stream management on this stream: ${describe(answer, 200)}`);
  if (!managed.resumable) return t.skip(`the server enabled stream management without resumption: ${describe(answer, 200)}`);
  return managed;
}

/** A new stream, authenticated as `account` and not bound, that asks to resume `previd` having handled `h` stanzas. */
export async function resumeOn(t: CaseContext, account: Account, previd: string, h: number, label = 'resume'): Promise<{ s: Session; count: StanzaCount; answer: Element }> {
  const s = await authenticatedStream(t, account, label);
  const count = s.countStanzas();
  s.send(x('resume', { xmlns: SM, previd, h: String(h) }));
  return { s, count, answer: await s.expect(smAnswer('resumed', 'failed')) };
}

/**
 * Drops the connection of a resumable session without closing its stream, as a lost network
 * would. Until the case resumes it (`resumed()`), a clean-up does, then closes it: a session the
 * server keeps for its resumption time would otherwise be a resource of the account that later
 * cases meet.
 */
export function dropConnection(t: CaseContext, managed: Managed, account: Account): { resumed(): void } {
  let done = false;
  managed.s.destroy('the connection is dropped on purpose, the stream left unclosed (XEP-0198 §5)');
  t.defer(async () => {
    if (done) return;
    const { s, count, answer } = await resumeOn(t, account, managed.id!, managed.received, 'clean-up');
    if (isSm(answer, 'resumed')) {
      // what the server sends again counts too: acknowledged, none of it is left undelivered
      await s.sync();
      s.send(x('a', { xmlns: SM, h: String(managed.received + count.received) }));
    }
    await s.close();
  });
  return { resumed: () => (done = true) };
}
