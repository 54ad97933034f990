import crypto from 'node:crypto';

/** The server's side of one SASL exchange: each client message in, a step out. */
export type SaslStep =
  | { kind: 'challenge'; data: Buffer }
  | { kind: 'success'; data?: Buffer; username: string }
  | { kind: 'failure'; condition: string };

export interface ServerMechanism {
  step(data: Buffer): SaslStep;
}

export type PasswordLookup = (username: string) => string | undefined;

/** PLAIN (RFC 4616) on the server side. */
export class PlainServer implements ServerMechanism {
  constructor(private readonly lookup: PasswordLookup) {}

  step(data: Buffer): SaslStep {
    const [authzid, authcid, password] = data.toString('utf8').split('\0');
    if (authcid === undefined || password === undefined) return { kind: 'failure', condition: 'malformed-request' };
    if (this.lookup(authcid) !== password) return { kind: 'failure', condition: 'not-authorized' };
    if (authzid && authzid.split('@')[0] !== authcid) return { kind: 'failure', condition: 'invalid-authzid' };
    return { kind: 'success', username: authcid };
  }
}

const hmac = (key: Buffer, data: string): Buffer => crypto.createHmac('sha1', key).update(data).digest();
const sha1 = (data: Buffer): Buffer => crypto.createHash('sha1').update(data).digest();

/** SCRAM-SHA-1 (RFC 5802) on the server side, without channel binding. */
export class ScramSha1Server implements ServerMechanism {
  private state: 'first' | 'final' | 'done' = 'first';
  private username = '';
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private readonly salt = crypto.randomBytes(16);
  private readonly iterations = 4096;

  constructor(private readonly lookup: PasswordLookup) {}

  step(data: Buffer): SaslStep {
    const text = data.toString('utf8');
    if (this.state === 'first') {
      const match = /^([ny]|p=[^,]*),[^,]*,(n=([^,]*),r=([^,]*).*)$/.exec(text);
      if (!match) return { kind: 'failure', condition: 'malformed-request' };
      this.clientFirstBare = match[2]!;
      this.username = match[3]!.replace(/=2C/g, ',').replace(/=3D/g, '=');
      this.nonce = match[4]! + crypto.randomBytes(12).toString('base64');
      this.serverFirst = `r=${this.nonce},s=${this.salt.toString('base64')},i=${this.iterations}`;
      this.state = 'final';
      return { kind: 'challenge', data: Buffer.from(this.serverFirst) };
    }
    if (this.state === 'final') {
      this.state = 'done';
      const password = this.lookup(this.username);
      const attrs = new Map(text.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
      const proof = attrs.get('p');
      if (password === undefined || !proof || attrs.get('r') !== this.nonce) return { kind: 'failure', condition: 'not-authorized' };
      const salted = crypto.pbkdf2Sync(password, this.salt, this.iterations, 20, 'sha1');
      const withoutProof = text.slice(0, text.lastIndexOf(',p='));
      const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
      const storedKey = sha1(hmac(salted, 'Client Key'));
      const signature = hmac(storedKey, authMessage);
      const given = Buffer.from(proof, 'base64');
      if (given.length !== signature.length) return { kind: 'failure', condition: 'not-authorized' };
      const clientKey = Buffer.alloc(signature.length);
      for (let i = 0; i < signature.length; i++) clientKey[i] = given[i]! ^ signature[i]!;
      if (!sha1(clientKey).equals(storedKey)) return { kind: 'failure', condition: 'not-authorized' };
      const serverSignature = hmac(hmac(salted, 'Server Key'), authMessage).toString('base64');
      return { kind: 'success', data: Buffer.from(`v=${serverSignature}`), username: this.username };
    }
    return { kind: 'failure', condition: 'malformed-request' };
  }
}

export function createServerMechanism(name: string, lookup: PasswordLookup): ServerMechanism | undefined {
  if (name === 'PLAIN') return new PlainServer(lookup);
  if (name === 'SCRAM-SHA-1') return new ScramSha1Server(lookup);
  return undefined;
}
