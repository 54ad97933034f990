import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { addToList, bookmarkIn, deferWithdraw, differences, freshBookmark, LEGACY, legacyList, sameRoom } from '../lib/bookmarks.js';
import xep0048 from '../requirements/xep-0048.js';

/** XEP-0048 §3: storage in PEP. */
export default defineCases({ spec: 'xep-0048', role: 'server' }, [
  {
    id: 'XEP0048-3-1',
    cite: citationOf(xep0048, 'XEP0048-3-1'),
    requirement: 'A bookmark list published to the PEP node storage:bookmarks (item current) with the publish-options of §3.1 is stored: a retrieve-items request from a later session returns it.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const room = freshBookmark();
      await deferWithdraw(t, s, [room]);
      const response = await addToList(s, 'pep', room);
      if (!t.check(response.attrs.type === 'result', `an IQ result to publishing the list with ${room.jid} to ${LEGACY}`, response)) return;
      const later = await t.login(t.accounts[0]!);
      const { response: items, conferences } = await legacyList(later, 'pep');
      const entry = conferences.find((c) => sameRoom(c.attrs.jid, room.jid));
      if (!t.check(entry !== undefined, `${room.jid} in the item current of ${LEGACY}, from a later session`, items)) return;
      const seen = differences(room, bookmarkIn(entry!));
      t.check(seen.length === 0, `the bookmark ${room.jid} as published`, seen.join('; '));
    },
  },
]);
