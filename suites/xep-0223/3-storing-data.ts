import { bare, defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { PRIVATE_NODE } from '../lib/private-pep.js';
import xep0223 from '../requirements/xep-0223.js';
import { deferDelete, freshNode, itemIds, publish, requestItems } from '../xep-0163/pep.js';

/** XEP-0223 §3: storing data. */
export default defineCases({ spec: 'xep-0223', role: 'server' }, [
  {
    id: 'XEP0223-3-1',
    cite: citationOf(xep0223, 'XEP0223-3-1'),
    requirement: 'A publish with the publish-options of §2 to a node that does not exist creates it, holding the item.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const node = freshNode();
      deferDelete(t, s, node);
      const response = await publish(s, node, 'item-1', PRIVATE_NODE);
      t.check(response.attrs.type === 'result', `an IQ result to the first publish to ${node}, with persist_items and the whitelist access model`, response);
      const items = await requestItems(s, bare(s.jid!), node);
      t.check(itemIds(items).includes('item-1'), `${node} exists and holds item-1`, items);
    },
  },
]);
