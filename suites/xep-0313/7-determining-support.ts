import { bare, defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { discoInfo } from '../lib/disco.js';
import { MAM, MAM_EXTENDED } from './archive.js';

/** XEP-0313 v1.1.0 §7: determining support. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-7-1',
    cite: citationOf(xep0313, 'XEP0313-7-1'),
    requirement: "disco#info of the user's bare JID lists urn:xmpp:mam:2 and urn:xmpp:mam:2#extended.",
    accounts: 1,
    evidence: 'advertisement',
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      const info = await discoInfo(a, bare(a.jid!));
      for (const feature of [MAM, MAM_EXTENDED]) t.check(info.features.includes(feature), `${feature} in the disco#info of ${bare(a.jid!)}`, info.response);
    },
  },
]);
