import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { bare } from '../../src/session/stanza.js';
import { NS } from '../../src/xml/namespaces.js';
import { discoInfo } from '../lib/disco.js';

/** XEP-0054 §4: the server that stores vCards says so in service discovery. */
export default defineCases({ spec: 'xep-0054', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0054-4-1',
    cite: sameIn(['1.1', '1.2'], { section: '4', keyword: 'MUST', quote: '' }),
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
