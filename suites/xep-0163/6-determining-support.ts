import { bare, defineCases, NS, renumbered, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { discoInfo, discoItems } from '../lib/disco.js';
import { deferDelete, freshNode, hasPepIdentity, itemIds, ownerContactStranger, published, requestItems } from './pep.js';

// "If a server supports PEP": the answer to the owner's disco#info request to its server
const SERVER_IDENTITY_1_0 = 'If a server supports PEP, it MUST return an identity of "pubsub/pep" (as well as a list of the namespaces and other features it supports, including all supported JEP-0060 features)';
const SERVER_IDENTITY_1_1 = 'If a server supports PEP, it MUST return an identity of "pubsub/pep" (as well as a list of the namespaces and other features it supports, including all supported XEP-0060 features)';
// v1.2.2: the answer to the owner's disco#info request to its own bare JID
const ACCOUNT_IDENTITY = 'If the account owner\'s server supports PEP and the account is provisioned for PEP, the server MUST return an identity of "pubsub/pep" on behalf of the account (as well as a list of the namespaces and other features it supports, including all supported XEP-0060 features)';
const ITEMS_BY_ACCESS = "the account owner's server MUST check the access model for each of the account owner's PEP nodes and MUST return as service discovery items only those nodes to which the contact is allowed to subscribe or from which the contact is allowed to retrieve items without first subscribing.";
const ITEMS_BY_ACCESS_1_0 = "The account owner's server MUST check the access model for each of the account owner's PEP nodes and MUST return as service discovery items only those nodes to which the contact is allowed to subscribe or from which the contact is allowed to retrieve items without first subscribing.";

/** XEP-0163 v1.1 §6 (v1.0: §4, §6): what service discovery says about a server's and an account's PEP service. */
export default defineCases({ spec: 'xep-0163', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0163-6.1-1',
    cite: {
      '1.0': {
        section: '4', anchor: 'owner-disco', keyword: 'MUST', quote: SERVER_IDENTITY_1_0,
        changed: "v1.0 §6 also has the account's bare JID show pubsub/pep to a contact; v1.2 (2010) has the account, not the server, return the identity and features",
      },
      '1.1': {
        section: '6.1', anchor: 'disco-owner', keyword: 'MUST', quote: SERVER_IDENTITY_1_1,
        changed: 'v1.2 (2010) has the server return them "on behalf of the account", to a disco#info request to the bare JID',
      },
      '1.2.2': { section: '6.1', anchor: 'support-owner', keyword: 'MUST', quote: ACCOUNT_IDENTITY },
    },
    requirement: "disco#info shows identity pubsub/pep and lists the pubsub features just seen working (publish, auto-create, item retrieval): the server's (v1.0, v1.1), the account's bare JID's (v1.2.2).",
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
      // v1.0 §4 and v1.1 §6.1 have the owner's client ask the server itself ("to='capulet.com'");
      // v1.2.2 asks the account's bare JID, which the server answers on behalf of the account
      const asked = [
        { entity: `server ${t.domain}`, info: await discoInfo(s, t.domain) },
        { entity: `account ${bare(s.jid!)}`, info: await discoInfo(s, bare(s.jid!)) },
      ];
      const [judged, other] = t.citation?.version === '1.2.2' ? [asked[1]!, asked[0]!] : [asked[0]!, asked[1]!];
      // what the entity the cited text does not ask says is recorded, not judged
      const listed = served.map((f) => `${NS.pubsub}#${f}`).filter((f) => other.info.features.includes(f));
      t.note(`${other.entity} ${hasPepIdentity(other.info.identities) ? 'shows' : 'does not show'} pubsub/pep and lists ${listed.length ? listed.join(', ') : 'none of the features seen working'}`);
      t.check(hasPepIdentity(judged.info.identities), `<identity category='pubsub' type='pep'/> from ${judged.entity}`, judged.info.response);
      const missing = served.map((f) => `${NS.pubsub}#${f}`).filter((f) => !judged.info.features.includes(f));
      t.check(missing.length === 0, `${judged.entity} lists the features it was just seen to support: ${served.join(', ')}`, `not listed: ${missing.join(', ')}`);
    },
  },
  {
    id: 'XEP0163-6.2-1',
    cite: {
      '1.0': { section: '6', anchor: 'contact-disco', keyword: 'MUST', quote: ITEMS_BY_ACCESS_1_0 },
      ...renumbered({ '1.1': '6.2', '1.2.2': { section: '6.2', anchor: 'support-contact' } }, { anchor: 'disco-contact', keyword: 'MUST', quote: ITEMS_BY_ACCESS }),
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
