import type { Baseline } from '../catalogue/specs.js';
import type { Redactor } from '../evidence/redact.js';
import { Transcript } from '../evidence/transcript.js';
import type { Finding } from '../report/model.js';
import { ExpectationError, SaslFailure, BindFailure, Session, type Persona, type SessionCounters, type SessionLimits, type TargetAddress } from '../session/session.js';
import { bare, iq, malformedError, newId, query, stanzaError, token, type StanzaError } from '../session/stanza.js';
import { tcpConnector } from '../transport/tcp.js';
import type { TransportHandlers, Transport } from '../transport/types.js';
import { Element, describe, x } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import type { Match } from '../session/match.js';
import type { Account } from './accounts.js';
import type { ActionDriver } from './action-driver.js';
import type { TransportKind } from '../vocabulary.js';
import type { ClientLink } from './client-link.js';
import type { SessionPool } from './session-pool.js';
import { Nonconformance, SetupFailed, Skip, ToolError, type SkipKind, type Strength } from './errors.js';
import { describeAction, type ClientAction } from './user-actions.js';

/** Everything about the run that a case may read. */
export interface RunEnvironment {
  target: TargetAddress;
  baseline: Baseline;
  limits: SessionLimits;
  /** How long to watch for something that must not happen, where no barrier can prove it sooner. */
  silenceMs: number;
  redactor: Redactor;
  /** Run cases that wait on server timers (--slow). */
  includeSlow?: boolean;
  /** The BOSH connection manager's URL, when known (--bosh-url). */
  boshUrl?: string;
  /**
   * Accounts whose credentials the server refused in this run: later logins fail at once, so
   * a wrong password is reported once and never hammers the server into locking the account.
   * certify() gives each run its own.
   */
  refusedLogins?: Set<string>;
  /**
   * Set when the account check before the run found the target silent (no answer before a
   * deadline): later cases that need an account end at once with this reason instead of each
   * waiting out its own deadlines, so a dead target costs seconds, not the whole --timeout.
   * Cases of the stream itself still run and report what they see. certify() gives each run
   * its own.
   */
  silentTarget?: { reason?: string };
  /** Logged-in sessions earlier cases left quiet, for later cases of the same accounts (none: every login is new). */
  sessions?: SessionPool;
  /** Where this run counts its logins and connections (certify() gives each run its own). */
  counters?: SessionCounters;
  /** Opens a transport of a kind other than plain TCP (BOSH). */
  transports: Partial<Record<TransportKind, (handlers: TransportHandlers) => Promise<Transport>>>;
  /** Client levels: the client under certification. */
  client?: ClientLink;
  /** Client levels: how user actions get done (none: --non-interactive). */
  actions?: ActionDriver;
  /** How long an action may take, proof included. */
  actionTimeoutMs?: number;
}

export interface LoginOptions {
  resource?: string;
  /** The xml:lang of the session's stream headers (default 'en'). */
  lang?: string;
  /** Send initial presence after binding (true for a plain `<presence/>`). */
  presence?: boolean | Element;
  /** Fetch the roster first, making this an "interested resource" (RFC 6121 §2.1.6). */
  roster?: boolean;
  persona?: Persona;
  /** Force the transport; by default the case's own. */
  transport?: TransportKind;
}

/**
 * The world as one case sees it: its accounts, its sessions, and the verbs it reports with.
 *
 * - check() / must() / should() compare what happened with what the requirement demands;
 *   a failed MUST ends the case as FAIL, a failed SHOULD is a warning and the case goes on.
 * - skip() ends it as not applicable; note() and outcome() add observations.
 * - defer() registers clean-up that runs however the case ends.
 */
export class CaseContext {
  readonly transcript: Transcript;
  readonly findings: Finding[] = [];
  readonly notes: string[] = [];
  private readonly sessions: Session[] = [];
  /** Quiet sessions of the case's accounts that earlier cases left (see SessionPool), not taken yet. */
  private readonly kept = new Set<Session>();
  /** Sessions login() made that may be kept for later cases: a given account, the default resource and language. */
  private readonly keepable = new Set<Session>();
  /** Accounts the case made itself (XEP-0077) and logged in with. */
  private readonly ownAccounts = new Set<Account>();
  /** Set when finish() has torn the sessions down: a session that connects later is closed at once. */
  private released = false;
  private readonly cleanups: (() => Promise<unknown>)[] = [];
  private readonly labels = new Map<string, number>();
  private cleaningUp = false;

  constructor(
    private readonly env: RunEnvironment,
    /** Strength of the case's own keyword: what check() and failed waits count as. */
    readonly strength: Strength,
    readonly accounts: Account[],
    readonly transport: TransportKind,
    private readonly facts: ReadonlyMap<string, string>,
    readonly signal: AbortSignal,
    private readonly pristine: (account: Account) => boolean = () => false,
  ) {
    this.transcript = new Transcript(env.redactor);
    for (const account of accounts) {
      const session = env.sessions?.take(account);
      if (!session) continue;
      // from now on whatever reaches it is this case's evidence
      session.adopt(this.transcript, `${this.labelFor(account)}-kept`);
      this.kept.add(session);
      this.sessions.push(session);
    }
  }

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

  /**
   * The abort signal for network steps: the case's while its body runs, none in clean-up, which
   * finish() bounds by its own deadline (the case's signal has fired by then, and a clean-up
   * it cut short would leave a session or a room behind at the target).
   */
  get stepSignal(): AbortSignal | undefined {
    return this.cleaningUp ? undefined : this.signal;
  }

  get stepMs(): number {
    return this.env.limits.stepMs;
  }

  /** Whether the case's accounts were made for it (--register) and no case used them before. */
  get freshAccounts(): boolean {
    return this.accounts.length > 0 && this.accounts.every((a) => this.pristine(a));
  }

  get boshUrl(): string | undefined {
    return this.env.boshUrl;
  }

  /** The client under certification (client levels only). */
  get client(): ClientLink {
    if (!this.env.client) throw new ToolError('this case certifies a client: run with --listen or --peer');
    return this.env.client;
  }

  /**
   * Has a user action done in the client and returns the stanza that proves it: through the
   * --exec driver, or by asking the person at the client. Without a way to act
   * (--non-interactive) the case is not run, never passed; a client that cannot do the action
   * does not support what the case needs (its spec is then absent); no proof in time is an error of the run (the action may not have
   * happened at all), not a failure of the client.
   */
  async act(action: ClientAction, proof: Match): Promise<Element> {
    const driver = this.env.actions;
    if (!driver) return this.skip(`needs the user to ${describeAction(action)}: run with --exec, or interactively`, 'not-run');
    const timeoutMs = this.env.actionTimeoutMs ?? 60_000;
    this.note(`user action: ${describeAction(action)}`);
    const outcome = await driver.perform(action, timeoutMs, this.signal);
    // a client that cannot do what a requirement needs does not support it (its spec is absent)
    if (!outcome.done) return this.skip(`the client cannot ${describeAction(action)}: ${outcome.unsupported}`, 'unsupported');
    const seen = await this.client.maybe(proof, timeoutMs);
    if (!seen) throw new ToolError(`no ${proof.describe} within ${Math.round(timeoutMs / 1000)} s of asking the user to ${describeAction(action)}: was it done?`);
    return seen;
  }

  /** Keeps a value the case made up (a new account's password, a room secret) out of every report. */
  secret(value: string): string {
    this.env.redactor.addSecret(value);
    return value;
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

  // ---- sessions --------------------------------------------------------------------------

  /** A connected session with nothing sent yet: for tests of the stream itself. */
  async connect(label = 'raw', kind: TransportKind = 'tcp'): Promise<Session> {
    await this.closeKept();
    const open = this.env.transports[kind];
    if (kind === 'bosh' && !open) throw new Skip('no BOSH endpoint configured for this run (--bosh-url)', 'not-run');
    const session = await Session.connect({
      label: this.nextLabel(label),
      target: this.env.target,
      transcript: this.transcript,
      limits: this.env.limits,
      signal: this.stepSignal,
      transport: open ?? tcpConnector(this.env.target.endpoint, this.env.limits),
      counters: this.env.counters,
    });
    if (this.released) {
      // a connect that was still under way when the case ended (a sibling login failed first)
      session.destroy('the case has ended');
      throw new ToolError('the case ended while this session was connecting');
    }
    this.sessions.push(session);
    return session;
  }

  /** A session whose stream is open and, where offered, secured with STARTTLS. */
  async secureStream(label = 'raw', kind: TransportKind = 'tcp', lang?: string): Promise<Session> {
    const session = await this.connect(label, kind);
    if (lang) session.lang = lang;
    await this.setup(`open a stream as ${session.label}`, () => session.open());
    if (kind !== 'bosh' && session.features?.getChild('starttls', NS.tls)) {
      await this.setup(`STARTTLS for ${session.label}`, () => session.starttls());
    }
    return session;
  }

  /**
   * A logged-in session for one of the case's accounts: stream, STARTTLS, SASL, bind and, where
   * the server requires it, the RFC 3921 session. Any failure on the way is an ERROR of the
   * case (it could not be exercised), not a finding.
   */
  async login(account: Account, options: LoginOptions = {}): Promise<Session> {
    const kind = options.transport ?? this.transport;
    if (this.env.refusedLogins?.has(account.jid)) {
      throw new SetupFailed(`could not log in as ${account.jid}: its credentials were refused earlier in this run; not trying again, so the account is not locked out`);
    }
    if (!this.accounts.includes(account)) this.ownAccounts.add(account);
    const keepable = this.accounts.includes(account) && options.resource === undefined && options.lang === undefined && kind !== 'zlib';
    const session = (keepable && this.takeKept(account, kind)) || await this.newLogin(account, kind, options);
    if (keepable) this.keepable.add(session);
    if (options.persona) session.persona = options.persona;
    if (options.roster) {
      const roster = await this.setup('fetch the roster', () => session.iq(iq('get', {}, query(NS.roster))));
      if (roster.attrs.type !== 'result') throw new ToolError(`the roster get failed: ${describe(roster)}`);
    }
    if (options.presence) {
      session.send(options.presence === true ? x('presence') : options.presence);
    }
    return session;
  }

  private async newLogin(account: Account, kind: TransportKind, options: LoginOptions): Promise<Session> {
    const session = await this.secureStream(this.labelFor(account), kind, options.lang);
    await this.setup(`log in as ${account.jid}`, async () => {
      try {
        await session.authenticate({ username: account.local, password: account.password, domain: account.domain });
      } catch (err) {
        if (err instanceof SaslFailure && err.condition === 'not-authorized') this.env.refusedLogins?.add(account.jid);
        throw err;
      }
      if (kind === 'zlib') await this.compressAfterAuth(session);
      await session.bind(options.resource ?? `certify-${token(3)}`);
      const established = await session.establishSession();
      if (established && established.attrs.type !== 'result') throw new Error(`session establishment failed: ${describe(established)}`);
    });
    return session;
  }

  /**
   * Closes the kept sessions the case has not taken, before it opens a connection of its own:
   * from then on its accounts have only the resources the case made, as with a login per case
   * (a connected resource counts for the server: it uses the default privacy list, XEP-0016
   * §2.5; it may be listed in disco#items). connect() calls it; a case that reaches the target
   * another way (raw BOSH requests) calls it first.
   */
  async closeKept(): Promise<void> {
    const surplus = [...this.kept];
    this.kept.clear();
    await Promise.allSettled(surplus.map((s) => s.close()));
  }

  /** A session of `account` over `kind` that an earlier case left quiet, instead of a new login. */
  private takeKept(account: Account, kind: TransportKind): Session | undefined {
    const session = [...this.kept].find((s) => !s.isClosed && s.transportKind === kind && bare(s.jid!).toLowerCase() === account.jid.toLowerCase());
    if (!session) return undefined;
    this.kept.delete(session);
    // like a new login now, it sees only what comes from now on
    session.clearInbox();
    session.label = this.nextLabel(this.labelFor(account));
    session.note(`no new login: this session logged in as ${session.jid} for an earlier case, which left nothing the server keeps for its resource (no presence, roster or block list fetch, privacy list or subscription); what reached it before now was dropped`);
    this.env.sessions!.reused++;
    return session;
  }

  /** XEP-0138 after SASL, where the 2008 text wants it; a server that offers none cannot host the case. */
  private async compressAfterAuth(session: Session): Promise<void> {
    if (!session.compressionMethods.includes('zlib')) throw new Skip('the server offers no zlib compression after authentication', 'not-applicable');
    const answer = await session.compress('zlib');
    if (answer.getName() !== 'compressed') throw new Error(`compression refused: ${describe(answer)}`);
  }

  /** Runs a set-up step; if it fails, the case ends as ERROR with the step named. */
  async setup<T>(what: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      if (err instanceof Skip || err instanceof SetupFailed) throw err;
      const detail = err instanceof ToolError ? err.message
        : err instanceof SaslFailure ? `SASL <${err.condition}/>${err.condition === 'not-authorized' ? ' (wrong password, or no such account)' : ''}`
        : err instanceof BindFailure ? err.message
        : err instanceof ExpectationError ? `expected ${err.expected}; ${err.actual}`
        : (err as Error).message;
      throw new SetupFailed(`could not ${what}: ${detail}`, { cause: err });
    }
  }

  // ---- verdict verbs -------------------------------------------------------------------

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
  async nothingArrived(s: Pick<Session, 'received'>, m: Match, what: string, barrier: () => Promise<unknown>, strength: Strength = this.strength): Promise<boolean> {
    try {
      await barrier();
    } catch (err) {
      if (err instanceof Skip) throw err;
      this.skip(`unproven: no ${what} arrived, but nothing showed that the target had processed what was sent (${(err as Error).message})`, 'unproven');
    }
    const seen = s.received(m)[0];
    return this.verify(strength, seen === undefined, `no ${what}`, seen);
  }

  /**
   * A request that only sets the scene (a publish before a notification case, a list before a
   * blocking case): an error answer ends the case as ERROR, naming the step, not as a finding of
   * the requirement under test. A temporary error (type 'wait', RFC 6120 §8.3.2: "retry after
   * waiting") is retried once.
   */
  async setupIq(what: string, s: Session, request: Element): Promise<Element> {
    return this.setup(what, async () => {
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

  /** Clean-up that runs when the case ends, passed or not (newest first). */
  defer(cleanup: () => Promise<unknown>): void {
    this.cleanups.unshift(cleanup);
  }

  /** The account `session` is logged in as: one the case was given, or one it made and logged in with. */
  accountOf(session: Session): Account {
    const account = [...this.accounts, ...this.ownAccounts].find((a) => a.jid.toLowerCase() === bare(session.jid ?? '').toLowerCase());
    if (!account) throw new ToolError(`${session.label} is not logged in as one of the case's accounts`);
    return account;
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

  /** `session` while it is open, otherwise a new login of its account: for clean-up. */
  async liveSession(session: Session): Promise<Session> {
    return session.isClosed ? this.login(this.accountOf(session)) : session;
  }

  // ---- runner hooks --------------------------------------------------------------------

  /**
   * Runs the deferred clean-ups, then closes every session, except quiet ones of the case's
   * accounts, which go to the run's SessionPool for later cases; never throws. When the case was
   * stopped (deadline, interrupted run) its sessions are torn down first, so a body still
   * waiting ends at once and cannot act any more; clean-ups then reach the accounts through
   * deferAs()/liveSession(), which log in again. Clean-ups may connect even after a stop.
   */
  async finish(timeoutMs: number, stopped = false): Promise<void> {
    this.cleaningUp = true;
    if (stopped) for (const s of this.sessions) s.destroy('the case was stopped');
    const cleanups = this.cleanups.splice(0);
    const pool = this.env.sessions;
    const handedOn = new Set<Session>();
    const work = (async () => {
      for (const cleanup of cleanups) {
        try {
          await cleanup();
        } catch (err) {
          this.transcript.record('-', 'note', `clean-up step failed: ${(err as Error).message}`);
        }
      }
      const keep = pool && !stopped ? this.sessions.filter((s) => this.kept.has(s) || this.keepable.has(s)) : [];
      await Promise.allSettled(this.sessions.filter((s) => !keep.includes(s)).map((s) => s.close()));
      // only now, with the case's other sessions gone, can nothing more be on its way to these
      await Promise.allSettled(keep.map(async (s) => {
        if (await pool!.give(this.accountOf(s), s)) handedOn.add(s);
      }));
    })();
    await Promise.race([work, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    this.released = true;
    for (const s of this.sessions) if (!handedOn.has(s)) s.destroy('released at the end of the case');
  }

  private verify(strength: Strength, ok: boolean, expected: string, actual?: string | Element): boolean {
    if (ok) return true;
    const seen = actual === undefined ? '(see transcript)' : typeof actual === 'string' ? actual : describe(actual, 400);
    const finding: Finding = { strength, expected, actual: this.env.redactor.redact(seen) };
    if (strength === 'must') throw new Nonconformance(`expected ${expected}`, finding.expected, finding.actual, 'must');
    this.findings.push(finding);
    this.transcript.record('-', 'note', `${strength === 'should' ? 'SHOULD' : 'MAY'} not met: expected ${expected}; got ${finding.actual}`);
    return false;
  }

  private labelFor(account: Account): string {
    const index = this.accounts.indexOf(account);
    return index >= 0 ? String.fromCharCode(65 + index) : account.local;
  }

  private nextLabel(base: string): string {
    const n = (this.labels.get(base) ?? 0) + 1;
    this.labels.set(base, n);
    return `${base}${n}`;
  }
}
