import type { SaslCredentials, SaslExchange, SuccessCheck } from './mechanism.js';

/** PLAIN (RFC 4616): authzid NUL authcid NUL password, in one message. */
export class PlainExchange implements SaslExchange {
  readonly mechanism = 'PLAIN';

  constructor(private readonly creds: SaslCredentials) {}

  async initialResponse(): Promise<Buffer> {
    return Buffer.from(`${this.creds.authzid ?? ''}\0${this.creds.username}\0${this.creds.password}`, 'utf8');
  }

  async respond(): Promise<Buffer> {
    return Buffer.alloc(0);
  }

  verifySuccess(): SuccessCheck {
    return { verified: true, detail: 'PLAIN has no server proof' };
  }
}
