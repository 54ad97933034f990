import { bare, defineCases, iq, query, stanzaError, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0049 from '../requirements/xep-0049.js';
import { freshNamespace, PRIVATE_NS, privateGet, privateSet, storedIn } from './private.js';

/** XEP-0049 §2.3: the elements of a request, and refusals. */
export default defineCases({ spec: 'xep-0049', role: 'server' }, [
  {
    id: 'XEP0049-2.3-1',
    cite: citationOf(xep0049, 'XEP0049-2.3-1'),
    requirement: 'An IQ set whose <query/> is empty is refused with <not-acceptable/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      t.expectError(await privateSet(s, []), ['not-acceptable']);
    },
  },
  {
    id: 'XEP0049-2.3-3',
    cite: citationOf(xep0049, 'XEP0049-2.3-3'),
    requirement: 'An IQ set with two elements of one namespace is stored: each comes back from a get for it.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const ns = freshNamespace();
      const response = await privateSet(s, [x('first', { xmlns: ns }, 'one'), x('second', { xmlns: ns }, 'two')]);
      t.deferAs(s, (live) => privateSet(live, [x('first', { xmlns: ns }), x('second', { xmlns: ns })]));
      // a set with several elements is what the text allows (MAY): a refusal leaves nothing to judge
      if (response.attrs.type !== 'result') return t.skip(`the target does not do what the text allows (MAY): a set of two elements of ${ns} got ${response.toString().slice(0, 300)}`);
      for (const [name, text] of [['first', 'one'], ['second', 'two']] as const) {
        const got = await privateGet(s, name, ns);
        const back = storedIn(got, ns).find((e) => e.name === name);
        // accepted and not kept: still only what the text allows not taken up, for want of a keyword that requires it
        if (back?.getText() !== text) return t.skip(`the target does not do what the text allows (MAY): it accepted a set of two elements of ${ns}, but a get for <${name}/> gave ${got.toString().slice(0, 300)}`);
      }
      t.outcome('both elements came back');
    },
  },
  {
    id: 'XEP0049-2.3-4',
    cite: citationOf(xep0049, 'XEP0049-2.3-4'),
    requirement: "A get or set addressed to another user's bare JID gets <forbidden/> or <service-unavailable/>.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const other = bare((await t.login(a!)).jid!);
      const s = await t.login(b!);
      const ns = freshNamespace();
      const get = await privateGet(s, 'data', ns, other);
      t.expectError(get, ['forbidden', 'service-unavailable']);
      const set = await privateSet(s, [x('data', { xmlns: ns }, 'not yours')], other);
      t.expectError(set, ['forbidden', 'service-unavailable']);
      t.outcome(`get: <${stanzaError(get)?.condition}/>, set: <${stanzaError(set)?.condition}/>`);
    },
  },
  {
    id: 'XEP0049-2.3-5',
    cite: citationOf(xep0049, 'XEP0049-2.3-5'),
    requirement: 'An IQ get whose <query/> is empty gets <bad-request/> ("Bad Format"), or <not-acceptable/>, which the MUST of the same section asks for a query without a child.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const response = await s.iq(iq('get', {}, query(PRIVATE_NS)));
      t.expectError(response, ['bad-request', 'not-acceptable']);
      t.outcome(`<${stanzaError(response)?.condition}/>`);
    },
  },
]);

