import { bare, defineCases, NS, sameIn, sameJid, STANZA_TRANSPORTS, stanzaError } from '../../src/authoring.js';
import { discoItems } from '../lib/disco.js';
import { checkServerAnswered } from './bare-jid.js';

/** XEP-0030 §4.1: disco#items to the server and to hosted bare JIDs. */
export default defineCases({ spec: 'xep-0030', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0030-4.1-1',
    cite: sameIn(['2.3', '2.4', '2.5rc3'], {
      section: '4.1',
      keyword: 'MUST',
      quote: "The list of items MUST be provided in an IQ stanza of type \"result\", with each item specified by means of an <item/> child of a <query/> element qualified by the 'http://jabber.org/protocol/disco#items' namespace (the <item/> child MUST possess a 'jid' attribute specifying the JID of the item …)",
      anchor: 'items-basic',
    }),
    requirement: "disco#items to the server domain returns a result whose items each have a 'jid' (not applicable when the server answers with an error, which §4.1 allows).",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const items = await discoItems(s, t.domain);
      // "The target entity then MUST either return its list of publicly-available items, or return an error"
      if (items.response.attrs.type === 'error') {
        t.expectError(items.response, []);
        return t.skip(`server ${t.domain} answered disco#items with an error <${stanzaError(items.response)?.condition ?? '?'}/>, which §4.1 allows: no list to inspect`);
      }
      t.check(items.ok, `a disco#items result with a <query/> from server ${t.domain}`, items.response);
      t.note(`items of ${t.domain}: ${items.items.map((i) => i.node ? `${i.jid} node=${i.node}` : i.jid).join(', ') || 'none'}`);
      const without = items.items.filter((i) => !i.jid);
      t.check(without.length === 0, `a jid attribute on every <item/> of server ${t.domain}`, without.map((i) => i.element.toString()).join(' '));
    },
  },
  {
    id: 'XEP0030-4.1-2',
    cite: sameIn(['2.3', '2.4', '2.5rc3'], {
      section: '4.1',
      keyword: ['MUST NOT', 'SHOULD'],
      quote: 'The <item/> element MUST NOT contain XML character data and SHOULD be empty; while it MAY contain XML data in another namespace, such data MUST be ignored if an implementation does not understand it.',
      anchor: 'items-basic',
    }),
    requirement: 'Items hold no character data (MUST NOT) and should be empty elements.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!, { presence: true });
      const own = bare(s.jid!);
      // the account's own resources are items too, so an owner query usually has some
      const answers = [[`server ${t.domain}`, await discoItems(s, t.domain)], [`account ${own}`, await discoItems(s, own)]] as const;
      const items = answers.flatMap(([entity, a]) => a.items.map((i) => ({ entity, element: i.element })));
      if (items.length === 0) t.skip(`neither server ${t.domain} nor account ${own} listed an item to inspect`);
      const text = items.filter((i) => i.element.children.some((c) => typeof c === 'string' && c.trim() !== ''));
      t.must(text.length === 0, 'no character data in any <item/>', text.map((i) => `${i.entity}: ${i.element.toString()}`).join(' '));
      const children = items.filter((i) => i.element.getChildElements().length > 0);
      t.should(children.length === 0, 'empty <item/> elements', children.map((i) => `${i.entity}: ${i.element.toString()}`).join(' '));
    },
  },
  {
    id: 'XEP0030-4.1-3',
    cite: sameIn(['2.3', '2.4', '2.5rc3'], {
      section: '4.1',
      keyword: ['MUST', 'SHOULD'],
      quote: 'As with disco#info requests, when an entity sends a disco#items request to a bare JID (<account@domain.tld>) hosted by a server, the server itself MUST reply on behalf of the hosted account. … if access is not denied the server SHOULD return the associated items including connected or available resources as appropriate',
      anchor: 'items-basic',
    }),
    requirement: "The server answers disco#items to a hosted bare JID itself; to the owner it should list the account's available resources.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const first = await t.login(a!, { presence: true });
      const second = await t.login(a!, { presence: true });
      // a round trip on the second stream: its presence has been processed
      await second.sync();
      const own = bare(first.jid!);
      const items = await discoItems(first, own);
      await checkServerAnswered(t, items.response, first, own, NS.discoItems, [first, second]);
      t.should(items.ok, `a disco#items result for account ${own} asked by its owner`, items.response);
      const missing = [first.jid!, second.jid!].filter((jid) => !items.items.some((i) => sameJid(i.jid, jid)));
      t.should(missing.length === 0, `the available resources ${first.jid} and ${second.jid} listed as items of ${own}`, `missing: ${missing.join(', ')}; listed: ${items.items.map((i) => i.jid).join(', ') || 'none'}`);
    },
  },
]);
