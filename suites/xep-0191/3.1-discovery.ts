import { defineCases, NS, renumbered, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';

/** XEP-0191 §3.1 (v1.1 §5.1): the user discovers support. */
export default defineCases({ spec: 'xep-0191', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0191-3.1-1',
    cite: renumbered({ '1.1': '5.1', '1.3': '3.1' }, {
      keyword: 'MUST',
      quote: 'If the server supports the protocol defined herein, it MUST return a feature of "urn:xmpp:blocking"',
      anchor: 'disco',
    }),
    evidence: 'advertisement',
    requirement: "A server with the blocking command lists 'urn:xmpp:blocking' in its disco#info.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const info = await discoInfo(s, t.domain);
      t.check(info.features.includes(NS.blocking), `the feature ${NS.blocking} in the disco#info of ${t.domain}`,
        info.ok ? `features: ${info.features.join(', ') || '(none)'}` : info.response);
    },
  },
]);
