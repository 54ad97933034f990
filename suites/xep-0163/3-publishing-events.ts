import { bare, defineCases, NS, sameIn, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import { deferDelete, freshNode, itemIds, publish, requestItems } from './pep.js';

const PUBLISH_OPTIONS = "A PEP service SHOULD also support the \"publish-options\" feature defined in XEP-0060.";

/** XEP-0163 §3 (v1.0: §5): publishing to one's own PEP service. */
export default defineCases({ spec: 'xep-0163', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0163-3-1',
    cite: {
      '1.0': {
        section: '5', anchor: 'owner-create', keyword: 'MUST',
        quote: 'When an account owner attempts to publish an item to a PEP node and that node does not already exist, the PEP service MUST automatically create the node with default configuration.',
      },
      ...sameIn(['1.1', '1.2.2'], {
        section: '3', anchor: 'publish', keyword: 'MUST',
        quote: "If the node does not already exist, the PEP service MUST create the node. This \"auto-create\" feature (defined in XEP-0060) MUST be supported by a PEP service.",
      }),
    },
    requirement: 'Publishing to a node that does not exist creates it (auto-create): the publish is accepted and the node then holds the item.',
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
    cite: {
      '1.0': {
        absent: 'v1.0 has no publish-options: a node with another configuration is created with the XEP-0060 node creation protocol (§5)',
        later: { doc: 'XEP-0163', version: '1.1', section: '3', anchor: 'publish', keyword: 'SHOULD', quote: PUBLISH_OPTIONS },
      },
      ...sameIn(['1.1', '1.2.2'], { section: '3', anchor: 'publish', keyword: 'SHOULD', quote: PUBLISH_OPTIONS }),
    },
    requirement: 'The service supports publish-options (XEP-0060 §7.1.5): a node published with access_model=open is readable by a user without a presence subscription.',
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
