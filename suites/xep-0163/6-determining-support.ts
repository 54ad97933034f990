import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { bare } from '../../src/session/stanza.js';
import { NS } from '../../src/xml/namespaces.js';
import { discoInfo, discoItems } from '../lib/disco.js';
import { deferDelete, freshNode, hasPepIdentity, itemIds, ownerContactStranger, published, requestItems } from './pep.js';

const ITEMS_BY_ACCESS = "the account owner's server MUST check the access model for each of the account owner's PEP nodes and MUST return as service discovery items only those nodes to which the contact is allowed to subscribe or from which the contact is allowed to retrieve items without first subscribing.";
const ITEMS_BY_ACCESS_1_0 = "The account owner's server MUST check the access model for each of the account owner's PEP nodes and MUST return as service discovery items only those nodes to which the contact is allowed to subscribe or from which the contact is allowed to retrieve items without first subscribing.";

/** XEP-0163 §6 (v1.0: §4, §6): what service discovery says about an account's PEP service. */
export default defineCases({ spec: 'xep-0163', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0163-6.1-1',
    cite: {
      '1.0': {
        section: '6', anchor: 'contact-disco', keyword: 'MUST',
        quote: 'If Juliet\'s server supports PEP (thereby making juliet@capulet.com a virtual pubsub service), it MUST return an identity of "pubsub/pep"',
        changed: 'v1.1 §6.1 has the account list the pubsub features (v1.0 §4 has the server itself list them)',
      },
      '1.1': {
        section: '6.1', anchor: 'support-owner', keyword: 'MUST',
        quote: 'If the account owner\'s server supports PEP and the account is provisioned for PEP, the server MUST return an identity of "pubsub/pep" on behalf of the account (as well as a list of the namespaces and other features it supports, including all supported XEP-0060 features)',
      },
    },
    requirement: "disco#info to one's own bare JID shows identity pubsub/pep; the pubsub features just seen working are listed (by the account, or by the server as v1.0 §4 has it).",
    evidence: 'advertisement',
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
      const onAccount = served.map((f) => `${NS.pubsub}#${f}`).filter((f) => !info.features.includes(f));
      if (onAccount.length === 0) return t.outcome(`the account lists ${served.join(', ')}`);
      // v1.0 §4 has the server list the PEP features it supports: either list counts
      const server = await discoInfo(s, t.domain);
      const missing = onAccount.filter((f) => !server.features.includes(f));
      t.outcome(`not listed by the account: ${onAccount.join(', ')}; ${missing.length ? 'nor' : 'but'} by server ${t.domain}`);
      t.check(missing.length === 0, `the features it was just seen to support listed: ${served.join(', ')}`, `listed neither by the account nor by the server: ${missing.join(', ')}`);
    },
  },
  {
    id: 'XEP0163-6.2-1',
    cite: {
      '1.0': { section: '6', anchor: 'contact-disco', keyword: 'MUST', quote: ITEMS_BY_ACCESS_1_0 },
      '1.1': { section: '6.2', anchor: 'support-contact', keyword: 'MUST', quote: ITEMS_BY_ACCESS },
    },
    requirement: "disco#items to the owner's bare JID lists the nodes the requester may read, and only those.",
    evidence: 'advertisement',
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const { contact, stranger, node } = await ownerContactStranger(t);
      const toContact = await discoItems(contact, a!.jid);
      t.check(toContact.items.some((i) => i.node === node), `${node} among the items ${b!.jid} (a presence subscriber) sees`, toContact.response);
      const toStranger = await discoItems(stranger, a!.jid);
      if (!toStranger.ok) t.outcome(`disco#items refused to ${c!.jid}: no node listed`);
      t.check(!toStranger.items.some((i) => i.node === node), `${node} not listed to ${c!.jid}, who may not read it`, toStranger.response);
    },
  },
]);
