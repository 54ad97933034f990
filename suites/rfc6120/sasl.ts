/** SASL steps shared by the RFC 6120 §6 cases and the §13 mandatory-mechanism case. */
import { type CaseContext, type Element, ExpectationError, type MechanismName, type SaslCredentials, SaslFailure, type Session, streamErrorCondition } from '../../src/authoring.js';

/** A stream ready for SASL: opened, and secured where STARTTLS is offered. */
export async function saslStream(t: CaseContext, label?: string): Promise<Session> {
  const s = await t.secureStream(label);
  if (s.mechanisms.length === 0) t.skip('the server offers no SASL mechanism (see RFC6120-6.2-1)');
  return s;
}

/** The defined condition of a SASL <failure/>, whatever order its children come in. */
export function failureCondition(failure: Element): string | undefined {
  return failure.getChildElements().find((c) => c.getName() !== 'text')?.getName();
}

/** How one authentication attempt ended. */
export type Attempt = { ended: 'success' } | { ended: 'failure'; condition: string; failure: Element } | { ended: 'stream'; condition?: string };

export async function attempt(s: Session, creds: SaslCredentials, mechanism?: MechanismName): Promise<Attempt> {
  try {
    await s.authenticate(creds, mechanism);
    return { ended: 'success' };
  } catch (err) {
    if (err instanceof SaslFailure) return { ended: 'failure', condition: failureCondition(err.failure) ?? err.condition, failure: err.failure };
    if (err instanceof ExpectationError && err.reason === 'closed') return { ended: 'stream', condition: s.streamError && streamErrorCondition(s.streamError) };
    throw err;
  }
}

export function describeAttempt(a: Attempt): string {
  if (a.ended === 'success') return '<success/>';
  if (a.ended === 'failure') return `<failure><${a.condition}/></failure>`;
  return a.condition ? `stream error <${a.condition}/>` : 'the stream ended without a stream error';
}
