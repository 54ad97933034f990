import { defineCases, describe, stanzaError } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { bookmarkIn, bookmarks, deferWithdraw, differences, freshBookmark, publishBookmark, sameRoom } from '../lib/bookmarks.js';
import xep0402 from '../requirements/xep-0402.js';

/** XEP-0402 §3.3: adding a bookmark. */
export default defineCases({ spec: 'xep-0402', role: 'server' }, [
  {
    id: 'XEP0402-3.3-1',
    cite: citationOf(xep0402, 'XEP0402-3.3-1'),
    requirement: 'A bookmark published with the publish-options of §3.3 (persist_items, max_items=max, send_last_published_item=never, access_model=whitelist) is accepted and then retrieved, from a later session, as published under its room JID.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const room = freshBookmark();
      await deferWithdraw(t, s, [room]);
      const response = await publishBookmark(s, room);
      const refusal = response.attrs.type === 'error' ? `an error <${stanzaError(response)?.condition ?? '?'}/>: ${describe(response, 300)}` : response;
      t.check(response.attrs.type === 'result', `an IQ result to the publish of the bookmark ${room.jid} with §3.3's publish-options`, refusal);
      const later = await t.login(t.accounts[0]!);
      const { response: items, items: found } = await bookmarks(later);
      const item = found.find((i) => sameRoom(i.id, room.jid));
      t.check(item?.payload !== undefined, `an item ${room.jid} among the bookmarks, from a later session`, items);
      const seen = differences(room, bookmarkIn(item!.payload!, item!.id));
      t.check(seen.length === 0, `the bookmark ${room.jid} as published`, seen.join('; '));
    },
  },
]);
