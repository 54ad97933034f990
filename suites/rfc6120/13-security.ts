import tls from 'node:tls';
import { type Baseline, defineCases } from '../../src/authoring.js';
import { credentials } from '../lib/sessions.js';
import { attempt, describeAttempt, saslStream } from './sasl.js';
import { handshake, offeringStarttls, proceed } from './starttls.js';

/** The mandatory-to-implement cipher suite of each baseline, by its IANA and OpenSSL names. */
const MTI_CIPHER: Record<Baseline, { iana: string; openssl: string }> = {
  '3920': { iana: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', openssl: 'DES-CBC3-SHA' },
  '6120': { iana: 'TLS_RSA_WITH_AES_128_CBC_SHA', openssl: 'AES128-SHA' },
};

/** The entries of Node's subjectaltname text ("DNS:a, othername:XmppAddr:b"), quoted values decoded. */
function altNames(san: string): { type: string; value: string }[] {
  const entries = san.matchAll(/(othername:XmppAddr|othername:SRVName|[^:,]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g);
  return [...entries].map((m) => ({ type: m[1]!.trim(), value: m[2]!.startsWith('"') ? JSON.parse(m[2]!) as string : m[2]! }));
}

/** Whether a subjectAltName entry names `domain` as an XMPP server (RFC 6120 §13.7.1.2, RFC 6125). */
function identifies(name: { type: string; value: string }, domain: string): boolean {
  const value = name.value.toLowerCase();
  const d = domain.toLowerCase();
  if (name.type === 'othername:XmppAddr') return value === d;
  if (name.type === 'othername:SRVName') return value === `_xmpp-client.${d}`;
  if (name.type !== 'DNS') return false;
  // a wildcard stands for exactly one whole label, and only the leftmost one
  if (value.startsWith('*.')) return d.includes('.') && d.slice(d.indexOf('.') + 1) === value.slice(2);
  return value === d;
}

/** The mandatory-to-implement password mechanism of each baseline (RFC 3920 §14.7, RFC 6120 §13.8.1). */
const MTI_MECHANISM = { '3920': 'DIGEST-MD5', '6120': 'SCRAM-SHA-1' } as const;

/** RFC 6120 §13 (RFC 3920 §14): the server certificate, and the mandatory-to-implement cipher suite and password mechanism. */
export default defineCases({ spec: 'xmpp-core', role: 'server' }, [
  {
    id: 'RFC6120-13.7.1.2-1',
    cite: {
      '3920': {
        absent: 'RFC 3920 states how the client checks the certificate against the hostname (§5.1 rules 7–8, §14.2), not what a server certificate must contain',
        later: {
          doc: 'RFC 6120',
          section: '13.7.1.2.1',
          keyword: 'SHOULD',
          quote: 'In a PKIX certificate to be presented by an XMPP server (i.e., a "server certificate"), the certificate SHOULD include one or more XMPP addresses (i.e., domainparts) associated with XMPP services hosted at the server.',
        },
      },
      '6120': {
        section: '13.7.1.2.1',
        keyword: 'SHOULD',
        quote: 'In a PKIX certificate to be presented by an XMPP server (i.e., a "server certificate"), the certificate SHOULD include one or more XMPP addresses (i.e., domainparts) associated with XMPP services hosted at the server.',
      },
    },
    requirement: 'The server certificate names the XMPP domain: a DNS-ID, SRV-ID or XmppAddr that matches it.',
    async run(t) {
      const s = await offeringStarttls(t);
      await proceed(t, s);
      const info = await t.setup('complete the TLS handshake', () => handshake(s));
      // trust in the issuer is the deployment's business (test setups use their own CA): reported only
      t.note(`certificate chain ${info.authorized ? 'verified' : `not verified (${info.authorizationError ?? 'unknown reason'})`}`);
      const matched = altNames(info.subjectAltName ?? '').find((name) => identifies(name, t.domain));
      t.check(matched !== undefined, `a subjectAltName DNS-ID, SRV-ID (_xmpp-client.${t.domain}) or XmppAddr for ${t.domain}`,
        info.subjectAltName ? `subjectAltName: ${info.subjectAltName}` : 'no subjectAltName extension');
      if (matched) t.outcome(`${t.domain} is named by ${matched.type}:${matched.value}`);
    },
  },
  {
    id: 'RFC6120-13.8-1',
    cite: {
      '3920': {
        section: '14.7',
        keyword: 'MUST',
        quote: 'At a minimum, all implementations MUST support the following mechanisms: … for confidentiality: TLS (using the TLS_RSA_WITH_3DES_EDE_CBC_SHA cipher)',
      },
      '6120': {
        section: '13.8.2',
        keyword: 'MUST',
        quote: 'For confidentiality only, servers MUST support TLS with the TLS_RSA_WITH_AES_128_CBC_SHA ciphersuite.',
      },
    },
    requirement: 'The mandatory-to-implement cipher suite can be negotiated: TLS_RSA_WITH_AES_128_CBC_SHA (RFC 6120), TLS_RSA_WITH_3DES_EDE_CBC_SHA (RFC 3920).',
    async run(t) {
      const suite = MTI_CIPHER[t.baseline];
      if (!tls.getCiphers().includes(suite.openssl.toLowerCase())) {
        t.skip(`the tool's TLS library (OpenSSL ${process.versions.openssl}) cannot offer ${suite.iana}`);
      }
      const s = await offeringStarttls(t);
      await proceed(t, s);
      try {
        // these suites exist up to TLS 1.2 only; security level 0 lets the tool offer them even
        // where its library's default policy would not
        const info = await handshake(s, { ciphers: `${suite.openssl}:@SECLEVEL=0`, minVersion: 'TLSv1', maxVersion: 'TLSv1.2' });
        t.check(info.cipher === suite.openssl, `${suite.iana} negotiated`, `${info.protocol} ${info.cipher}`);
        t.note(`negotiated ${info.protocol} with ${info.cipher}`);
      } catch (err) {
        const message = (err as Error).message;
        if (/no ciphers? (available|match)/i.test(message)) t.skip(`the tool's TLS library refused to offer ${suite.iana}: ${message}`);
        t.check(false, `a TLS handshake with ${suite.iana} as the only suite offered`, message);
      }
    },
  },
  {
    id: 'RFC6120-13.8-2',
    cite: {
      '3920': {
        section: '14.7',
        keyword: 'MUST',
        quote: 'At a minimum, all implementations MUST support the following mechanisms: for authentication: the SASL [DIGEST-MD5] mechanism …',
        changed: 'RFC 6120 §13.8.1 replaces DIGEST-MD5 with SCRAM-SHA-1',
      },
      '6120': {
        section: '13.8.1',
        keyword: 'MUST',
        quote: 'For authentication only, servers and clients MUST support the SASL Salted Challenge Response Authentication Mechanism [SCRAM] -- in particular, the SCRAM-SHA-1 and SCRAM-SHA-1-PLUS variants.',
      },
    },
    requirement: 'The mandatory-to-implement password mechanism is offered and works: DIGEST-MD5 (RFC 3920), SCRAM-SHA-1 (RFC 6120; SCRAM-SHA-1-PLUS is recorded, not tried).',
    accounts: 1,
    async run(t) {
      const mechanism = MTI_MECHANISM[t.baseline];
      const s = await saslStream(t);
      if (t.baseline === '6120') t.note(`SCRAM-SHA-1-PLUS ${s.mechanisms.includes('SCRAM-SHA-1-PLUS') ? 'offered' : 'not offered'} (the tool does not speak it)`);
      t.check(s.mechanisms.includes(mechanism), `${mechanism} among the mechanisms`, `offered: ${s.mechanisms.join(', ')}`);
      const result = await attempt(s, credentials(t.accounts[0]!), mechanism);
      t.check(result.ended === 'success', `a successful ${mechanism} login with the account's password`, describeAttempt(result));
    },
  },
]);
