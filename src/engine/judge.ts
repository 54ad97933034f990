import type { Redactor } from '../evidence/redact.js';
import type { Transcript } from '../evidence/transcript.js';
import type { Finding } from '../report/model.js';
import type { Match } from '../session/match.js';
import { malformedError, stanzaError, type StanzaError } from '../session/stanza.js';
import { describe, type Element } from '../xml/element.js';
import type { SkipKind, Strength } from '../vocabulary.js';
import { Nonconformance, Skip } from './errors.js';

/**
 * The verdict verbs of one case: what it checks, at which strength, and what it noted. Pure but
 * for the transcript it writes its notes to: testable without a server.
 *
 * - check() / must() / should() compare what happened with what the requirement demands; a
 *   failed MUST ends the case as FAIL, a failed SHOULD is a warning and the case goes on.
 * - skip() ends it without a verdict on the target; note() and outcome() add observations.
 */
export class Judge {
  readonly findings: Finding[] = [];
  readonly notes: string[] = [];

  constructor(
    /** Strength of the case's own keyword: what check() and failed waits count as. */
    readonly strength: Strength,
    private readonly transcript: Transcript,
    private readonly redactor: Redactor,
    /**
     * The most a miss can count for: 'should' when the case judges a rule only a later text
     * states (NotInText.later), so that no check of it, t.must included, fails the target.
     */
    private readonly ceiling: Strength = 'must',
  ) {}

  /** Checks at the strength of the case's keyword. */
  check(ok: boolean, expected: string, actual?: string | Element): boolean {
    return this.verify(this.strength, ok, expected, actual);
  }

  must(ok: boolean, expected: string, actual?: string | Element): boolean {
    return this.verify('must', ok, expected, actual);
  }

  should(ok: boolean, expected: string, actual?: string | Element): boolean {
    return this.verify('should', ok, expected, actual);
  }

  /**
   * Checks that `response` is an error stanza whose condition is one of `conditions` (RFC 6120
   * §8.3), and that the error is well formed: a defined type and one defined condition as a
   * direct child of <error/> (§8.3.2). Returns the error. An empty list accepts any condition.
   */
  expectError(response: Element, conditions: string[], strength: Strength = this.strength): StanzaError | undefined {
    const error = response.attrs.type === 'error' ? stanzaError(response) : undefined;
    const wanted = conditions.length ? conditions.map((c) => `<${c}/>`).join(' or ') : 'any condition';
    const ok = error !== undefined && (conditions.length === 0 || conditions.includes(error.condition ?? ''));
    if (!this.verify(strength, ok, `an error stanza with ${wanted}`, response)) return error;
    const problem = malformedError(response);
    this.verify(strength, problem === undefined, `an error stanza with ${wanted}, well formed (RFC 6120 §8.3.2: a defined type and one defined condition)`, `${problem}: ${describe(response, 300)}`);
    return error;
  }

  /**
   * Proves that nothing matching `m` reached `s`: `barrier` must first show that the target
   * processed what was sent before it (s.sync() answered, a marker sent after the stanza under
   * test arrived). Silence alone proves nothing: when the barrier fails, the case ends as
   * unproven, never as a pass. The check is at the case's strength unless given.
   */
  async nothingArrived(s: { received(m: Match): Element[] }, m: Match, what: string, barrier: () => Promise<unknown>, strength: Strength = this.strength): Promise<boolean> {
    try {
      await barrier();
    } catch (err) {
      if (err instanceof Skip) throw err;
      this.skip(`unproven: no ${what} arrived, but nothing showed that the target had processed what was sent (${(err as Error).message})`, 'unproven');
    }
    const seen = s.received(m)[0];
    return this.verify(strength, seen === undefined, `no ${what}`, seen);
  }

  /** Records which of the outcomes a spec allows actually happened. */
  outcome(text: string): void {
    this.note(`outcome: ${text}`);
  }

  note(text: string): void {
    this.notes.push(text);
    this.transcript.record('-', 'note', text);
  }

  /**
   * Ends the case without a verdict on the target: by default as not applicable (its premise
   * does not hold here); 'not-run' when the run could not exercise it, 'unproven' when what it
   * must prove could not be proved (see SkipKind). The last two leave a MUST unexercised.
   */
  skip(reason: string, kind: SkipKind = 'not-applicable'): never {
    throw new Skip(reason, kind);
  }

  private verify(asked: Strength, ok: boolean, expected: string, actual?: string | Element): boolean {
    if (ok) return true;
    const strength = asked === 'must' && this.ceiling !== 'must' ? this.ceiling : asked;
    const seen = actual === undefined ? '(see transcript)' : typeof actual === 'string' ? actual : describe(actual, 400);
    const finding: Finding = { strength, expected, actual: this.redactor.redact(seen) };
    if (strength === 'must') throw new Nonconformance(`expected ${expected}`, finding.expected, finding.actual, 'must');
    this.findings.push(finding);
    this.transcript.record('-', 'note', `${strength === 'should' ? 'SHOULD' : 'MAY'} not met: expected ${expected}; got ${finding.actual}`);
    return false;
  }
}
