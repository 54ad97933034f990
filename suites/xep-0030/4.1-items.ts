import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { bare, sameJid } from '../../src/session/stanza.js';
import { NS } from '../../src/xml/namespaces.js';
import { discoItems } from '../lib/disco.js';
import { checkServerAnswered } from './bare-jid.js';

/** XEP-0030 §4.1: disco#items to the server and to hosted bare JIDs. */
export default defineCases({ spec: 'xep-0030', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0030-4.1-1',
    cite: sameIn(['2.3', '2.4'], { section: '4.1', keyword: 'MUST', quote: '' }),
    requirement: "disco#items to the server domain returns a result whose items each have a 'jid' (an empty query when there are none).",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const items = await discoItems(s, t.domain);
      t.check(items.ok, `a disco#items result with a <query/> from server ${t.domain}`, items.response);
      t.note(`items of ${t.domain}: ${items.items.map((i) => i.node ? `${i.jid} node=${i.node}` : i.jid).join(', ') || 'none'}`);
      const without = items.items.filter((i) => !i.jid);
      t.check(without.length === 0, `a jid attribute on every <item/> of server ${t.domain}`, without.map((i) => i.element.toString()).join(' '));
    },
  },
  {
    id: 'XEP0030-4.1-2',
    cite: sameIn(['2.3', '2.4'], { section: '4.1', keyword: ['MUST NOT', 'SHOULD'], quote: '' }),
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
    cite: sameIn(['2.3', '2.4'], { section: '4.1', keyword: 'MUST', quote: '' }),
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
      checkServerAnswered(t, items.response, first, own, NS.discoItems, [first, second]);
      t.should(items.ok, `a disco#items result for account ${own} asked by its owner`, items.response);
      const missing = [first.jid!, second.jid!].filter((jid) => !items.items.some((i) => sameJid(i.jid, jid)));
      t.should(missing.length === 0, `the available resources ${first.jid} and ${second.jid} listed as items of ${own}`, `missing: ${missing.join(', ')}; listed: ${items.items.map((i) => i.jid).join(', ') || 'none'}`);
    },
  },
]);
