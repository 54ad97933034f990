import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { BOOKMARKS, bookmarks, sameRoom } from '../lib/bookmarks.js';
import { retract } from '../lib/private-pep.js';
import xep0402 from '../requirements/xep-0402.js';
import { freshBookmarked } from './scene.js';

/** XEP-0402 §3.5: removing a bookmark. */
export default defineCases({ spec: 'xep-0402', role: 'server' }, [
  {
    id: 'XEP0402-3.5-1',
    cite: citationOf(xep0402, 'XEP0402-3.5-1'),
    requirement: 'Retracting a bookmark by its room JID removes it from the node.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const room = await freshBookmarked(t, s);
      const response = await retract(s, BOOKMARKS, room.jid);
      t.check(response.attrs.type === 'result', `an IQ result to the retract of ${room.jid}`, response);
      const { response: items, items: found } = await bookmarks(s);
      t.check(!found.some((i) => sameRoom(i.id, room.jid)), `no item ${room.jid} among the bookmarks any more`, items);
    },
  },
]);
