/** What the RFC 7590 cases share: one STARTTLS handshake with what the case offers, and its outcome. */
import type { CaseContext, TlsInfo, TlsOverrides } from '../../src/authoring.js';
import { handshake, offeringStarttls, proceed } from '../rfc6120/starttls.js';

/** The tool's TLS library refused to build the offer: nothing reached the server. */
const CANNOT_OFFER = /no (ciphers?|cipher match|protocols?) (available|match)|no cipher match|not a valid TLS protocol version|unsupported protocol|ERR_SSL_NO_/i;

export type Offer = { info: TlsInfo } | { refused: string };

/**
 * A STARTTLS handshake offering only what `overrides` allow; the certificate is not judged here.
 * The server's refusal (an alert, a closed connection, silence) is an outcome; an offer the
 * tool's own TLS library cannot make skips the case, saying so.
 */
export async function offer(t: CaseContext, overrides: TlsOverrides, what: string): Promise<Offer> {
  const s = await offeringStarttls(t);
  await proceed(t, s);
  try {
    return { info: await handshake(s, overrides) };
  } catch (err) {
    const message = (err as Error).message;
    if (CANNOT_OFFER.test(message)) return t.skip(`the tool's TLS library (OpenSSL ${process.versions.openssl}) cannot offer ${what}: ${message}`, 'not-run');
    return { refused: message };
  } finally {
    s.destroy('the handshake was all the case needed');
  }
}

/** "TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256", or the refusal. */
export function described(result: Offer): string {
  return 'info' in result ? `${result.info.protocol} ${result.info.cipher}` : `refused: ${result.refused}`;
}
