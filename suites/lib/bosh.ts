import { type Account, bodyTag, BoshHttp, type CaseContext, chooseMechanism, createExchange, describe, type Element, ExpectationError, type HttpAnswer, HttpTimeout, NS, parseBody, type ParsedBody, qualifiedStanza, ToolError, x } from '../../src/authoring.js';

export { bodyTag };

/** One HTTP exchange with the connection manager, parsed. */
export interface BoshReply extends ParsedBody {
  http: HttpAnswer;
  /** The children as elements. */
  elements: Element[];
}

/**
 * Direct access to a BOSH connection manager (XEP-0124) below the transport: the case writes
 * each <body/> itself, with any rid, sid or attribute it wants, and sees the HTTP answer. Every
 * request and response goes to the case transcript.
 */
export class RawBosh {
  readonly http: BoshHttp;
  rid = Math.floor(Math.random() * 2 ** 40) + 1;
  sid?: string;
  private readonly label: string;
  /** The manager ended the session (a reply with type='terminate'). */
  private ended = false;

  constructor(private readonly t: CaseContext, label = 'http') {
    const url = t.boshUrl;
    if (!url) t.skip('no BOSH URL: give --bosh-url');
    this.http = new BoshHttp(url, t.target.tls);
    this.label = label;
    t.defer(async () => {
      // left open, the session would stay at the manager until it times out: a connected
      // resource of its account in later cases (XEP-0016 §2.5 counts those)
      if (this.sid && !this.ended) await this.next({ type: 'terminate' }, '', t.stepMs).catch(() => undefined);
      this.http.close();
    });
  }

  /** A session creation request (XEP-0124 §7.1) with the usual attributes, overridable. */
  async create(overrides: Record<string, string | number | undefined> = {}, timeoutMs?: number): Promise<BoshReply> {
    // a new session at the manager: the accounts' kept sessions must not be resources beside it
    await this.t.closeKept();
    const reply = await this.post(bodyTag({
      content: 'text/xml; charset=utf-8', hold: 1, rid: this.rid++, to: this.t.domain, ver: '1.6', wait: 10,
      'xml:lang': 'en', 'xmpp:version': '1.0', ...overrides,
    }), timeoutMs);
    if (reply.attrs.sid) this.sid = reply.attrs.sid;
    return reply;
  }

  /** A request in the session, with the next rid unless given. */
  next(attrs: Record<string, string | number | undefined> = {}, content = '', timeoutMs?: number): Promise<BoshReply> {
    return this.post(bodyTag({ rid: this.rid++, sid: this.sid, ...attrs }, content), timeoutMs);
  }

  /**
   * Sends `content` in the next request and polls (empty requests) until an element matching
   * `want` comes back; returns it. Gives up after a few polls.
   */
  async exchange(content: string, want: (el: Element) => boolean, polls = 5): Promise<Element> {
    let reply = await this.next({}, content);
    for (let i = 0; ; i++) {
      const found = reply.elements.find(want);
      if (found) return found;
      if (reply.attrs.type === 'terminate') throw new ExpectationError('a reply in the BOSH session', `the session ended (condition ${reply.attrs.condition ?? '?'})`, 'closed');
      if (i >= polls) throw new ExpectationError('a reply in the BOSH session', `none after ${polls} polls`, 'timeout');
      reply = await this.next();
    }
  }

  /**
   * Logs `account` in over this raw session (XEP-0206 §5): SASL, restart, bind. Every request
   * is the case's own, so afterwards nothing is held at the manager unless the case sends it.
   */
  async login(account: Account): Promise<string> {
    return this.t.setup(`log in as ${account.jid} over raw BOSH`, async () => {
      const created = await this.create({ wait: 2 });
      const isFeatures = (el: Element): boolean => el.getName() === 'features' && el.getNS() === NS.stream;
      const features = created.elements.find(isFeatures) ?? await this.exchange('', isFeatures);
      const offered = (features.getChild('mechanisms', NS.sasl)?.getChildren('mechanism') ?? []).map((m) => m.getText().trim());
      const mechanism = chooseMechanism(offered);
      if (!mechanism) throw new Error(`no usable SASL mechanism in [${offered.join(', ')}]`);
      const sasl = createExchange(mechanism, { username: account.local, password: account.password, domain: account.domain });
      const initial = await sasl.initialResponse();
      const isSasl = (el: Element): boolean => el.getNS() === NS.sasl;
      let step = await this.exchange(x('auth', { xmlns: NS.sasl, mechanism }, initial ? initial.toString('base64') : undefined).toString(), isSasl);
      while (step.getName() === 'challenge') {
        const response = await sasl.respond(Buffer.from(step.getText(), 'base64'));
        step = await this.exchange(x('response', { xmlns: NS.sasl }, response.length ? response.toString('base64') : undefined).toString(), isSasl);
      }
      if (step.getName() !== 'success') throw new Error(`SASL ${describe(step)}`);
      const restarted = await this.next({ to: this.t.domain, 'xml:lang': 'en', 'xmpp:restart': 'true' });
      if (!restarted.elements.some(isFeatures)) await this.exchange('', isFeatures);
      const bound = await this.exchange(qualifiedStanza(x('iq', { type: 'set', id: 'bind-1' }, x('bind', { xmlns: NS.bind }))), (el) => el.attrs.id === 'bind-1');
      const jid = bound.getChild('bind', NS.bind)?.getChildText('jid');
      if (!jid) throw new Error(`binding failed: ${describe(bound)}`);
      return jid;
    });
  }

  /** Sends a body as is. */
  async post(body: string, timeoutMs = 15_000 + this.t.stepMs): Promise<BoshReply> {
    this.t.transcript.record(this.label, 'sent', body);
    let http: HttpAnswer;
    try {
      http = await this.http.post(body, timeoutMs, this.t.stepSignal);
    } catch (err) {
      // a request left unanswered is the manager's doing; one that cannot be made is ours
      if (err instanceof HttpTimeout) throw new ExpectationError('an HTTP response to the request', `none within ${timeoutMs} ms`, 'timeout');
      throw new ToolError(`could not reach the BOSH connection manager: ${(err as Error).message}`);
    }
    this.t.transcript.record(this.label, 'received', `HTTP ${http.status} (Content-Type: ${http.headers['content-type'] ?? 'none'}) ${http.body}`);
    const parsed = parseBody(http.body, 1_000_000);
    if (parsed.attrs.type === 'terminate') this.ended = true;
    return { ...parsed, http, elements: parsed.children.map((c) => c.el) };
  }
}
