import { DigestMd5Exchange } from './digest-md5.js';
import type { SaslCredentials, SaslExchange } from './mechanism.js';
import { PlainExchange } from './plain.js';
import { ScramSha1Exchange } from './scram-sha-1.js';

export type { SaslCredentials, SaslExchange } from './mechanism.js';

/** Mechanisms the tool can speak, strongest first: the order in which it picks one. */
export const SUPPORTED_MECHANISMS = ['SCRAM-SHA-1', 'DIGEST-MD5', 'PLAIN'] as const;
export type MechanismName = (typeof SUPPORTED_MECHANISMS)[number];

export function createExchange(mechanism: MechanismName, creds: SaslCredentials): SaslExchange {
  switch (mechanism) {
    case 'SCRAM-SHA-1':
      return new ScramSha1Exchange(creds);
    case 'DIGEST-MD5':
      return new DigestMd5Exchange(creds);
    case 'PLAIN':
      return new PlainExchange(creds);
  }
}

/** The strongest mechanism both sides support, or undefined. */
export function chooseMechanism(offered: readonly string[]): MechanismName | undefined {
  return SUPPORTED_MECHANISMS.find((m) => offered.includes(m));
}
