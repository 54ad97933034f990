import { type CaseContext, defineCases, iq, NS, type Session, TlsHandshakeFailed, x, XMPP_CLIENT_ALPN } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/xep-0368.js';
import { credentials } from '../lib/sessions.js';

/** A connection over direct TLS; a certificate that does not verify leaves the case to XEP0368-3-4. */
async function directTls(t: CaseContext, label: string): Promise<Session> {
  try {
    return await t.connect(label, 'directtls');
  } catch (err) {
    if (err instanceof TlsHandshakeFailed && err.untrusted) return t.skip(`the certificate of the direct TLS port did not verify (XEP0368-3-4 judges it): ${err.detail}`, 'unproven');
    throw err;
  }
}

/** XEP-0368 v1.1.0 §3: what a server's direct TLS port must do. */
export default defineCases({ spec: 'xep-0368', role: 'server' }, [
  {
    id: 'XEP0368-3-2',
    cite: citationOf(rows, 'XEP0368-3-2'),
    requirement: 'The direct TLS port takes TLS at once (SNI the domain, ALPN xmpp-client), and a login and a round trip over it work.',
    accounts: 1,
    async run(t) {
      const s = await directTls(t, 'A');
      t.note(`TLS ${s.tlsInfo?.protocol} ${s.tlsInfo?.cipher} from the first byte`);
      await s.open();
      await s.authenticate(credentials(t.accounts[0]!));
      const jid = await s.bind();
      const pong = await s.iq(iq('get', { to: t.domain }, x('ping', { xmlns: NS.ping })));
      t.check(pong.attrs.type === 'result' || pong.attrs.type === 'error', 'an answer to a ping over the direct TLS stream', pong.toString());
      t.note(`logged in as ${jid} over direct TLS`);
    },
  },
  {
    id: 'XEP0368-3-4',
    cite: citationOf(rows, 'XEP0368-3-4'),
    requirement: 'The certificate on the direct TLS port passes the validation for the domain that the STARTTLS one passes.',
    async run(t) {
      if (t.target.tls.insecure) return t.skip('the run does not validate certificates (--insecure-tls)', 'not-run');
      const starttls = await t.secureStream('starttls');
      const viaStarttls = starttls.tlsInfo;
      if (!viaStarttls) return t.skip('the server offered no STARTTLS to compare with (RFC6120-5 judges that)', 'unproven');
      let direct: Session;
      try {
        direct = await t.connect('direct', 'directtls');
      } catch (err) {
        if (!(err instanceof TlsHandshakeFailed && err.untrusted)) throw err;
        t.check(false, `a certificate for ${t.domain} that verifies, as the STARTTLS one does`, err.detail);
        return;
      }
      t.note(`direct TLS certificate: ${direct.tlsInfo?.subjectAltName ?? 'no subjectAltName'}; verified for ${t.domain}`);
      t.check(direct.tlsInfo?.authorized === true, `a certificate for ${t.domain} that verifies`, direct.tlsInfo?.authorizationError ?? 'not verified');
    },
  },
  {
    id: 'XEP0368-3-5',
    cite: citationOf(rows, 'XEP0368-3-5'),
    requirement: 'A stream over direct TLS offers no STARTTLS.',
    async run(t) {
      const s = await directTls(t, 'direct');
      const { features } = await s.open();
      const offer = features?.getChild('starttls', NS.tls);
      t.check(offer === undefined, 'no <starttls/> among the features over direct TLS', offer ? offer.toString() : '');
    },
  },
  {
    id: 'XEP0368-3-8',
    cite: citationOf(rows, 'XEP0368-3-8'),
    requirement: 'Offered ALPN xmpp-client, the server selects xmpp-client or no protocol.',
    async run(t) {
      const s = await directTls(t, 'direct');
      const alpn = s.tlsInfo?.alpn;
      t.outcome(alpn === undefined ? 'the server selected no ALPN protocol' : `the server selected ${alpn}`);
      t.check(alpn === undefined || alpn === XMPP_CLIENT_ALPN, `ALPN ${XMPP_CLIENT_ALPN} or none`, String(alpn));
    },
  },
]);
