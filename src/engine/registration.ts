import type { Redactor } from '../evidence/redact.js';
import { Transcript } from '../evidence/transcript.js';
import { tcpConnector } from '../transport/tcp.js';
import { Session, type SessionLimits, type TargetAddress, type SessionCounters } from '../session/session.js';
import { iq, query, stanzaError, streamErrorCondition, token } from '../session/stanza.js';
import { describe, x } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import { parseAccount, type Account, type Registrar } from './accounts.js';

/** The server answered a registration with an error: no throw-away accounts can be had. */
export class RegistrationRefused extends Error {}

/**
 * Throw-away accounts through XEP-0077 in-band registration: created on a fresh stream after
 * STARTTLS, removed with <remove/> from a logged-in session when the case that used them ends.
 * Passwords are random and registered with the redactor before they touch the wire.
 */
export class InBandRegistrar implements Registrar {
  constructor(
    private readonly target: TargetAddress,
    private readonly limits: SessionLimits,
    private readonly redactor: Redactor,
    private readonly prefix = 'certify',
    private readonly counters?: SessionCounters,
  ) {}

  async create(): Promise<Account> {
    const account = parseAccount(`${this.prefix}-${token(6)}@${this.target.domain}`, token(12));
    this.redactor.addSecret(account.password);
    const session = await this.session();
    try {
      await session.open();
      if (session.features?.getChild('starttls', NS.tls)) await session.starttls();
      const response = await session.iq(iq('set', {}, query(NS.register, {}, x('username', {}, account.local), x('password', {}, account.password)))).catch((err: unknown) => {
        // a server without registration may end the stream instead (a stanza before authentication)
        if (session.streamError) throw new RegistrationRefused(`the server refused in-band registration: it ended the stream with <${streamErrorCondition(session.streamError) ?? '?'}/>`);
        throw err;
      });
      if (response.attrs.type !== 'result') {
        const error = stanzaError(response);
        const why = error?.condition ? `<${error.condition}/>${error.text ? ` (${error.text})` : ''}` : this.redactor.redact(describe(response));
        throw new RegistrationRefused(`the server refused in-band registration: ${why}`);
      }
      return account;
    } finally {
      await session.close();
    }
  }

  async remove(account: Account, loggedIn?: Session): Promise<void> {
    if (loggedIn) {
      try {
        return await cancelRegistration(loggedIn);
      } catch {
        // the kept session is gone: log in anew below
      } finally {
        loggedIn.destroy();
      }
    }
    const session = await this.session();
    try {
      await session.open();
      if (session.features?.getChild('starttls', NS.tls)) await session.starttls();
      await session.authenticate({ username: account.local, password: account.password, domain: account.domain });
      await session.bind(`remove-${token(2)}`);
      await cancelRegistration(session);
    } finally {
      session.destroy();
    }
  }

  private session(): Promise<Session> {
    return Session.connect({ label: 'registrar', target: this.target, transcript: new Transcript(this.redactor), limits: this.limits, counters: this.counters, transport: tcpConnector(this.target.endpoint, this.limits) });
  }
}

/** XEP-0077 §3.2: the logged-in account asks to be removed. */
async function cancelRegistration(session: Session): Promise<void> {
  await session.iq(iq('set', {}, query(NS.register, {}, x('remove'))));
}
