import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { preflight } from '../../src/engine/preflight.js';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { harnessEnvironment, startHarness, testAccounts } from '../support/harness.js';

/** The first contact: each way a target can be unusable ends in one line that says which, within seconds. */

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function xmppServer(): Promise<HarnessServer> {
  const server = await startHarness();
  closers.push(() => server.close());
  return server;
}

/** A TCP server that answers every connection with `answer` (or nothing). */
async function rawServer(answer?: string): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => answer !== undefined && socket.write(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

async function check(port: number, options: { host?: string; trusted?: boolean } = {}): Promise<{ line: string | undefined; ms: number }> {
  const env = await harnessEnvironment(port, testAccounts(), { stepMs: 500 });
  if (options.host) env.target.endpoint.host = options.host;
  if (options.trusted === false) env.target.tls = { ca: [], insecure: false };
  const started = performance.now();
  const line = await preflight(env, new AbortController().signal);
  return { line, ms: performance.now() - started };
}

describe('preflight', () => {
  it('passes an XMPP server whose certificate the run trusts', async () => {
    expect((await check((await xmppServer()).port)).line).toBeUndefined();
  });

  it('names an untrusted certificate and the two ways out', async () => {
    const { line } = await check((await xmppServer()).port, { trusted: false });
    expect(line).toMatch(/^the certificate of 127\.0\.0\.1:\d+ is not trusted \(self[- ]signed certificate\): trust its CA with --ca FILE, or skip verification with --insecure-tls$/);
  });

  it('says nothing listens when the connection is refused', async () => {
    const port = await rawServer();
    await closers.pop()!();
    expect((await check(port)).line).toBe(`nothing listens at 127.0.0.1:${port} (connection refused)`);
  });

  it('says what another protocol answered', async () => {
    const port = await rawServer('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    expect((await check(port)).line).toBe(`127.0.0.1:${port} is not an XMPP server: it answered a stream header with "HTTP/1.1 400 Bad Request"`);
    const html = await rawServer('<!DOCTYPE HTML><html><body>Bad request</body></html>');
    expect((await check(html)).line).toMatch(/is not an XMPP server: it answered a stream header with "<!DOCTYPE HTML>/);
  });

  it('gives up on a silent port after the step deadline, not the whole run', async () => {
    const port = await rawServer();
    const { line, ms } = await check(port);
    expect(line).toBe(`127.0.0.1:${port} sent nothing in answer to a stream header within 0.5 s: not an XMPP client port, or a silent one`);
    expect(ms).toBeLessThan(2000);
  });

  it('says a name does not resolve', async () => {
    expect((await check(5222, { host: 'no-such-host.invalid' })).line).toMatch(/^cannot resolve no-such-host\.invalid: /);
  });
});
