import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { bookmarkIn, bookmarks, differences, publishBookmark, sameRoom } from '../lib/bookmarks.js';
import xep0402 from '../requirements/xep-0402.js';
import { freshBookmarked, sceneOptions } from './scene.js';

/** XEP-0402 §3.4: editing a bookmark. */
export default defineCases({ spec: 'xep-0402', role: 'server' }, [
  {
    id: 'XEP0402-3.4-2',
    cite: citationOf(xep0402, 'XEP0402-3.4-2'),
    requirement: 'Republishing a bookmark with the same item id and the publish-options replaces it: the node then holds the new version, once.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const room = await freshBookmarked(t, s);
      const edited = { ...room, name: `${room.name} (edited)`, autojoin: false, nick: `${room.nick}-2` };
      const response = await publishBookmark(s, edited, sceneOptions(t));
      t.check(response.attrs.type === 'result', `an IQ result to republishing ${room.jid}`, response);
      const { response: items, items: found } = await bookmarks(s);
      const copies = found.filter((i) => sameRoom(i.id, room.jid));
      t.check(copies.length === 1, `one item ${room.jid} among the bookmarks`, items);
      const seen = differences(edited, bookmarkIn(copies[0]!.payload!, copies[0]!.id));
      t.check(seen.length === 0, `the bookmark ${room.jid} as republished`, seen.join('; '));
    },
  },
]);
