import { type CaseContext, type Element, isStreamHeader, type Match, NS, openingTag, type Session, streamError, streamErrorCondition, type StreamOpen } from '../../src/authoring.js';

export { openingTag };

/** The attributes of a well-formed client stream header to the domain under test, as text. */
export function clientHeader(t: CaseContext, attrs: Partial<StreamOpen> = {}): string {
  return openingTag({ to: t.domain, ...attrs });
}

/** What a server did after being given something it should refuse at the stream level. */
export interface StreamEnding {
  /** The response header, if one came. */
  header?: Element;
  /** The stream error element and its condition, if one came. */
  error?: Element;
  condition?: string;
  /** Whether `</stream:stream>` came after the error. */
  closedStream: boolean;
  /** Whether the TCP connection was closed within the wait. */
  closedConnection: boolean;
}

/** How awaitStreamEnd() behaves as the peer of a server that ends the stream. */
export interface StreamEndOptions {
  /**
   * Close our stream once the server has closed its own, and only then wait for the TCP
   * connection to end: RFC 6120 §4.9.1.1 has the entity that receives a stream error close the
   * stream (SHALL), and §4.4 has the entity that closed first wait for that closing tag before
   * it terminates the connection. Without it the server must terminate the connection on its
   * own, as RFC 3920 §4.7.1 says.
   */
  answerClose?: boolean;
}

/**
 * Waits for the server to end the stream: a stream error, the closing tag, the connection
 * closing. Returns what it saw within `timeoutMs` (nothing is a failure here; cases judge).
 */
export async function awaitStreamEnd(session: Session, timeoutMs = session.stepMs, options: StreamEndOptions = {}): Promise<StreamEnding> {
  // a stream error a caller already took from the inbox still counts
  const error = session.streamError ?? await session.maybe(streamError(), timeoutMs);
  if (options.answerClose && (error || session.peerEnded) && !session.isClosed) {
    // the closing tag follows the error at once, where the server sends one
    await waitForPeerEnd(session, Math.min(timeoutMs, 1000));
    if (session.peerEnded && !session.isClosed) session.sendRaw('</stream:stream>');
  }
  // a stream error or a close comes at once; with neither in a step's time, waiting for the
  // close as long again would only slow the run down
  const closedConnection = error || session.isClosed ? await session.waitClosed(timeoutMs) : false;
  const header = session.received({ describe: 'header', test: isStreamHeader })[0];
  return {
    header,
    error,
    condition: error ? streamErrorCondition(error) : undefined,
    closedStream: session.peerEnded,
    closedConnection,
  };
}

/** Resolves once the server has closed its stream (or the connection), or after `timeoutMs`. */
async function waitForPeerEnd(session: Session, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!session.peerEnded && !session.isClosed && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * awaitStreamEnd() as the baseline's closing handshake has it: under RFC 6120 the tool answers
 * the server's closing tag with its own before it expects the connection to end (§4.4,
 * §4.9.1.1); under RFC 3920 the server terminates the connection itself (§4.7.1).
 */
export function awaitStreamEndFor(t: CaseContext, session: Session, timeoutMs = session.stepMs): Promise<StreamEnding> {
  return awaitStreamEnd(session, timeoutMs, { answerClose: t.baseline === '6120' });
}

/**
 * After something the server may refuse at the stream level: whether the stream is still open,
 * proved by a ping round trip on it (the server processed what came before: RFC 6120 §10.1);
 * false when the stream ended instead. Needs a logged-in session.
 */
export async function stillOpen(session: Session): Promise<boolean> {
  try {
    await session.sync();
    return session.received(streamError()).length === 0;
  } catch (err) {
    if (session.isClosed || session.peerEnded || session.streamError) return false;
    throw err;
  }
}

/** A description of a stream ending for findings: "stream error <host-unknown/>, </stream:stream>, connection closed". */
export function describeEnding(e: StreamEnding): string {
  const parts = [
    e.error ? `stream error <${e.condition ?? '?'}/>` : 'no stream error',
    e.closedStream ? '</stream:stream>' : 'no closing tag',
    e.closedConnection ? 'connection closed' : 'connection left open',
  ];
  return parts.join(', ');
}

/** Matches the <stream:features/> element. */
export const features: Match = {
  describe: '<stream:features/>',
  test: (el) => el.getName() === 'features' && el.getNS() === NS.stream,
};

/** Opens a raw TCP session, sends `header` (text) and returns it, for tests of the header itself. */
export async function rawWithHeader(t: CaseContext, header: string, label = 'raw'): Promise<Session> {
  const session = await t.connect(label);
  session.openRaw(header);
  return session;
}

/** Opens a stream and STARTTLS where offered, then writes `text` raw at the top level. */
export async function afterTls(t: CaseContext, text: string): Promise<Session> {
  const session = await t.secureStream();
  session.sendRaw(text);
  return session;
}

/** The <stream:features/> a client sees at each stage before authentication. */
export interface StagedFeatures {
  session: Session;
  beforeTls?: Element;
  /** Undefined when STARTTLS was not offered. */
  afterTls?: Element;
}

/**
 * Opens a stream and negotiates STARTTLS where offered, like t.secureStream(), but keeps the
 * features of both stages: some features (iq-auth, iq-register) may be offered only after TLS.
 */
export async function stagedFeatures(t: CaseContext, label = 'raw'): Promise<StagedFeatures> {
  const session = await t.connect(label);
  await t.setup(`open a stream as ${session.label}`, () => session.open());
  const beforeTls = session.features;
  if (!beforeTls?.getChild('starttls', NS.tls)) return { session, beforeTls };
  await t.setup(`STARTTLS for ${session.label}`, () => session.starttls());
  return { session, beforeTls, afterTls: session.features };
}

/** The stages at which a stream feature (name, namespace) was offered: "before TLS", "after TLS". */
export function stagesOffering(staged: StagedFeatures, name: string, xmlns: string): string[] {
  const stages: [string, Element | undefined][] = [['before TLS', staged.beforeTls], ['after TLS', staged.afterTls]];
  return stages.filter(([, f]) => f?.getChild(name, xmlns) !== undefined).map(([stage]) => stage);
}

/**
 * A request made before authentication, or undefined when the server ended the stream with
 * <not-authorized/> instead: RFC 6120 §4.3.5 lets a server refuse any stanza sent before
 * authentication that way, so a pre-authentication service it does not offer (in-band
 * registration, non-SASL authentication) may be refused so too.
 */
export async function refusableBeforeAuth<T>(session: Session, request: () => Promise<T>): Promise<T | undefined> {
  try {
    return await request();
  } catch (err) {
    if (session.streamError && streamErrorCondition(session.streamError) === 'not-authorized') return undefined;
    throw err;
  }
}

/** The outcome note for a stream ended under refusableBeforeAuth(). */
export const REFUSED_BEFORE_AUTH = 'the stream was ended with <not-authorized/>, as RFC 6120 §4.3.5 allows for any stanza before authentication';
