import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { NS } from '../../src/xml/namespaces.js';
import { discoInfo } from '../lib/disco.js';

/**
 * XEP-0016 §3 (v1.7): discovering support. v1.6 as the 2007–2009 levels approved it had no such
 * section: the archive's last v1.6 text has one only because it was added in 2011 (SPEC-17)
 * without a new version number.
 */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-3-1',
    cite: {
      absent: 'v1.6 as published and approved (2007–2008) has no Discovering Support section (the archive copy has one, added in 2011 without a new version)',
      later: {
        doc: 'XEP-0016',
        version: '1.7',
        section: '3',
        keyword: 'MUST',
        quote: 'If an entity supports the privacy lists protocol, it MUST report that fact by including a service discovery feature of "jabber:iq:privacy" … in response to a Service Discovery (XEP-0030) information request',
        anchor: 'disco',
      },
    },
    evidence: 'advertisement',
    requirement: "A server with privacy lists lists 'jabber:iq:privacy' in its disco#info (not in v1.6: reported for information, a miss warns).",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const info = await discoInfo(s, t.domain);
      t.check(info.features.includes(NS.privacy), `the feature ${NS.privacy} in the disco#info of ${t.domain}`,
        info.ok ? `features: ${info.features.join(', ') || '(none)'}` : info.response);
    },
  },
]);
