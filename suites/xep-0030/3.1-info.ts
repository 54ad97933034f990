import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { bare } from '../../src/session/stanza.js';
import { describe } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { discoInfo, type DiscoInfo } from '../lib/disco.js';
import { checkServerAnswered } from './bare-jid.js';

/** XEP-0030 §3.1: disco#info to the server and to hosted bare JIDs. */
export default defineCases({ spec: 'xep-0030', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0030-3.1-1',
    cite: sameIn(['2.3', '2.4'], { section: '3.1', keyword: 'MUST', quote: '' }),
    requirement: 'disco#info to the server domain is answered with a result or an error.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      // s.iq waits for a result or an error only: silence fails the case
      const info = await discoInfo(s, t.domain);
      t.outcome(`server ${t.domain} answered with ${info.response.attrs.type === 'result' ? 'a result' : `an error: ${describe(info.response.getChild('error'))}`}`);
    },
  },
  {
    id: 'XEP0030-3.1-2',
    cite: sameIn(['2.3', '2.4'], { section: '3.1', keyword: 'MUST', quote: '' }),
    requirement: "The server's disco#info result has at least one identity (server/im expected) and lists the disco#info feature.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const info = await discoInfo(s, t.domain);
      // every entity has an identity and supports disco#info; a server required to implement
      // disco that only answers with an error shows neither
      t.check(info.ok, `a disco#info result with a <query/> from server ${t.domain}`, info.response);
      t.note(`identities of ${t.domain}: ${info.identities.map((i) => `${i.category}/${i.type}`).join(', ') || 'none'}`);
      t.check(info.identities.length > 0, `at least one <identity/> for server ${t.domain}`, info.response);
      t.check(info.features.includes(NS.discoInfo), `the feature ${NS.discoInfo} listed by server ${t.domain}`, info.response);
      // the Service Discovery Identities registry names server/im for an IM server
      t.should(info.identities.some((i) => i.category === 'server' && i.type === 'im'), `an identity server/im for server ${t.domain}`, info.response);
    },
  },
  {
    id: 'XEP0030-3.1-3',
    cite: sameIn(['2.3', '2.4'], { section: '3.1', keyword: 'MUST', quote: '' }),
    requirement: 'Identities carry category and type, features carry var and no children, and no two identities share category/type/xml:lang with different names.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const own = bare(s.jid!);
      const answers: [string, DiscoInfo][] = [
        [`server ${t.domain}`, await discoInfo(s, t.domain)],
        [`account ${own} (asked by its owner)`, await discoInfo(s, own)],
      ];
      const results = answers.filter(([, info]) => info.ok);
      if (results.length === 0) t.skip('neither the server nor the account answered disco#info with a result: no structure to inspect');
      for (const [entity, info] of results) {
        const q = info.response.getChild('query', NS.discoInfo)!;
        const badIdentities = q.getChildren('identity').filter((i) => !i.attrs.category || !i.attrs.type);
        t.check(badIdentities.length === 0, `category and type on every <identity/> of ${entity}`, badIdentities.map((i) => i.toString()).join(' '));
        const badFeatures = q.getChildren('feature').filter((f) => !f.attrs.var || f.children.some((c) => typeof c !== 'string' || c.trim() !== ''));
        t.check(badFeatures.length === 0, `a var and no content on every <feature/> of ${entity}`, badFeatures.map((f) => f.toString()).join(' '));
        const names = new Map<string, Set<string>>();
        for (const i of info.identities) {
          const key = `${i.category}/${i.type}/${i.lang ?? ''}`;
          names.set(key, (names.get(key) ?? new Set()).add(i.name ?? ''));
        }
        const clashes = [...names].filter(([, n]) => n.size > 1).map(([key, n]) => `${key}: ${[...n].join(' | ')}`);
        t.check(clashes.length === 0, `no two identities of ${entity} with the same category/type/xml:lang and different names`, clashes.join('; '));
      }
    },
  },
  {
    id: 'XEP0030-3.1-4',
    cite: sameIn(['2.3', '2.4'], { section: '3.1', keyword: ['MUST', 'SHOULD'], quote: '' }),
    requirement: 'The server answers disco#info to a hosted bare JID itself; to the owner it should return an identity of category account.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!, { presence: true });
      const own = bare(s.jid!);
      const info = await discoInfo(s, own);
      checkServerAnswered(t, info.response, s, own, NS.discoInfo, [s]);
      t.should(info.ok, `a disco#info result for account ${own} asked by its owner`, info.response);
      const account = info.identities.find((i) => i.category === 'account');
      t.should(account !== undefined, `an identity of category 'account' for ${own}`, info.response);
      if (account) t.outcome(`${own} has the identity account/${account.type}`);
    },
  },
]);
