import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { NS } from '../../src/xml/namespaces.js';
import { discoInfo } from '../lib/disco.js';

/** XEP-0016 §3 (v1.7): discovering support. v1.6, in force for the 2008/2009 levels, had no such section. */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-3-1',
    cite: { section: '3', keyword: 'MUST', quote: '' },
    requirement: "A server with privacy lists lists 'jabber:iq:privacy' in its disco#info (v1.7: required; v1.6: recommended).",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const info = await discoInfo(s, t.domain);
      t.check(info.features.includes(NS.privacy), `the feature ${NS.privacy} in the disco#info of ${t.domain}`,
        info.ok ? `features: ${info.features.join(', ') || '(none)'}` : info.response);
    },
  },
]);
