import { defineCases, NS } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { discoInfo } from '../lib/disco.js';
import xep0223 from '../requirements/xep-0223.js';
import { hasPepIdentity } from '../xep-0163/pep.js';

/** XEP-0223 §5: what the server shows. */
export default defineCases({ spec: 'xep-0223', role: 'server' }, [
  {
    id: 'XEP0223-5-2',
    cite: citationOf(xep0223, 'XEP0223-5-2'),
    requirement: "The server's disco#info shows the identity pubsub/pep and the feature http://jabber.org/protocol/pubsub#publish-options.",
    evidence: 'advertisement',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const info = await discoInfo(s, t.domain);
      t.check(hasPepIdentity(info.identities), `<identity category='pubsub' type='pep'/> from server ${t.domain}`, info.response);
      t.check(info.features.includes(`${NS.pubsub}#publish-options`), `the feature ${NS.pubsub}#publish-options from server ${t.domain}`, info.response);
    },
  },
]);
