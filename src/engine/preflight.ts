import dns from 'node:dns/promises';
import net from 'node:net';
import { Transcript } from '../evidence/transcript.js';
import { Session } from '../session/session.js';
import { TlsHandshakeFailed } from '../session/errors.js';
import { tcpConnector, openingTag } from '../transport/tcp.js';
import { NS } from '../xml/namespaces.js';
import type { RunEnvironment } from './environment.js';

/**
 * Before any case: is there an XMPP server to certify at all? Each way a target can be unusable
 * from the first contact (a name that does not resolve, nothing listening, another protocol, a
 * silent port, a certificate the tool was not told to trust) ends the run within seconds with
 * one line that says which, instead of every case failing alike. Returns that line, or
 * undefined when the target answers as an XMPP server.
 */
export async function preflight(env: RunEnvironment, signal: AbortSignal): Promise<string | undefined> {
  const { host, port } = env.target.endpoint;
  const where = `${host}:${port}`;
  const waitMs = Math.max(env.limits.stepMs, env.limits.connectTimeoutMs);
  if (net.isIP(host) === 0) {
    const resolved = await withDeadline(dns.lookup(host), waitMs).catch((err: NodeJS.ErrnoException | Error) => err);
    if (resolved === 'deadline') return `cannot resolve ${host}: no answer from the resolver within ${seconds(waitMs)}`;
    if (resolved instanceof Error) return `cannot resolve ${host}: ${(resolved as NodeJS.ErrnoException).code ?? resolved.message}`;
  }
  // whitespace after the header is nothing to an XMPP server (RFC 6120 §11.7), and ends the
  // request of a server that speaks HTTP, so that it answers and says what it is
  const first = await firstBytes(host, port, `${openingTag({ to: env.target.domain })}\r\n\r\n`, waitMs, signal);
  if (first.error) return first.error === 'ECONNREFUSED' ? `nothing listens at ${where} (connection refused)` : `cannot connect to ${where}: ${first.error}`;
  if (first.text === undefined) return `${where} did not accept a connection within ${seconds(waitMs)}`;
  if (first.text === '') return `${where} sent nothing in answer to a stream header within ${seconds(waitMs)}: not an XMPP client port, or a silent one`;
  // an XML declaration or a stream header (any prefix); an HTML page or a banner is another protocol
  if (!/^\s*<(\?xml[\s?]|([\w.-]+:)?stream[\s>])/.test(first.text)) return `${where} is not an XMPP server: it answered a stream header with "${printable(first.text)}"`;
  return trustProblem(env, signal);
}

/**
 * Opens a stream and, where offered, STARTTLS with the run's TLS settings: a certificate that
 * does not verify stops the run (every login would fail on it), naming the way out.
 */
async function trustProblem(env: RunEnvironment, signal: AbortSignal): Promise<string | undefined> {
  if (env.target.tls.insecure) return undefined;
  let session: Session | undefined;
  try {
    session = await Session.connect({ label: 'preflight', target: env.target, transcript: new Transcript(env.redactor), limits: env.limits, signal, transport: tcpConnector(env.target.endpoint, env.limits) });
    const { features } = await session.open();
    if (!features?.getChild('starttls', NS.tls)) return undefined;
    await session.starttls();
    return undefined;
  } catch (err) {
    // only a certificate the tool cannot verify makes the target unusable; anything else is for the cases to judge
    if (err instanceof TlsHandshakeFailed && err.untrusted) {
      return `the certificate of ${env.target.endpoint.host}:${env.target.endpoint.port} is not trusted (${err.detail}): trust its CA with --ca FILE, or skip verification with --insecure-tls`;
    }
    return undefined;
  } finally {
    session?.destroy('preflight done');
  }
}

/** The first bytes the target sends after `hello`; text '' when it sends none in time, undefined when the connection did not open. */
function firstBytes(host: string, port: number, hello: string, waitMs: number, signal: AbortSignal): Promise<{ text?: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let connected = false;
    let finished = false;
    let text = '';
    const done = (result: { text?: string; error?: string }): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = (): void => done({ error: 'the run was stopped' });
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => done(connected ? { text } : {}), waitMs);
    socket.on('connect', () => {
      connected = true;
      socket.write(hello);
    });
    socket.on('data', (data: Buffer) => {
      text += data.toString('latin1');
      if (text.length >= 64 || text.includes('>')) done({ text });
    });
    socket.on('close', () => done(connected ? { text } : { error: 'closed' }));
    socket.on('error', (err: NodeJS.ErrnoException) => done(connected ? { text } : { error: err.code ?? err.message }));
  });
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | 'deadline'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The first line of what a peer sent, safe to print: control bytes shown as dots, at most 60 characters. */
function printable(text: string): string {
  const line = text.split(/\r?\n/)[0]!.replace(/[^\x20-\x7e]/g, '.');
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
