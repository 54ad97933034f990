import { bare, defineCases, describe, NS, sameIn, STANZA_TRANSPORTS, stanzaError } from '../../src/authoring.js';
import { discoInfo, type DiscoInfo } from '../lib/disco.js';
import { checkServerAnswered } from './bare-jid.js';

/** XEP-0030 §3.1: disco#info to the server and to hosted bare JIDs. */
export default defineCases({ spec: 'xep-0030', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0030-3.1-1',
    cite: sameIn(['2.3', '2.4', '2.5rc3'], {
      section: '3.1',
      keyword: 'MUST',
      quote: 'The target entity then MUST either return an IQ result, or return an error (see the Error Conditions section of this document).',
      anchor: 'info-basic',
    }),
    requirement: 'disco#info to the server domain is answered with a result or an error.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      // s.iq waits for a result or an error only: silence fails the case
      const info = await discoInfo(s, t.domain);
      if (info.response.attrs.type === 'error') t.expectError(info.response, []);
      t.outcome(`server ${t.domain} answered with ${info.response.attrs.type === 'result' ? 'a result' : `an error: ${describe(info.response.getChild('error'))}`}`);
    },
  },
  {
    id: 'XEP0030-3.1-2',
    cite: sameIn(['2.3', '2.4', '2.5rc3'], {
      section: '3.1',
      keyword: 'MUST',
      quote: "(Note: Every entity MUST have at least one identity, and every entity MUST support at least the 'http://jabber.org/protocol/disco#info' feature; however, an entity is not required to return a result and MAY return an error, …)",
      anchor: 'info-basic',
    }),
    requirement: "The server's disco#info result has at least one identity and lists the disco#info feature (server/im is recorded, not required).",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const info = await discoInfo(s, t.domain);
      // §3.1 lets an entity answer with an error: then there is no result to inspect
      if (info.response.attrs.type === 'error') {
        t.expectError(info.response, []);
        return t.skip(`server ${t.domain} answered disco#info with an error <${stanzaError(info.response)?.condition ?? '?'}/>, which §3.1 allows: no result to inspect`);
      }
      t.check(info.ok, `a disco#info result with a <query/> from server ${t.domain}`, info.response);
      t.note(`identities of ${t.domain}: ${info.identities.map((i) => `${i.category}/${i.type}`).join(', ') || 'none'}`);
      t.check(info.identities.length > 0, `at least one <identity/> for server ${t.domain}`, info.response);
      t.check(info.features.includes(NS.discoInfo), `the feature ${NS.discoInfo} listed by server ${t.domain}`, info.response);
      // the Service Discovery Identities registry names server/im for an IM server; no keyword requires it
      if (!info.identities.some((i) => i.category === 'server' && i.type === 'im')) t.note(`server ${t.domain} has no identity server/im (the registry's category and type for an IM server)`);
    },
  },
  {
    id: 'XEP0030-3.1-3',
    cite: {
      ...sameIn(['2.3', '2.4'], {
        section: '3.1',
        keyword: ['SHOULD', 'MUST'],
        quote: "When multiple identity elements are provided, the name attributes for each identity element SHOULD have the same value. … Each <identity/> element MUST possess 'category' and 'type' attributes specifying the category and type for the entity, … Each <feature/> element MUST possess a 'var' attribute …",
        anchor: 'info-basic',
        changed: 'an edit of 2008-06-24 that kept the number 2.4 (published in v2.5) replaces the SHOULD: identities MAY differ in xml:lang, and MUST NOT share category+type+xml:lang with different names',
      }),
      '2.5rc3': {
        section: '3.1',
        keyword: ['SHOULD', 'MUST'],
        quote: "When multiple identity elements are provided, the name attributes for each identity element SHOULD have the same value. … Each <identity/> element MUST possess the 'category' and 'type' attributes specifying the category and type for the entity, … Each <feature/> element MUST possess a 'var' attribute …",
        anchor: 'info-basic',
      },
    },
    requirement: 'Identities carry category and type and features carry var (must); the identities that carry a name all carry the same one (should).',
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
        const badFeatures = q.getChildren('feature').filter((f) => !f.attrs.var);
        t.check(badFeatures.length === 0, `a var on every <feature/> of ${entity}`, badFeatures.map((f) => f.toString()).join(' '));
        // the schema makes <feature/> empty, but no sentence with a keyword says so (v2.5 does)
        const filled = q.getChildren('feature').filter((f) => f.children.some((c) => typeof c !== 'string' || c.trim() !== ''));
        if (filled.length) t.note(`<feature/> elements of ${entity} with content: ${filled.map((f) => f.toString()).join(' ')}`);
        // v2.3 and v2.4 as published: one name for all identities (those without a name are left out;
        // the text does not yet consider xml:lang, so localised names count as different)
        const names = [...new Set(info.identities.map((i) => i.name).filter((n): n is string => n !== undefined))];
        t.should(names.length <= 1, `one name on all the named identities of ${entity}`,
          info.identities.filter((i) => i.name !== undefined).map((i) => `${i.category}/${i.type}${i.lang ? `[${i.lang}]` : ''}: "${i.name}"`).join('; '));
      }
    },
  },
  {
    id: 'XEP0030-3.1-4',
    cite: sameIn(['2.3', '2.4', '2.5rc3'], {
      section: '3.1',
      keyword: ['MUST', 'SHOULD'],
      quote: 'When an entity sends a disco#info request to a bare JID (…) hosted by a server, the server itself MUST reply on behalf of the hosted account … if access is not denied the server SHOULD return an IQ-result for the bare JID, in which the primary identity SHOULD have a category of "account"',
      anchor: 'info-basic',
    }),
    requirement: 'The server answers disco#info to a hosted bare JID itself; to the owner it should return an identity of category account.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!, { presence: true });
      const own = bare(s.jid!);
      const info = await discoInfo(s, own);
      await checkServerAnswered(t, info.response, s, own, NS.discoInfo, [s]);
      t.should(info.ok, `a disco#info result for account ${own} asked by its owner`, info.response);
      const account = info.identities.find((i) => i.category === 'account');
      t.should(account !== undefined, `an identity of category 'account' for ${own}`, info.response);
      if (account) t.outcome(`${own} has the identity account/${account.type}`);
    },
  },
]);
