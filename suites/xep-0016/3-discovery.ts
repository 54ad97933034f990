import { defineCases, NS, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';

/**
 * XEP-0016 §3 (v1.7): discovering support. v1.6 as published (2007-02-15), which the 2008 and
 * 2009 levels cite, had no such section: the archive's later v1.6 files have one only because it
 * was added in 2011 (SPEC-17) without a new version number; v1.7 (2017) published it.
 */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-3-1',
    cite: {
      absent: 'v1.6 as published (2007-02-15) has no Discovering Support section: it came with an edit of 2011 (SPEC-17) that kept the number, and was published in v1.7 (2017)',
      later: {
        doc: 'XEP-0016',
        version: '1.7',
        section: '3',
        keyword: 'MUST',
        quote: 'If an entity supports the privacy lists protocol, it MUST report that fact by including a service discovery feature of "jabber:iq:privacy" …',
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
