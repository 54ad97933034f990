import { NS, stanzaError, type Suite } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import { PRIVATE_NODE } from '../lib/private-pep.js';
import { triedTwice } from '../lib/probe.js';
import { deferDelete, freshNode, hasPepIdentity, publish } from '../xep-0163/pep.js';
import approach from './2-concepts-and-approach.js';
import storing from './3-storing-data.js';
import support from './5-determining-support.js';

/** XEP-0223 Persistent Storage of Private Data via PubSub, server side (v1.1.1). */
export const xep0223: Suite = {
  spec: 'xep-0223',
  role: 'server',
  /**
   * Supported when a publish with the publish-options of §2 to a fresh node of the account's
   * own PEP service succeeds; what the server's disco#info shows (§5) is recorded beside it.
   */
  async probe(t) {
    const s = await t.login(t.accounts[0]!);
    const info = await discoInfo(s, t.domain);
    const advertised = hasPepIdentity(info.identities) && info.features.includes(`${NS.pubsub}#publish-options`);
    const node = freshNode();
    deferDelete(t, s, node);
    const response = await triedTwice(() => publish(s, node, 'probe', PRIVATE_NODE));
    const answer = response.attrs.type === 'result' ? 'a result' : `an error <${stanzaError(response)?.condition ?? '?'}/>`;
    return {
      supported: response.attrs.type === 'result',
      advertised,
      entity: `server ${t.domain}`,
      detail: `a publish with persist_items and the whitelist access model to ${node} was answered with ${answer}; server ${t.domain} ${advertised ? 'shows' : 'does not show'} pubsub/pep with publish-options`,
    };
  },
  cases: [...approach, ...storing, ...support],
};
