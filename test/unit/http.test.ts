import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpFailure, httpRequest } from '../../src/transport/http.js';
import { testCertificate } from '../support/harness.js';

/** Echoes what it got: method, headers and body, as JSON; /slow never answers. */
function echo(request: http.IncomingMessage, response: http.ServerResponse): void {
  if (request.url === '/slow') return;
  const chunks: Buffer[] = [];
  request.on('data', (c: Buffer) => chunks.push(c));
  request.on('end', () => {
    response.writeHead(201, { 'Content-Type': 'application/json', 'X-Seen': 'yes' });
    response.end(JSON.stringify({ method: request.method, headers: request.headers, body: Buffer.concat(chunks).toString('base64') }));
  });
}

const listen = async (server: http.Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
};

describe('HTTP requests beside the stream', () => {
  let plain: http.Server;
  let secure: https.Server;
  let plainAt: string;
  let secureAt: string;
  let ca: string;

  beforeAll(async () => {
    const { cert, key } = await testCertificate();
    ca = cert;
    plain = http.createServer(echo);
    secure = https.createServer({ cert, key }, echo);
    [plainAt, secureAt] = await Promise.all([listen(plain), listen(secure as unknown as http.Server)]);
  });
  afterAll(() => {
    plain.closeAllConnections();
    secure.closeAllConnections();
    plain.close();
    secure.close();
  });

  it('send the method, headers and body as given (Content-Length from the body) and return status, headers and bytes', async () => {
    const body = Buffer.from([0, 1, 2, 255, 254]);
    const reply = await httpRequest({ method: 'PUT', url: `http://${plainAt}/file`, headers: { 'Content-Type': 'application/octet-stream' }, body }, { tls: { insecure: false }, timeoutMs: 2000 });
    expect(reply.status).toBe(201);
    expect(reply.headers['x-seen']).toBe('yes');
    const seen = JSON.parse(reply.body.toString('utf8')) as { method: string; headers: Record<string, string>; body: string };
    expect(seen.method).toBe('PUT');
    expect(seen.headers['content-type']).toBe('application/octet-stream');
    expect(seen.headers['content-length']).toBe('5');
    expect(Buffer.from(seen.body, 'base64')).toEqual(body);
  });

  it('trust the CAs the run was given over HTTPS, and refuse a certificate nobody vouches for unless told to', async () => {
    const url = `https://${secureAt}/file`;
    expect((await httpRequest({ method: 'GET', url }, { tls: { ca: [ca], insecure: false }, timeoutMs: 2000 })).status).toBe(201);
    const refused = await httpRequest({ method: 'GET', url }, { tls: { insecure: false }, timeoutMs: 2000 }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(HttpFailure);
    expect((refused as HttpFailure).code).toMatch(/CERT|SELF_SIGNED/);
    expect((await httpRequest({ method: 'GET', url }, { tls: { insecure: true }, timeoutMs: 2000 })).status).toBe(201);
  });

  it('fail in one line, naming the request, when there is no answer: a deadline, a closed port, no URL', async () => {
    await expect(httpRequest({ method: 'GET', url: `http://${plainAt}/slow` }, { tls: { insecure: false }, timeoutMs: 200 })).rejects.toThrow(`GET http://${plainAt}/slow: no answer within 200 ms`);
    const closed = http.createServer();
    const at = await listen(closed);
    closed.close();
    await expect(httpRequest({ method: 'HEAD', url: `http://${at}/` }, { tls: { insecure: false }, timeoutMs: 2000 })).rejects.toThrow(/ECONNREFUSED/);
    await expect(httpRequest({ method: 'GET', url: 'no url' }, { tls: { insecure: false }, timeoutMs: 2000 })).rejects.toThrow('not a URL: no url');
    await expect(httpRequest({ method: 'GET', url: 'ftp://example.test/x' }, { tls: { insecure: false }, timeoutMs: 2000 })).rejects.toBeInstanceOf(HttpFailure);
  });
});
