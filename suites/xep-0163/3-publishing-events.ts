import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { bare } from '../../src/session/stanza.js';
import { discoInfo } from '../lib/disco.js';
import { NS } from '../../src/xml/namespaces.js';
import { deferDelete, freshNode, itemIds, publish, requestItems } from './pep.js';

/** XEP-0163 §3: publishing to one's own PEP service. */
export default defineCases({ spec: 'xep-0163', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0163-3-1',
    cite: sameIn(['1.0', '1.1'], { section: '3', keyword: 'MUST', quote: '' }),
    requirement: 'Publishing to a node that does not exist creates it (auto-create, XEP-0060 §7.1.4).',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const node = freshNode();
      deferDelete(t, s, node);
      const response = await publish(s, node, 'item-1');
      t.check(response.attrs.type === 'result', `an IQ result to the first publish to ${node}`, response);
      const items = await requestItems(s, bare(s.jid!), node);
      t.check(itemIds(items).includes('item-1'), `${node} exists and holds item-1`, items);
    },
  },
  {
    id: 'XEP0163-3-2',
    cite: sameIn(['1.0', '1.1'], { section: '3', keyword: 'SHOULD', quote: '' }),
    requirement: 'The service supports publish-options (XEP-0060 §7.1.5): a node published with access_model=open is readable by anyone.',
    accounts: 2,
    async run(t) {
      const [a, c] = t.accounts;
      const s = await t.login(a!);
      const stranger = await t.login(c!);
      const info = await discoInfo(s, bare(s.jid!));
      t.note(`the account ${info.features.includes(`${NS.pubsub}#publish-options`) ? 'lists' : 'does not list'} pubsub#publish-options`);
      const node = freshNode();
      deferDelete(t, s, node);
      const response = await publish(s, node, 'item-1', { 'pubsub#access_model': 'open' });
      if (!t.check(response.attrs.type === 'result', 'an IQ result to a publish with publish-options', response)) return;
      const items = await requestItems(stranger, a!.jid, node);
      t.check(itemIds(items).includes('item-1'), `${c!.jid}, without a presence subscription, reads item-1 of the node made open`, items);
    },
  },
]);
