/** STARTTLS steps shared by the RFC 6120 §5 cases and the §13 certificate and cipher-suite cases. */
import { type CaseContext, describe, type Element, match, NS, type Session, type TlsInfo, type TlsOverrides, x } from '../../src/authoring.js';
import { clearStream } from '../lib/sessions.js';

export function starttlsOffer(s: Session): Element | undefined {
  return s.features?.getChild('starttls', NS.tls);
}

/** A clear stream whose features offer STARTTLS; the case is skipped otherwise (RFC6120-5.2-1 judges that). */
export async function offeringStarttls(t: CaseContext): Promise<Session> {
  const s = await clearStream(t);
  if (!starttlsOffer(s)) t.skip('the server does not offer STARTTLS (see RFC6120-5.2-1)');
  return s;
}

/** Sends <starttls/> and waits for the answer in the TLS namespace. */
export function requestTls(s: Session): Promise<Element> {
  s.send(x('starttls', { xmlns: NS.tls }));
  return s.expect(match('<proceed/> or <failure/> in the TLS namespace', (el) => el.getNS() === NS.tls));
}

/** <starttls/> answered with <proceed/>, as preparation for cases that judge what follows. */
export function proceed(t: CaseContext, s: Session): Promise<void> {
  return t.setup('be told to <proceed/> with TLS', async () => {
    const answer = await requestTls(s);
    if (answer.getName() !== 'proceed') throw new Error(`the server answered ${describe(answer)}`);
  });
}

/**
 * The TLS handshake after <proceed/>, with the certificate left unjudged: RFC6120-13.7.1.2-1
 * judges the certificate, the other cases the negotiation, so a test CA the run does not trust
 * must not turn them into errors. Rejects when the handshake fails.
 */
export function handshake(s: Session, overrides: TlsOverrides = {}): Promise<TlsInfo> {
  return s.handshakeTls({ verify: false, overrides });
}
