import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { bare } from '../../src/session/stanza.js';
import { NS } from '../../src/xml/namespaces.js';
import { discoInfo, discoItems } from '../lib/disco.js';
import { deferDelete, freshNode, hasPepIdentity, itemIds, ownerContactStranger, published, requestItems } from './pep.js';

/** XEP-0163 §6: what service discovery says about an account's PEP service. */
export default defineCases({ spec: 'xep-0163', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0163-6.1-1',
    cite: sameIn(['1.0', '1.1'], { section: '6.1', keyword: 'MUST', quote: '' }),
    requirement: "disco#info to one's own bare JID shows identity pubsub/pep and the pubsub features the service supports.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const node = freshNode();
      deferDelete(t, s, node);
      // a first publish to a fresh node exercises publish and auto-create
      await published(t, s, node, 'item-1');
      const served = ['publish', 'auto-create'];
      if (itemIds(await requestItems(s, bare(s.jid!), node)).includes('item-1')) served.push('retrieve-items');
      const info = await discoInfo(s, bare(s.jid!));
      t.check(hasPepIdentity(info.identities), "<identity category='pubsub' type='pep'/>", info.response);
      const missing = served.map((f) => `${NS.pubsub}#${f}`).filter((f) => !info.features.includes(f));
      t.check(missing.length === 0, `the features it was just seen to support: ${served.join(', ')}`, `not listed: ${missing.join(', ')}`);
    },
  },
  {
    id: 'XEP0163-6.2-1',
    cite: sameIn(['1.0', '1.1'], { section: '6.2', keyword: 'MUST', quote: '' }),
    requirement: "disco#items to the owner's bare JID lists the nodes the requester may read, and only those.",
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const { contact, stranger, node } = await ownerContactStranger(t);
      const toContact = await discoItems(contact, a!.jid);
      t.check(toContact.items.some((i) => i.node === node), `${node} among the items ${b!.jid} (a presence subscriber) sees`, toContact.response);
      const toStranger = await discoItems(stranger, a!.jid);
      t.check(!toStranger.items.some((i) => i.node === node), `${node} not listed to ${c!.jid}, who may not read it`, toStranger.response);
    },
  },
]);
