import { ConnectFailed, type Suite, TargetSilent, TlsHandshakeFailed } from '../../src/authoring.js';
import requirements from './3-requirements.js';

/** XEP-0368 SRV records for XMPP over TLS (v1.1.0): a server that accepts direct TLS connections. */
export const xep0368: Suite = {
  spec: 'xep-0368',
  role: 'server',
  // there when the endpoint (--direct-tls, or the _xmpps-client SRV record) takes TLS at once and an XMPP stream over it
  async probe(t) {
    const entity = t.directTls ? `direct TLS endpoint ${t.directTls.host}:${t.directTls.port}` : 'no direct TLS endpoint';
    try {
      const s = await t.connect('probe', 'directtls');
      await s.open();
      return { supported: true, entity, detail: `TLS from the first byte (${s.tlsInfo?.protocol ?? '?'}), then an XMPP stream` };
    } catch (err) {
      // TLS is there; whether its certificate passes is XEP0368-3-4's to judge
      if (err instanceof TlsHandshakeFailed && err.untrusted) return { supported: true, entity, detail: `TLS from the first byte, with a certificate that did not verify: ${err.detail}` };
      // no direct TLS there: nothing listens, nothing answers, or no TLS
      if (err instanceof TlsHandshakeFailed || err instanceof ConnectFailed || err instanceof TargetSilent) return { supported: false, entity, detail: err.message };
      throw err;
    }
  },
  cases: [...requirements],
};
