import { bare, defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { hiddenFromContact, payloadOf, PRIVATE_NODE } from '../lib/private-pep.js';
import xep0223 from '../requirements/xep-0223.js';
import { deferDelete, freshNode, loginInterested, publisherAndContact, publishRequest, requestItems } from '../xep-0163/pep.js';

/** XEP-0223 §2: the configuration of a node for private data. */
export default defineCases({ spec: 'xep-0223', role: 'server' }, [
  {
    id: 'XEP0223-2-1',
    cite: citationOf(xep0223, 'XEP0223-2-1'),
    requirement: 'A node published with persist_items=true and access_model=whitelist keeps its item for a later session, and no contact (presence subscription both ways, +notify in its caps) gets a notification of it or can retrieve it.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const [owner] = await publisherAndContact(t, a!, b!);
      const [secret, marker] = [freshNode(), freshNode()];
      const contact = await loginInterested(t, b!, [secret, marker]);
      deferDelete(t, owner, secret);
      deferDelete(t, owner, marker);
      await t.setupIq(`publish item-1 to ${secret} with persist_items and the whitelist access model`, owner, publishRequest(secret, 'item-1', PRIVATE_NODE));
      await hiddenFromContact(t, owner, contact, secret, 'item-1', marker);
      const later = await t.login(a!);
      const items = await requestItems(later, bare(later.jid!), secret);
      t.check(payloadOf(items, 'item-1') !== undefined, `item-1 of ${secret} from a later session of the owner`, items);
    },
  },
]);
