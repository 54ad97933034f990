import { describe, expect, it } from 'vitest';
import { DigestMd5Exchange, digestResponse, parseDigestChallenge } from '../../src/session/sasl/digest-md5.js';
import { PlainExchange } from '../../src/session/sasl/plain.js';
import { ScramSha1Exchange } from '../../src/session/sasl/scram-sha-1.js';

// vectors from ../shared/requirements/rfc6120.md §C (RFC 5802, RFC 6120, RFC 4616, RFC 2831)
describe('SASL mechanisms against the published vectors', () => {
  it('SCRAM-SHA-1, RFC 5802 §5', async () => {
    const scram = new ScramSha1Exchange({ username: 'user', password: 'pencil', domain: 'x' }, 'fyko+d2lbbFgONRv9qkxdawL');
    expect((await scram.initialResponse()).toString()).toBe('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    const final = await scram.respond(Buffer.from('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096'));
    expect(final.toString()).toBe('c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=');
    expect(scram.verifySuccess(Buffer.from('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=')).verified).toBe(true);
    expect(scram.verifySuccess(Buffer.from('v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).verified).toBe(false);
  });

  it('SCRAM-SHA-1, the RFC 6120 example session', async () => {
    const scram = new ScramSha1Exchange({ username: 'juliet', password: 'r0m30myr0m30', domain: 'x' }, 'oMsTAAwAAAAMAAAANP0TAAAAAABPU0AA');
    await scram.initialResponse();
    const final = await scram.respond(Buffer.from('r=oMsTAAwAAAAMAAAANP0TAAAAAABPU0AAe124695b-69a9-4de6-9c30-b51b3808c59e,s=NjhkYTM0MDgtNGY0Zi00NjdmLTkxMmUtNDlmNTNmNDNkMDMz,i=4096'));
    expect(final.toString()).toMatch(/,p=UA57tM\/SvpATBkH2FXs0WDXvJYw=$/);
    expect(scram.verifySuccess(Buffer.from('v=pNNDFVEQxuXxCoSEiW8GEZ+1RSo=')).verified).toBe(true);
  });

  it('refuses a server nonce that does not extend the client nonce', async () => {
    const scram = new ScramSha1Exchange({ username: 'u', password: 'p', domain: 'x' }, 'abc');
    await scram.initialResponse();
    await expect(scram.respond(Buffer.from('r=xyz,s=QSXCR+Q6sek8bf92,i=4096'))).rejects.toThrow(/nonce/);
  });

  it('PLAIN, RFC 6120 and RFC 4616 examples', async () => {
    expect((await new PlainExchange({ username: 'juliet', password: 'r0m30myr0m30', domain: 'x' }).initialResponse()).toString('base64')).toBe('AGp1bGlldAByMG0zMG15cjBtMzA=');
    expect((await new PlainExchange({ username: 'tim', password: 'tanstaaftanstaaf', domain: 'x' }).initialResponse()).toString('base64')).toBe('AHRpbQB0YW5zdGFhZnRhbnN0YWFm');
  });

  it('DIGEST-MD5, RFC 2831 §4', () => {
    const p = { username: 'chris', realm: 'elwood.innosoft.com', password: 'secret', nonce: 'OA6MG9tEQGm2hh', cnonce: 'OA6MHXh6VqTrRk', nc: '00000001', qop: 'auth', digestUri: 'imap/elwood.innosoft.com' };
    expect(digestResponse(p)).toBe('d388dad90d4bbd760a152321f2143af7');
    expect(digestResponse({ ...p, forServer: true })).toBe('ea40f60335c427b5527b84dbabcdfffd');
  });

  it('DIGEST-MD5 exchange answers a challenge and checks rspauth', async () => {
    const exchange = new DigestMd5Exchange({ username: 'chris', password: 'secret', domain: 'example.com' }, 'OA6MHXh6VqTrRk');
    const response = parseDigestChallenge((await exchange.respond(Buffer.from('realm="example.com",nonce="OA6MG9tEQGm2hh",qop="auth",charset=utf-8,algorithm=md5-sess'))).toString());
    expect(response.get('digest-uri')).toBe('xmpp/example.com');
    const rspauth = digestResponse({ username: 'chris', realm: 'example.com', password: 'secret', nonce: 'OA6MG9tEQGm2hh', cnonce: 'OA6MHXh6VqTrRk', nc: '00000001', qop: 'auth', digestUri: 'xmpp/example.com', forServer: true });
    expect(response.get('response')).toBe(digestResponse({ username: 'chris', realm: 'example.com', password: 'secret', nonce: 'OA6MG9tEQGm2hh', cnonce: 'OA6MHXh6VqTrRk', nc: '00000001', qop: 'auth', digestUri: 'xmpp/example.com' }));
    await expect(exchange.respond(Buffer.from('rspauth=0000'))).rejects.toThrow(/rspauth/);
    expect((await exchange.respond(Buffer.from(`rspauth=${rspauth}`))).length).toBe(0);
  });
});
