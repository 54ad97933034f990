import { bare, defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { CONVERSION } from '../lib/avatar.js';
import { discoInfo } from '../lib/disco.js';
import xep0398 from '../requirements/xep-0398.js';

/** XEP-0398 §2: discovery. */
export default defineCases({ spec: 'xep-0398', role: 'server' }, [
  {
    id: 'XEP0398-2-1',
    cite: citationOf(xep0398, 'XEP0398-2-1'),
    requirement: `The account's disco#info lists ${CONVERSION}.`,
    evidence: 'advertisement',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const info = await discoInfo(s, bare(s.jid!));
      t.check(info.features.includes(CONVERSION), `the feature ${CONVERSION} in the disco#info of ${bare(s.jid!)}`, info.response);
    },
  },
]);
