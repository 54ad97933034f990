import { bare, type Element, stanzaError, type Suite } from '../../src/authoring.js';
import { BOOKMARKS, deferWithdraw, freshBookmark, publishBookmark } from '../lib/bookmarks.js';
import { discoInfo } from '../lib/disco.js';
import { PRIVATE_NODE } from '../lib/private-pep.js';
import { triedTwice } from '../lib/probe.js';
import adding from './3.3-adding-a-bookmark.js';
import editing from './3.4-editing-a-bookmark.js';
import removing from './3.5-removing-a-bookmark.js';
import differences from './5.1-differences.js';
import compatibility from './5.3-compatibility.js';

/** XEP-0402 PEP Native Bookmarks, server side (v1.1.4). */
export const xep0402: Suite = {
  spec: 'xep-0402',
  role: 'server',
  /**
   * Supported when a bookmark published as §3.3 has it (its room as item id, the publish-options
   * of §3.3) is accepted; it is withdrawn again. The spec has no disco feature of its own (§6:
   * it rests on XEP-0223); the #compat features the account announces are recorded.
   */
  async probe(t) {
    const s = await t.login(t.accounts[0]!);
    const room = freshBookmark();
    await deferWithdraw(t, s, [room]);
    const features = (await discoInfo(s, bare(s.jid!))).features.filter((f) => f.startsWith(`${BOOKMARKS}#`));
    const announced = `the account announces ${features.join(', ') || `no ${BOOKMARKS}# feature`}`;
    const answer = (r: Element): string => (r.attrs.type === 'result' ? 'a result' : `an error <${stanzaError(r)?.condition ?? '?'}/>`);
    const response = await triedTwice(() => publishBookmark(s, room));
    const entity = `account ${bare(s.jid!)}`;
    if (response.attrs.type === 'result') return { supported: true, entity, detail: `a bookmark published with the publish-options of §3.3 was answered with a result; ${announced}` };
    // refusing §3.3's options is XEP0402-3.3-1's finding; bookmarks the server does keep are the other cases' matter
    const fallback = await triedTwice(() => publishBookmark(s, room, PRIVATE_NODE));
    return {
      supported: fallback.attrs.type === 'result',
      entity,
      facts: fallback.attrs.type === 'result' ? { options: 'xep-0223' } : undefined,
      detail: `a bookmark published with the publish-options of §3.3 was answered with ${answer(response)}, with XEP-0223's (persist_items, whitelist) with ${answer(fallback)}; ${announced}`,
    };
  },
  cases: [...adding, ...editing, ...removing, ...differences, ...compatibility],
};
