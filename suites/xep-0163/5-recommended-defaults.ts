import { bare, defineCases, sameIn, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { deferDelete, deleteNode, freshNode, itemIds, ownerContactStranger, published, publisherAndContact, requestItems } from './pep.js';

const USE_CASES = 'A PEP service MUST: … Support the node discovery, node creation, node deletion, publish item, subscribe, unsubscribe, and item retrieval use cases specified in XEP-0060.';
// v1.0 still cites the spec by its JEP number
const USE_CASES_1_0 = 'A PEP service MUST: … Support the node discovery, node creation, node deletion, publish item, subscribe, unsubscribe, and item retrieval use cases specified in JEP-0060.';
const PRESENCE_DEFAULT = 'A PEP service MUST: … Support the "presence" access model and set it to the default.';

/** XEP-0163 §5 (v1.0: §13): the XEP-0060 use cases and defaults every PEP service has. */
export default defineCases({ spec: 'xep-0163', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0163-5-1',
    cite: {
      '1.0': { section: '13', anchor: 'defaults', keyword: 'MUST', quote: USE_CASES_1_0 },
      ...sameIn(['1.1', '1.2.2'], { section: '5', anchor: 'defaults', keyword: 'MUST', quote: USE_CASES }),
    },
    requirement: 'Items can be retrieved (XEP-0060 §6.5) by the owner and by a contact the access model allows.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const [owner, contact] = await publisherAndContact(t, a!, b!);
      const node = freshNode();
      deferDelete(t, owner, node);
      await published(t, owner, node, 'item-1');
      const own = await requestItems(owner, a!.jid, node);
      t.check(itemIds(own).includes('item-1'), 'item-1 returned to the owner', own);
      const theirs = await requestItems(contact, a!.jid, node);
      t.check(itemIds(theirs).includes('item-1'), `item-1 returned to ${b!.jid}, subscribed to the owner's presence`, theirs);
    },
  },
  {
    id: 'XEP0163-5-2',
    cite: {
      '1.0': { section: '13', anchor: 'defaults', keyword: 'MUST', quote: PRESENCE_DEFAULT },
      ...sameIn(['1.1', '1.2.2'], { section: '5', anchor: 'defaults', keyword: 'MUST', quote: PRESENCE_DEFAULT }),
    },
    requirement: "The default access model is 'presence': a presence subscriber reads the items, a user without a subscription is refused (not-authorized or forbidden).",
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const { contact, stranger, node } = await ownerContactStranger(t);
      const allowed = await requestItems(contact, a!.jid, node);
      t.check(itemIds(allowed).includes('item-1'), `item-1 returned to ${b!.jid}, subscribed to the owner's presence`, allowed);
      const error = t.expectError(await requestItems(stranger, a!.jid, node), ['not-authorized', 'forbidden']);
      const app = error?.appConditions.map((cond) => `<${cond.name}/>`).join(' ');
      t.outcome(`${c!.jid} refused with <${error?.condition ?? '?'}/>${app ? ` ${app}` : ''}`);
    },
  },
  {
    id: 'XEP0163-5-3',
    cite: {
      '1.0': { section: '13', anchor: 'defaults', keyword: 'MUST', quote: USE_CASES_1_0 },
      ...sameIn(['1.1', '1.2.2'], { section: '5', anchor: 'defaults', keyword: 'MUST', quote: USE_CASES }),
    },
    requirement: 'The owner can delete its node (XEP-0060 §8.4); an items request afterwards gives item-not-found.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const node = freshNode();
      // in case the deletion under test does not happen
      deferDelete(t, s, node);
      await published(t, s, node, 'item-1');
      const deleted = await deleteNode(s, node);
      t.check(deleted.attrs.type === 'result', `an IQ result to the deletion of ${node}`, deleted);
      t.expectError(await requestItems(s, bare(s.jid!), node), ['item-not-found']);
    },
  },
]);
