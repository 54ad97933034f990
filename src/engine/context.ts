import type { CitedText } from '../catalogue/citation.js';
import type { Baseline } from '../catalogue/specs.js';
import { Transcript } from '../evidence/transcript.js';
import { defaultHostMetaUrl } from '../transport/discovery.js';
import type { Endpoint } from '../transport/types.js';
import type { Finding } from '../report/model.js';
import type { Match } from '../session/match.js';
import type { Session, TargetAddress } from '../session/session.js';
import { newId, type StanzaError } from '../session/stanza.js';
import { describe, type Element } from '../xml/element.js';
import type { Account, SkipKind, Strength, TransportKind } from '../vocabulary.js';
import { Cleanups } from './cleanups.js';
import type { ClientLink } from './client-link.js';
import type { LoginOptions, RunEnvironment } from './environment.js';
import { ToolError } from './errors.js';
import { Judge } from './judge.js';
import { Logins } from './logins.js';
import { setupStep } from './setup.js';
import { describeAction, type ClientAction } from './user-actions.js';

export type { LoginOptions, RunEnvironment };

/**
 * The world as one case sees it, and the verbs it is written in. A thin front over rooms with
 * one job each: the verdict verbs (Judge), the case's sessions and logins (Logins, the only
 * code that knows sessions are handed from case to case), its clean-ups (Cleanups) and user
 * actions for a client under test (act).
 */
export class CaseContext {
  readonly transcript: Transcript;
  private readonly judge: Judge;
  private readonly logins: Logins;
  private readonly cleanups: Cleanups;
  private cleaningUp = false;

  /** Strength of the case's own keyword: what check() and failed waits count as. */
  readonly strength: Strength;
  /**
   * The text the run judges the case by: the RFC of the baseline or the XEP version the level
   * cites, with its section and keyword (`t.citation.version` tells a XEP case which text it is
   * held to). Undefined for the engine's own steps (the account check, probes).
   */
  readonly citation?: CitedText;
  private readonly pristine: (account: Account) => boolean;

  constructor(
    private readonly env: RunEnvironment,
    readonly accounts: Account[],
    readonly transport: TransportKind,
    private readonly facts: ReadonlyMap<string, string>,
    readonly signal: AbortSignal,
    judging: {
      strength: Strength;
      /** The most a miss can count for (see Judge). */
      ceiling?: Strength;
      citation?: CitedText;
      /** Whether an account was made for the run and no case used it yet. */
      pristine?: (account: Account) => boolean;
    },
  ) {
    this.strength = judging.strength;
    this.citation = judging.citation;
    this.pristine = judging.pristine ?? (() => false);
    this.transcript = new Transcript(env.redactor);
    this.judge = new Judge(judging.strength, this.transcript, env.redactor, judging.ceiling);
    this.cleanups = new Cleanups(this.transcript);
    this.logins = new Logins(env, this.transcript, accounts, transport, () => this.stepSignal);
  }

  // ---- what the case may read ------------------------------------------------------------

  get baseline(): Baseline {
    return this.env.baseline;
  }

  get domain(): string {
    return this.env.target.domain;
  }

  get target(): TargetAddress {
    return this.env.target;
  }

  get silenceMs(): number {
    return this.env.silenceMs;
  }

  get stepMs(): number {
    return this.env.limits.stepMs;
  }

  get boshUrl(): string | undefined {
    return this.env.boshUrl;
  }

  get websocketUrl(): string | undefined {
    return this.env.websocketUrl;
  }

  get directTls(): Endpoint | undefined {
    return this.env.directTls;
  }

  /** Where the domain's host-meta is (XEP-0156). */
  get hostMetaUrl(): string {
    return this.env.hostMetaUrl ?? defaultHostMetaUrl(this.env.target.domain);
  }

  /**
   * The abort signal for network steps: the case's while its body runs, none in clean-up, which
   * finish() bounds by its own deadline (the case's signal has fired by then, and a clean-up
   * it cut short would leave a session or a room behind at the target).
   */
  get stepSignal(): AbortSignal | undefined {
    return this.cleaningUp ? undefined : this.signal;
  }

  /** Whether the case's accounts were made for it (--register) and no case used them before. */
  get freshAccounts(): boolean {
    return this.accounts.length > 0 && this.accounts.every((a) => this.pristine(a));
  }

  get findings(): Finding[] {
    return this.judge.findings;
  }

  get notes(): string[] {
    return this.judge.notes;
  }

  /** The client under certification (client levels only). */
  get client(): ClientLink {
    if (!this.env.client) throw new ToolError('this case certifies a client: run with --listen or --peer');
    return this.env.client;
  }

  /** A value a spec's probe found (the MUC service JID, …). */
  fact(name: string): string | undefined {
    return this.facts.get(name);
  }

  /** Like fact(), for values without which the case cannot run. */
  requireFact(name: string): string {
    const value = this.facts.get(name);
    if (value === undefined) throw new ToolError(`the spec probe did not find ${name}`);
    return value;
  }

  /** Keeps a value the case made up (a new account's password, a room secret) out of every report. */
  secret(value: string): string {
    this.env.redactor.addSecret(value);
    return value;
  }

  // ---- sessions (Logins) -----------------------------------------------------------------

  /** A connected session with nothing sent yet: for tests of the stream itself; `at`: an endpoint other than the run's. */
  connect(label?: string, kind?: TransportKind, at?: string): Promise<Session> {
    return this.logins.connect(label, kind, at);
  }

  /** A session whose stream is open and, where offered, secured with STARTTLS. */
  secureStream(label?: string, kind?: TransportKind, lang?: string): Promise<Session> {
    return this.logins.secureStream(label, kind, lang);
  }

  /**
   * A logged-in session for one of the case's accounts: stream, STARTTLS, SASL, bind and, where
   * the server requires it, the RFC 3921 session. Any failure on the way is an ERROR of the
   * case (it could not be exercised), not a finding.
   */
  login(account: Account, options?: LoginOptions): Promise<Session> {
    return this.logins.login(account, options);
  }

  /** Before a case reaches the target without connect()/login() (raw BOSH requests): see Logins.closeKept. */
  closeKept(): Promise<void> {
    return this.logins.closeKept();
  }

  /** The account `session` is logged in as. */
  accountOf(session: Session): Account {
    return this.logins.accountOf(session);
  }

  /** `session` while it is open, otherwise a new login of its account: for clean-up. */
  liveSession(session: Session): Promise<Session> {
    return this.logins.liveSession(session);
  }

  // ---- preparation and clean-up ----------------------------------------------------------

  /** Runs a set-up step; if it fails, the case ends as ERROR with the step named. */
  setup<T>(what: string, step: () => Promise<T>): Promise<T> {
    return setupStep(what, step);
  }

  /**
   * A request that only sets the scene (a publish before a notification case, a list before a
   * blocking case): an error answer ends the case as ERROR, naming the step, not as a finding of
   * the requirement under test. A temporary error (type 'wait', RFC 6120 §8.3.2: "retry after
   * waiting") is retried once.
   */
  setupIq(what: string, s: Session, request: Element): Promise<Element> {
    return setupStep(what, async () => {
      let response = await s.iq(request);
      if (response.attrs.type === 'error' && response.getChild('error')?.attrs.type === 'wait') {
        s.note(`a temporary error (type='wait') while setting up: trying once more (RFC 6120 §8.3.2)`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        request.attrs.id = newId();
        response = await s.iq(request);
      }
      if (response.attrs.type !== 'result') throw new ToolError(`the target answered ${describe(response, 300)}`);
      return response;
    });
  }

  /** Clean-up that runs when the case ends, passed or not (newest first). */
  defer(cleanup: () => Promise<unknown>): void {
    this.cleanups.defer(cleanup);
  }

  /**
   * Clean-up acting as `session`'s account: through `session` while it is open, otherwise
   * through a new login of the same account (a failed case may have lost the stream), so
   * given accounts are left as they were found.
   */
  deferAs(session: Session, cleanup: (live: Session) => Promise<unknown>): void {
    this.accountOf(session);
    this.defer(async () => cleanup(await this.liveSession(session)));
  }

  // ---- verdict verbs (Judge) -------------------------------------------------------------

  /** Checks at the strength of the case's keyword. */
  check(ok: boolean, expected: string, actual?: string | Element): boolean {
    return this.judge.check(ok, expected, actual);
  }

  must(ok: boolean, expected: string, actual?: string | Element): boolean {
    return this.judge.must(ok, expected, actual);
  }

  should(ok: boolean, expected: string, actual?: string | Element): boolean {
    return this.judge.should(ok, expected, actual);
  }

  /** Checks an error stanza, its condition, and that it is well formed (see Judge.expectError). */
  expectError(response: Element, conditions: string[], strength?: Strength): StanzaError | undefined {
    return this.judge.expectError(response, conditions, strength);
  }

  /** A negative check behind a barrier (see Judge.nothingArrived). */
  nothingArrived(s: Pick<Session, 'received'>, m: Match, what: string, barrier: () => Promise<unknown>, strength?: Strength): Promise<boolean> {
    return this.judge.nothingArrived(s, m, what, barrier, strength);
  }

  /** Records which of the outcomes a spec allows actually happened. */
  outcome(text: string): void {
    this.judge.outcome(text);
  }

  note(text: string): void {
    this.judge.note(text);
  }

  /** Ends the case without a verdict on the target (see Judge.skip). */
  skip(reason: string, kind?: SkipKind): never {
    return this.judge.skip(reason, kind);
  }

  // ---- user actions ----------------------------------------------------------------------

  /**
   * Has a user action done in the client and returns the stanza that proves it: through the
   * --exec driver, or by asking the person at the client. Without a way to act
   * (--non-interactive) the case is not run, never passed; a client that cannot do the action
   * does not support what the case needs (its spec is then absent); no proof in time is an
   * error of the run (the action may not have happened at all), not a failure of the client.
   */
  async act(action: ClientAction, proof: Match): Promise<Element> {
    const driver = this.env.actions;
    if (!driver) return this.skip(`needs the user to ${describeAction(action)}: run with --exec, or interactively`, 'not-run');
    const timeoutMs = this.env.actionTimeoutMs ?? 60_000;
    this.note(`user action: ${describeAction(action)}`);
    const outcome = await driver.perform(action, timeoutMs, this.signal);
    if (!outcome.done) return this.skip(`the client cannot ${describeAction(action)}: ${outcome.unsupported}`, 'unsupported');
    const seen = await this.client.maybe(proof, timeoutMs);
    if (!seen) throw new ToolError(`no ${proof.describe} within ${Math.round(timeoutMs / 1000)} s of asking the user to ${describeAction(action)}: was it done?`);
    return seen;
  }

  // ---- runner hook -----------------------------------------------------------------------

  /**
   * Runs the deferred clean-ups, then closes every session, except quiet ones of the case's
   * accounts, which go to the run's SessionPool for later cases; never throws. When the case was
   * stopped (deadline, interrupted run) its sessions are torn down first, so a body still
   * waiting ends at once and cannot act any more; clean-ups then reach the accounts through
   * deferAs()/liveSession(), which log in again. Clean-ups may connect even after a stop.
   */
  async finish(timeoutMs: number, stopped = false): Promise<void> {
    this.cleaningUp = true;
    if (stopped) this.logins.destroyAll('the case was stopped');
    const work = (async () => {
      await this.cleanups.run();
      await this.logins.handOn(stopped);
    })();
    await Promise.race([work, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    this.logins.release();
  }
}
