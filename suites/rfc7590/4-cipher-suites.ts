import tls from 'node:tls';
import { type CaseContext, defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/rfc7590.js';
import { described, offer } from './handshake.js';

/** A suite by its IANA name and the name the tool's TLS library (OpenSSL) knows it by. */
interface Suite {
  iana: string;
  openssl: string;
}

const suite = (iana: string, openssl: string): Suite => ({ iana, openssl });

/** The suites RFC 7525 §4.2 recommends, all TLS 1.2 AEAD suites. */
const RECOMMENDED = [
  suite('TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 'DHE-RSA-AES128-GCM-SHA256'),
  suite('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256'),
  suite('TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'DHE-RSA-AES256-GCM-SHA384'),
  suite('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'ECDHE-RSA-AES256-GCM-SHA384'),
];

/** Suites RFC 7525 §4.1 forbids or discourages, by what makes them weak. */
const WEAK = {
  null: [suite('TLS_RSA_WITH_NULL_SHA256', 'NULL-SHA256'), suite('TLS_RSA_WITH_NULL_SHA', 'NULL-SHA'), suite('TLS_ECDHE_RSA_WITH_NULL_SHA', 'ECDHE-RSA-NULL-SHA')],
  rc4: [suite('TLS_RSA_WITH_RC4_128_SHA', 'RC4-SHA'), suite('TLS_ECDHE_RSA_WITH_RC4_128_SHA', 'ECDHE-RSA-RC4-SHA')],
  below112: [suite('TLS_RSA_EXPORT_WITH_RC4_40_MD5', 'EXP-RC4-MD5'), suite('TLS_RSA_WITH_DES_CBC_SHA', 'DES-CBC-SHA')],
  below128: [suite('TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'DES-CBC3-SHA'), suite('TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', 'ECDHE-RSA-DES-CBC3-SHA')],
};

/**
 * Those of `suites` the tool's TLS library can offer at all, at its lowest security level (its
 * list of ciphers leaves out the NULL suites it can still offer there).
 */
function offerable(suites: Suite[]): Suite[] {
  return suites.filter((s) => {
    try {
      tls.createSecureContext({ ciphers: `${s.openssl}:@SECLEVEL=0`, minVersion: 'TLSv1', maxVersion: 'TLSv1.2' });
      return true;
    } catch {
      return false;
    }
  });
}

/** Up to TLS 1.2, where these suites live; security level 0 so that the library offers weak ones. */
const onlyThese = (suites: Suite[]) => ({ minVersion: 'TLSv1' as const, maxVersion: 'TLSv1.2' as const, ciphers: `${suites.map((s) => s.openssl).join(':')}:@SECLEVEL=0` });

/** What a case of one class of weak suites does: offer them alone, and see the server refuse. */
function refusesWeak(what: string, suites: Suite[]) {
  return {
    requirement: `A handshake offering only ${what} fails.`,
    async run(t: CaseContext) {
      const usable = offerable(suites);
      const missing = suites.filter((s) => !usable.includes(s)).map((s) => s.iana);
      if (usable.length === 0) return t.skip(`the tool's TLS library (OpenSSL ${process.versions.openssl}) cannot offer ${what}: it lacks ${missing.join(', ')}`, 'not-run');
      if (missing.length) t.note(`not offered (the tool's TLS library lacks them): ${missing.join(', ')}`);
      const result = await offer(t, onlyThese(usable), what);
      t.note(`offering ${usable.map((s) => s.iana).join(', ')}: ${described(result)}`);
      t.check('refused' in result, `no handshake with ${what}`, described(result));
    },
  };
}

/** RFC 7525 §4 (through RFC 7590): which cipher suites a server negotiates. */
export default defineCases({ spec: 'rfc7590', role: 'server' }, [
  {
    id: 'RFC7590-4.1-1',
    cite: citationOf(rows, 'RFC7590-4.1-1'),
    ...refusesWeak('NULL-encryption suites', WEAK.null),
  },
  {
    id: 'RFC7590-4.1-2',
    cite: citationOf(rows, 'RFC7590-4.1-2'),
    ...refusesWeak('RC4 suites', WEAK.rc4),
  },
  {
    id: 'RFC7590-4.1-3',
    cite: citationOf(rows, 'RFC7590-4.1-3'),
    ...refusesWeak('suites below 112 bits (export-grade, single DES)', WEAK.below112),
  },
  {
    id: 'RFC7590-4.1-4',
    cite: citationOf(rows, 'RFC7590-4.1-4'),
    ...refusesWeak('triple-DES suites (112 bits)', WEAK.below128),
  },
  {
    id: 'RFC7590-4.2-1',
    cite: citationOf(rows, 'RFC7590-4.2-1'),
    requirement: 'The server negotiates each recommended suite (DHE and ECDHE with RSA, AES-GCM) offered alone.',
    async run(t) {
      for (const recommended of offerable(RECOMMENDED)) {
        const result = await offer(t, onlyThese([recommended]), recommended.iana);
        t.note(`${recommended.iana}: ${described(result)}`);
        t.check('info' in result && result.info.cipher === recommended.openssl, `a handshake with ${recommended.iana}`, described(result));
      }
    },
  },
  {
    id: 'RFC7590-4.2.1-1',
    cite: citationOf(rows, 'RFC7590-4.2.1-1'),
    requirement: 'Offered after weaker suites, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 is the one the server picks.',
    async run(t) {
      const preferred = RECOMMENDED[1]!;
      const weaker = [suite('TLS_RSA_WITH_AES_128_CBC_SHA', 'AES128-SHA'), suite('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'ECDHE-RSA-AES128-SHA')];
      const alone = await offer(t, onlyThese([preferred]), preferred.iana);
      if (!('info' in alone)) return t.skip(`the server does not negotiate ${preferred.iana} at all (RFC7590-4.2-1 judges that): ${alone.refused}`, 'not-applicable');
      const result = await offer(t, onlyThese([...offerable(weaker), preferred]), `${preferred.iana} after weaker suites`);
      t.note(`offering ${[...offerable(weaker), preferred].map((s) => s.iana).join(', ')}, in this order: ${described(result)}`);
      t.check('info' in result && result.info.cipher === preferred.openssl, `${preferred.iana} chosen`, described(result));
    },
  },
]);
