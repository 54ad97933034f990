import { bare, type Citation, defineCases, NS, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';

/** v1.2 §4. */
const SUPPORT: Citation = {
  section: '4',
  keyword: 'MUST',
  quote: 'If an entity supports the vcard-temp protocol, it MUST report that by including a service discovery feature of "vcard-temp" … in response to a Service Discovery (XEP-0030) information request',
  anchor: 'support',
};

/** XEP-0054 §4 (v1.2): the server that stores vCards says so in service discovery. */
export default defineCases({ spec: 'xep-0054', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0054-4-1',
    cite: {
      '1.1': { absent: 'v1.1 has no Determining Support section', later: { doc: 'XEP-0054', version: '1.2', ...SUPPORT } },
      '1.2': SUPPORT,
    },
    evidence: 'advertisement',
    requirement: "The server lists the 'vcard-temp' feature in its disco#info.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const server = await discoInfo(s, t.domain);
      const account = await discoInfo(s, bare(s.jid!));
      t.note(`the account's bare JID ${account.features.includes(NS.vcard) ? 'lists' : 'does not list'} vcard-temp`);
      t.check(server.features.includes(NS.vcard), `<feature var='vcard-temp'/> in the disco#info of ${t.domain}`, server.response);
    },
  },
]);
