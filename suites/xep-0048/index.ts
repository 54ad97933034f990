import { bare, stanzaError, type Suite } from '../../src/authoring.js';
import { addToList, deferWithdraw, freshBookmark, LEGACY } from '../lib/bookmarks.js';
import { triedTwice } from '../lib/probe.js';
import storage from './3-storage.js';

/** XEP-0048 Bookmarks, server side (v1.2): the list in the PEP node storage:bookmarks. */
export const xep0048: Suite = {
  spec: 'xep-0048',
  role: 'server',
  /** Supported when a list published to storage:bookmarks with the publish-options of §3.1 is accepted; the room is withdrawn again. */
  async probe(t) {
    const s = await t.login(t.accounts[0]!);
    const room = freshBookmark();
    await deferWithdraw(t, s, [room]);
    const response = await triedTwice(() => addToList(s, 'pep', room));
    const answer = response.attrs.type === 'result' ? 'a result' : `an error <${stanzaError(response)?.condition ?? '?'}/>`;
    return {
      supported: response.attrs.type === 'result',
      entity: `account ${bare(s.jid!)}`,
      detail: `a bookmark list published to the PEP node ${LEGACY} with persist_items and the whitelist access model was answered with ${answer}`,
    };
  },
  cases: [...storage],
};
