import { Redactor } from '../evidence/redact.js';
import { Transcript } from '../evidence/transcript.js';
import { Session, type SessionLimits, type TargetAddress } from '../session/session.js';
import { iq, query, token } from '../session/stanza.js';
import { describe, x } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import { parseAccount, type Account, type Registrar } from './accounts.js';

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
  ) {}

  async create(): Promise<Account> {
    const account = parseAccount(`${this.prefix}-${token(6)}@${this.target.domain}`, token(12));
    this.redactor.addSecret(account.password);
    const session = await this.session();
    try {
      await session.open();
      if (session.features?.getChild('starttls', NS.tls)) await session.starttls();
      const response = await session.iq(iq('set', {}, query(NS.register, {}, x('username', {}, account.local), x('password', {}, account.password))));
      if (response.attrs.type !== 'result') throw new Error(`the server refused in-band registration: ${this.redactor.redact(describe(response))}`);
      return account;
    } finally {
      await session.close();
    }
  }

  async remove(account: Account): Promise<void> {
    const session = await this.session();
    try {
      await session.open();
      if (session.features?.getChild('starttls', NS.tls)) await session.starttls();
      await session.authenticate({ username: account.local, password: account.password, domain: account.domain });
      await session.bind(`remove-${token(2)}`);
      await session.iq(iq('set', {}, query(NS.register, {}, x('remove'))));
    } finally {
      session.destroy();
    }
  }

  private session(): Promise<Session> {
    return Session.connect({ label: 'registrar', target: this.target, transcript: new Transcript(this.redactor), limits: this.limits });
  }
}
