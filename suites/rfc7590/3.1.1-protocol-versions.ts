import { type CaseContext, defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/rfc7590.js';
import { described, offer } from './handshake.js';

/** Security level 0: the tool's TLS library offers old protocol versions only below its default policy. */
const ANY_CIPHER = 'DEFAULT:@SECLEVEL=0';

/** Node's TLS speaks nothing older than TLS 1.0 at all. */
const NO_SSL = `Node's TLS (OpenSSL ${process.versions.openssl}) cannot send an SSL ClientHello of this version: it knows TLS 1.0 to 1.3 only`;

/** What a case of one old TLS version does: offer it alone, and see the server refuse. */
function refusesVersion(version: string, tlsVersion: 'TLSv1' | 'TLSv1.1') {
  return {
    requirement: `The server refuses a handshake that offers TLS ${version} at most.`,
    async run(t: CaseContext) {
      const result = await offer(t, { minVersion: tlsVersion, maxVersion: tlsVersion, ciphers: ANY_CIPHER }, `TLS ${version}`);
      t.note(described(result));
      t.check('refused' in result, `no handshake at TLS ${version}`, described(result));
    },
  };
}

/** RFC 7525 §3.1.1 (through RFC 7590): which protocol versions a server negotiates. */
export default defineCases({ spec: 'rfc7590', role: 'server' }, [
  {
    id: 'RFC7590-3.1.1-1',
    cite: citationOf(rows, 'RFC7590-3.1.1-1'),
    requirement: 'The server refuses a handshake that offers SSL 2.0 only.',
    async run(t) {
      t.skip(NO_SSL, 'not-run');
    },
  },
  {
    id: 'RFC7590-3.1.1-2',
    cite: citationOf(rows, 'RFC7590-3.1.1-2'),
    requirement: 'The server refuses a handshake that offers SSL 3.0 at most.',
    async run(t) {
      t.skip(NO_SSL, 'not-run');
    },
  },
  {
    id: 'RFC7590-3.1.1-3',
    cite: citationOf(rows, 'RFC7590-3.1.1-3'),
    ...refusesVersion('1.0', 'TLSv1'),
  },
  {
    id: 'RFC7590-3.1.1-4',
    cite: citationOf(rows, 'RFC7590-3.1.1-4'),
    ...refusesVersion('1.1', 'TLSv1.1'),
  },
  {
    id: 'RFC7590-3.1.1-5',
    cite: citationOf(rows, 'RFC7590-3.1.1-5'),
    requirement: 'A handshake limited to TLS 1.2 succeeds, and one offering TLS 1.0 to 1.2 settles on TLS 1.2.',
    async run(t) {
      const only = await offer(t, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }, 'TLS 1.2');
      t.must('info' in only, 'a handshake at TLS 1.2', described(only));
      const range = await offer(t, { minVersion: 'TLSv1', maxVersion: 'TLSv1.2', ciphers: ANY_CIPHER }, 'TLS 1.0 to 1.2');
      t.note(`offering TLS 1.0 to 1.2: ${described(range)}`);
      t.must('info' in range && range.info.protocol === 'TLSv1.2', 'TLS 1.2 chosen from TLS 1.0 to 1.2', described(range));
    },
  },
]);
