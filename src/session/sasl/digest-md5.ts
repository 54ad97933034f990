import crypto from 'node:crypto';
import type { SaslCredentials, SaslExchange, SuccessCheck } from './mechanism.js';

const md5 = (data: Buffer | string): Buffer => crypto.createHash('md5').update(data).digest();
const md5hex = (data: Buffer | string): string => crypto.createHash('md5').update(data).digest('hex');

/** Parses a DIGEST-MD5 challenge: comma-separated key=value pairs, values optionally quoted. */
export function parseDigestChallenge(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  const re = /\s*([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))\s*,?/g;
  for (let m = re.exec(text); m !== null && m[0] !== ''; m = re.exec(text)) {
    fields.set(m[1]!, m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim());
  }
  return fields;
}

/** The response value of RFC 2831 §2.1.2.1, exported for the self-test vector. */
export function digestResponse(p: {
  username: string; realm: string; password: string; nonce: string; cnonce: string;
  nc: string; qop: string; digestUri: string; authzid?: string; forServer?: boolean;
}): string {
  const a1 = Buffer.concat([
    md5(`${p.username}:${p.realm}:${p.password}`),
    Buffer.from(`:${p.nonce}:${p.cnonce}${p.authzid ? `:${p.authzid}` : ''}`),
  ]);
  const a2 = `${p.forServer ? '' : 'AUTHENTICATE'}:${p.digestUri}`;
  return md5hex(`${md5hex(a1)}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${md5hex(a2)}`);
}

/** DIGEST-MD5 (RFC 2831), the RFC 3920 mandatory-to-implement mechanism. */
export class DigestMd5Exchange implements SaslExchange {
  readonly mechanism = 'DIGEST-MD5';
  private expectedRspauth?: string;
  private round = 0;

  constructor(
    private readonly creds: SaslCredentials,
    private readonly cnonce = crypto.randomBytes(12).toString('hex'),
  ) {}

  async initialResponse(): Promise<null> {
    return null;
  }

  async respond(challenge: Buffer): Promise<Buffer> {
    const fields = parseDigestChallenge(challenge.toString('utf8'));
    this.round++;
    if (fields.has('rspauth')) {
      this.checkRspauth(fields.get('rspauth')!);
      return Buffer.alloc(0);
    }
    if (this.round > 1) throw new Error('unexpected second DIGEST-MD5 challenge');
    const nonce = fields.get('nonce');
    if (!nonce) throw new Error('DIGEST-MD5 challenge without a nonce');
    const realm = fields.get('realm') ?? this.creds.domain;
    const qop = 'auth';
    const nc = '00000001';
    const digestUri = `xmpp/${this.creds.domain}`;
    const params = { username: this.creds.username, realm, password: this.creds.password, nonce, cnonce: this.cnonce, nc, qop, digestUri, authzid: this.creds.authzid };
    this.expectedRspauth = digestResponse({ ...params, forServer: true });
    const parts = [
      `username="${this.creds.username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `cnonce="${this.cnonce}"`,
      `nc=${nc}`, `qop=${qop}`, `digest-uri="${digestUri}"`, `response=${digestResponse(params)}`, 'charset=utf-8',
    ];
    if (this.creds.authzid) parts.push(`authzid="${this.creds.authzid}"`);
    return Buffer.from(parts.join(','), 'utf8');
  }

  verifySuccess(data: Buffer): SuccessCheck {
    if (data.length === 0) {
      return this.rspauthChecked
        ? { verified: true, detail: 'rspauth verified in the second challenge' }
        : { verified: false, detail: 'no rspauth received' };
    }
    const rspauth = parseDigestChallenge(data.toString('utf8')).get('rspauth');
    if (!rspauth) return { verified: false, detail: 'success data carries no rspauth' };
    this.checkRspauth(rspauth);
    return { verified: true, detail: 'rspauth verified' };
  }

  private rspauthChecked = false;

  private checkRspauth(rspauth: string): void {
    if (rspauth !== this.expectedRspauth) throw new Error('DIGEST-MD5 rspauth does not match');
    this.rspauthChecked = true;
  }
}
