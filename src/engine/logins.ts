import type { Transcript } from '../evidence/transcript.js';
import { SaslFailure, Session } from '../session/session.js';
import { bare, iq, query, token } from '../session/stanza.js';
import { boshOpener, type Opener, webSocketOpener } from '../transport/openers.js';
import { tcpConnector } from '../transport/tcp.js';
import { describe, x } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import type { Account, TransportKind } from '../vocabulary.js';
import type { LoginOptions, RunEnvironment } from './environment.js';
import { SetupFailed, Skip, ToolError } from './errors.js';
import { setupStep } from './setup.js';

/**
 * The sessions of one case: the connections it opens, the logins it makes, and the quiet
 * sessions earlier cases left for its accounts (the run's SessionPool). The only code that
 * knows sessions are handed from case to case: a case sees a kept session as a new login.
 */
export class Logins {
  private readonly sessions: Session[] = [];
  /** Quiet sessions of the case's accounts that earlier cases left, not taken yet. */
  private readonly kept = new Set<Session>();
  /** Sessions login() made that may be kept for later cases: a given account, the default resource and language. */
  private readonly keepable = new Set<Session>();
  /** Accounts the case made itself (XEP-0077) and logged in with. */
  private readonly ownAccounts = new Set<Account>();
  /** Set once the case is over: a session that connects later is closed at once. */
  private released = false;
  /** Sessions the run's SessionPool took for later cases. */
  private readonly handedOn = new Set<Session>();
  private readonly labels = new Map<string, number>();

  constructor(
    private readonly env: RunEnvironment,
    private readonly transcript: Transcript,
    private readonly accounts: Account[],
    /** The case's transport: what login() uses unless told otherwise. */
    private readonly transport: TransportKind,
    /** The abort signal for network steps (none while cleaning up). */
    private readonly stepSignal: () => AbortSignal | undefined,
  ) {
    for (const account of accounts) {
      const session = env.sessions?.take(account);
      if (!session) continue;
      // from now on whatever reaches it is this case's evidence
      session.adopt(transcript, `${this.labelFor(account)}-kept`);
      this.kept.add(session);
      this.sessions.push(session);
    }
  }

  /**
   * A connected session with nothing sent yet: for tests of the stream itself. `at` is an
   * endpoint of the transport other than the run's (a URL a host-meta names).
   */
  async connect(label = 'raw', kind: TransportKind = 'tcp', at?: string): Promise<Session> {
    await this.closeKept();
    const open = at === undefined ? this.env.transports[kind] : this.openerAt(kind, at);
    if (!open && kind !== 'tcp' && kind !== 'zlib') throw new Skip(NO_ENDPOINT[kind], 'not-run');
    const session = await Session.connect({
      label: this.nextLabel(label),
      target: this.env.target,
      transcript: this.transcript,
      limits: this.env.limits,
      signal: this.stepSignal(),
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
  async secureStream(label = 'raw', kind: TransportKind = 'tcp', lang?: string, at?: string): Promise<Session> {
    const session = await this.connect(label, kind, at);
    if (lang) session.lang = lang;
    await setupStep(`open a stream as ${session.label}`, () => session.open());
    // STARTTLS belongs to plain TCP: the other transports are secured below the stream, or not at all
    if ((kind === 'tcp' || kind === 'zlib') && session.features?.getChild('starttls', NS.tls)) {
      await setupStep(`STARTTLS for ${session.label}`, () => session.starttls());
    }
    return session;
  }

  /**
   * A logged-in session for `account`: stream, STARTTLS, SASL, bind and, where the server
   * requires it, the RFC 3921 session; or a quiet session an earlier case left for it. Any
   * failure on the way is SetupFailed: the case could not be exercised.
   */
  async login(account: Account, options: LoginOptions = {}): Promise<Session> {
    const kind = options.transport ?? this.transport;
    if (this.env.refusedLogins?.has(account.jid)) {
      throw new SetupFailed(`could not log in as ${account.jid}: its credentials were refused earlier in this run; not trying again, so the account is not locked out`);
    }
    if (!this.accounts.includes(account)) this.ownAccounts.add(account);
    const keepable = this.accounts.includes(account) && options.resource === undefined && options.lang === undefined && options.at === undefined && kind !== 'zlib';
    const session = (keepable && this.takeKept(account, kind)) || await this.newLogin(account, kind, options);
    if (keepable) this.keepable.add(session);
    if (options.persona) session.persona = options.persona;
    if (options.roster) {
      const roster = await setupStep('fetch the roster', () => session.iq(iq('get', {}, query(NS.roster))));
      if (roster.attrs.type !== 'result') throw new ToolError(`the roster get failed: ${describe(roster)}`);
    }
    if (options.presence) session.send(options.presence === true ? x('presence') : options.presence);
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

  /** The account `session` is logged in as: one the case was given, or one it made and logged in with. */
  accountOf(session: Session): Account {
    const account = [...this.accounts, ...this.ownAccounts].find((a) => a.jid.toLowerCase() === bare(session.jid ?? '').toLowerCase());
    if (!account) throw new ToolError(`${session.label} is not logged in as one of the case's accounts`);
    return account;
  }

  /** `session` while it is open, otherwise a new login of its account: for clean-up. */
  async liveSession(session: Session): Promise<Session> {
    return session.isClosed ? this.login(this.accountOf(session)) : session;
  }

  /** Tears every session down at once: the case was stopped, and a body still waiting must end. */
  destroyAll(reason: string): void {
    for (const s of this.sessions) s.destroy(reason);
  }

  /**
   * Closes the case's sessions, but for quiet ones of its accounts, which go to the run's
   * SessionPool for later cases (not when the case was stopped).
   */
  async handOn(stopped: boolean): Promise<void> {
    const pool = this.env.sessions;
    const keep = pool && !stopped ? this.sessions.filter((s) => this.kept.has(s) || this.keepable.has(s)) : [];
    await Promise.allSettled(this.sessions.filter((s) => !keep.includes(s)).map((s) => s.close()));
    // only now, with the case's other sessions gone, can nothing more be on its way to these
    await Promise.allSettled(keep.map(async (s) => {
      if (await pool!.give(this.accountOf(s), s)) this.handedOn.add(s);
    }));
  }

  /** The case is over: whatever was not handed on is dropped, and later connects are refused. */
  release(): void {
    this.released = true;
    for (const s of this.sessions) if (!this.handedOn.has(s)) s.destroy('released at the end of the case');
  }

  private async newLogin(account: Account, kind: TransportKind, options: LoginOptions): Promise<Session> {
    const session = await this.secureStream(this.labelFor(account), kind, options.lang, options.at);
    await setupStep(`log in as ${account.jid}`, async () => {
      try {
        await session.authenticate({ username: account.local, password: account.password, domain: account.domain });
      } catch (err) {
        if (err instanceof SaslFailure && err.condition === 'not-authorized') this.env.refusedLogins?.add(account.jid);
        throw err;
      }
      if (kind === 'zlib') await compressAfterAuth(session);
      await session.bind(options.resource ?? `certify-${token(3)}`);
      const established = await session.establishSession();
      if (established && established.attrs.type !== 'result') throw new Error(`session establishment failed: ${describe(established)}`);
    });
    return session;
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

  /** What opens a connection to `at`, an endpoint of `kind` the run was not given. */
  private openerAt(kind: TransportKind, at: string): Opener {
    const settings = { domain: this.env.target.domain, tls: this.env.target.tls, limits: this.env.limits };
    if (kind === 'websocket') return webSocketOpener(at, settings);
    if (kind === 'bosh') return boshOpener(at, settings);
    throw new ToolError(`a ${kind} connection takes no endpoint of its own (${at})`);
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

/** Why a transport other than TCP has no endpoint in this run. */
const NO_ENDPOINT: Record<Exclude<TransportKind, 'tcp' | 'zlib'>, string> = {
  bosh: 'no BOSH endpoint configured for this run (--bosh-url)',
  websocket: 'no WebSocket endpoint for this run (--websocket-url, or one the domain names in its host-meta, XEP-0156)',
  directtls: 'no direct TLS endpoint for this run (--direct-tls, or an _xmpps-client._tcp SRV record of the domain, XEP-0368)',
};

/** XEP-0138 after SASL, where the 2008 text wants it; a server that offers none cannot host the case. */
async function compressAfterAuth(session: Session): Promise<void> {
  if (!session.compressionMethods.includes('zlib')) throw new Skip('the server offers no zlib compression after authentication', 'not-applicable');
  const answer = await session.compress('zlib');
  if (answer.getName() !== 'compressed') throw new Error(`compression refused: ${describe(answer)}`);
}
