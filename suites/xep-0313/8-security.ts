import { bare, defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { deliver, query } from './archive.js';

/** XEP-0313 v1.1.0 §8: security considerations. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-8.1-1',
    cite: citationOf(xep0313, 'XEP0313-8.1-1'),
    requirement: "A query of another user's archive gets an error, preferably <forbidden/>, and no results.",
    accounts: 2,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      // a message only C's archive holds: C to itself
      const own = (await deliver(t, c, c, 'C to itself')).body;
      const other = bare(c.jid!);
      const answer = await query(a, { to: other, max: 10 });
      const leaked = answer.results.find((r) => r.body === own);
      t.must(leaked === undefined, `none of ${other}'s own messages among what ${bare(a.jid!)} got`, leaked?.el ?? '');
      t.must(answer.response.attrs.type === 'error', `an error to ${bare(a.jid!)}'s query of ${other}'s archive`, answer.response);
      t.must(answer.results.length === 0, `no result messages for a query of ${other}'s archive`, answer.results[0]?.el ?? '');
      t.expectError(answer.response, ['forbidden'], 'should');
    },
  },
]);
