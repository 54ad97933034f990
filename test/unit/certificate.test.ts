import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { makeCertificate } from '../../src/host/certificate.js';

describe('the certificate listen mode and the fixtures present', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmpp-certify-cert-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names the domain, its subdomains and loopback, and is valid now', async () => {
    const made = await makeCertificate(dir, 'example.test');
    const cert = new X509Certificate(fs.readFileSync(made.cert));
    expect(cert.checkHost('example.test')).toBe('example.test');
    expect(cert.checkHost('conference.example.test')).toBe('conference.example.test');
    expect(cert.checkHost('other.test')).toBeUndefined();
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(Date.now());
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    expect(fs.readFileSync(made.combined, 'utf8')).toContain('PRIVATE KEY');
  });

  it('is trusted by a client given it as CA, and can negotiate an RSA key-exchange suite', async () => {
    const made = await makeCertificate(dir, 'example.test');
    const server = tls.createServer({ cert: fs.readFileSync(made.cert), key: fs.readFileSync(made.key), maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA' }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const negotiated = await new Promise<{ authorized: boolean; cipher: string }>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port, servername: 'example.test', ca: fs.readFileSync(made.cert), maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA' }, () => {
          resolve({ authorized: socket.authorized, cipher: socket.getCipher().name });
          socket.end();
        });
        socket.on('error', reject);
      });
      expect(negotiated).toEqual({ authorized: true, cipher: 'AES128-SHA' });
    } finally {
      server.close();
    }
  });
});
