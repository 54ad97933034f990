import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { SaslCredentials, SaslExchange, SuccessCheck } from './mechanism.js';

const pbkdf2 = promisify(crypto.pbkdf2);

/**
 * Salted passwords already derived in this process, keyed by password, salt and iteration
 * count. RFC 5802 §5.1 lets a client cache them; a run logs the same accounts in many times and
 * the key derivation (thousands of PBKDF2 rounds) is the dominant cost of a login.
 */
const saltedPasswords = new Map<string, Buffer>();

async function saltedPassword(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  const key = crypto.createHash('sha256').update(`${iterations}\0${salt.toString('base64')}\0${password}`).digest('base64');
  let salted = saltedPasswords.get(key);
  if (!salted) {
    // native, and off the event loop
    salted = await pbkdf2(password.normalize('NFKC'), salt, iterations, 20, 'sha1');
    saltedPasswords.set(key, salted);
  }
  return salted;
}

const hmac = (key: Buffer, data: string): Buffer => crypto.createHmac('sha1', key).update(data, 'utf8').digest();
const sha1 = (data: Buffer): Buffer => crypto.createHash('sha1').update(data).digest();

/** `=` and `,` are escaped in SCRAM usernames (RFC 5802 §5.1). */
function saslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function parseAttributes(message: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) attrs.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return attrs;
}

/** SCRAM-SHA-1 (RFC 5802) without channel binding, the RFC 6120 mandatory-to-implement mechanism. */
export class ScramSha1Exchange implements SaslExchange {
  readonly mechanism = 'SCRAM-SHA-1';
  private readonly clientNonce: string;
  private readonly gs2Header: string;
  private clientFirstBare = '';
  private expectedServerSignature?: Buffer;
  /** The server-final-message, when it came in a last <challenge/> rather than with <success/>. */
  private finalInChallenge?: Buffer;

  constructor(
    private readonly creds: SaslCredentials,
    clientNonce?: string,
  ) {
    this.clientNonce = clientNonce ?? crypto.randomBytes(18).toString('base64');
    this.gs2Header = creds.authzid ? `n,a=${saslName(creds.authzid)},` : 'n,,';
  }

  async initialResponse(): Promise<Buffer> {
    this.clientFirstBare = `n=${saslName(this.creds.username)},r=${this.clientNonce}`;
    return Buffer.from(this.gs2Header + this.clientFirstBare, 'utf8');
  }

  async respond(challenge: Buffer): Promise<Buffer> {
    // RFC 6120 §6.3.10: a server may send the additional data of success in a last challenge;
    // the client MUST accept it there, answer with an empty response and check it with <success/>
    if (this.expectedServerSignature) {
      this.finalInChallenge = challenge;
      return Buffer.alloc(0);
    }
    const serverFirst = challenge.toString('utf8');
    const attrs = parseAttributes(serverFirst);
    const nonce = attrs.get('r');
    const salt = attrs.get('s');
    const iterations = Number(attrs.get('i'));
    if (!nonce || !salt || !Number.isInteger(iterations) || iterations < 1) {
      throw new Error(`malformed SCRAM server-first-message: ${serverFirst}`);
    }
    if (!nonce.startsWith(this.clientNonce)) {
      throw new Error('SCRAM server nonce does not start with the client nonce');
    }
    const salted = await saltedPassword(this.creds.password, Buffer.from(salt, 'base64'), iterations);
    const clientFinalWithoutProof = `c=${Buffer.from(this.gs2Header).toString('base64')},r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${serverFirst},${clientFinalWithoutProof}`;
    const clientKey = hmac(salted, 'Client Key');
    const clientSignature = hmac(sha1(clientKey), authMessage);
    const proof = Buffer.alloc(clientKey.length);
    for (let i = 0; i < proof.length; i++) proof[i] = clientKey[i]! ^ clientSignature[i]!;
    this.expectedServerSignature = hmac(hmac(salted, 'Server Key'), authMessage);
    return Buffer.from(`${clientFinalWithoutProof},p=${proof.toString('base64')}`, 'utf8');
  }

  verifySuccess(data: Buffer): SuccessCheck {
    const final = data.length === 0 && this.finalInChallenge ? this.finalInChallenge : data;
    const verifier = parseAttributes(final.toString('utf8')).get('v');
    if (!this.expectedServerSignature) return { verified: false, detail: 'success came before the SCRAM exchange finished' };
    if (!verifier) return { verified: false, detail: 'success carries no server signature (v=)' };
    const received = Buffer.from(verifier, 'base64');
    // timingSafeEqual throws on buffers of different lengths: a hostile server chooses the length
    const verified = received.length === this.expectedServerSignature.length && crypto.timingSafeEqual(received, this.expectedServerSignature);
    return { verified, detail: verified ? 'server signature verified' : 'server signature does not match' };
  }
}
