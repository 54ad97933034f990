import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * A self-signed certificate for `domain` and its subdomains, made with openssl, written as
 * cert.pem and key.pem (and both in one file for servers that want that).
 */
export async function makeCertificate(dir: string, domain: string): Promise<{ cert: string; key: string; combined: string }> {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const combined = path.join(dir, 'combined.pem');
  await new Promise<void>((resolve, reject) => {
    execFile('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-subj', `/CN=${domain}`,
      '-addext', `subjectAltName=DNS:${domain},DNS:conference.${domain},DNS:*.${domain},IP:127.0.0.1,IP:::1`,
      '-keyout', key, '-out', cert,
    ], (err, _stdout, stderr) => (err ? reject(new Error(`openssl could not make a certificate: ${stderr.trim() || err.message}`)) : resolve()));
  });
  await fs.writeFile(combined, (await fs.readFile(cert, 'utf8')) + (await fs.readFile(key, 'utf8')));
  await fs.chmod(key, 0o644);
  return { cert, key, combined };
}
