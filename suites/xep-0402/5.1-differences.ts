import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { BOOKMARKS, } from '../lib/bookmarks.js';
import { hiddenFromContact } from '../lib/private-pep.js';
import xep0402 from '../requirements/xep-0402.js';
import { deferDelete, freshNode, loginInterested, publisherAndContact } from '../xep-0163/pep.js';
import { freshBookmarked } from './scene.js';

/** XEP-0402 §5.1: the storage is XEP-0223's. */
export default defineCases({ spec: 'xep-0402', role: 'server' }, [
  {
    id: 'XEP0402-5.1-1',
    cite: citationOf(xep0402, 'XEP0402-5.1-1'),
    requirement: 'The bookmarks node is private storage as XEP-0223 has it: a contact with a presence subscription both ways and +notify in its caps is neither notified of a bookmark nor given it.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const [owner] = await publisherAndContact(t, a!, b!);
      const marker = freshNode();
      const contact = await loginInterested(t, b!, [BOOKMARKS, marker]);
      deferDelete(t, owner, marker);
      const room = await freshBookmarked(t, owner);
      await hiddenFromContact(t, owner, contact, BOOKMARKS, room.jid, marker);
    },
  },
]);
