import { generateKeyPair, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';

/** How long a made certificate is valid: a run, or a day of test runs, not more. */
const VALID_DAYS = 2;

/**
 * A self-signed certificate for `domain` and its subdomains, made in-process (no openssl
 * binary needed), written as cert.pem and key.pem (and both in one file for servers that want
 * that). The key is RSA so that RSA key-exchange suites, the mandatory-to-implement ones of RFC
 * 3920 and RFC 6120, can be negotiated with it.
 */
export async function makeCertificate(dir: string, domain: string): Promise<{ cert: string; key: string; combined: string }> {
  const keyPem = await rsaKeyPem();
  const certPem = selfSignedPem(domain, keyPem);
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const combined = path.join(dir, 'combined.pem');
  await Promise.all([
    fs.writeFile(cert, certPem),
    // the servers under test run as other users in the fixtures and must read it; it protects nothing but a test
    fs.writeFile(key, keyPem, { mode: 0o644 }),
    fs.writeFile(combined, certPem + keyPem),
  ]);
  return { cert, key, combined };
}

/** Node's own generator: fast and native, where forge's would be pure JavaScript. */
function rsaKeyPem(): Promise<string> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } },
      (err, _publicKey, privateKey) => (err ? reject(err) : resolve(privateKey)));
  });
}

function selfSignedPem(domain: string, keyPem: string): string {
  const privateKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  // a positive serial: the top bit of the first byte clear
  cert.serialNumber = `0${randomBytes(15).toString('hex')}`;
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60_000);
  cert.validity.notAfter = new Date(now + VALID_DAYS * 86_400_000);
  const name = [{ name: 'commonName', value: domain }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true, keyCertSign: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: domain },
        { type: 2, value: `conference.${domain}` },
        { type: 2, value: `*.${domain}` },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}
