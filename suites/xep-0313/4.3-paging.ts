import { bare, type CaseContext, defineCases, type Session, stanzaError, token } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { deliver, ours, pageWith, query, type QueryOptions, setupQuery } from './archive.js';

/**
 * Four messages between A and C, and a filter that selects them (with C, from the first one's
 * stamp): with whole-second stamps it may also select an earlier message of the same second,
 * which the cases count in, never out.
 */
async function fourMessages(t: CaseContext): Promise<{ a: Session; bodies: string[]; filter: QueryOptions; total: number }> {
  const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
  const bodies = [
    (await deliver(t, c, a, 'one')).body,
    (await deliver(t, a, c, 'two')).body,
    (await deliver(t, c, a, 'three')).body,
    (await deliver(t, a, c, 'four')).body,
  ];
  const [first] = ours(await pageWith(t, a, bodies), bodies.slice(0, 1));
  if (!first!.stamp) return t.skip('the archive gives no <delay/> stamp to start a timespan from', 'unproven');
  const filter = { with: bare(c.jid!), start: first!.stamp };
  const all = await setupQuery(t, a, { ...filter, max: 50 }, 'query the four messages at once');
  return { a, bodies, filter, total: all.results.length };
}

/** XEP-0313 v1.1.0 §4.3: paging through results. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-4.3.1-1',
    cite: citationOf(xep0313, 'XEP0313-4.3.1-1'),
    requirement: 'An RSM <max/> limits a page to that many results, and <first/>, <last/> (and <count/>, when given) describe it as RSM defines.',
    accounts: 2,
    async run(t) {
      const { a, filter, total } = await fourMessages(t);
      const page = await setupQuery(t, a, { ...filter, max: 2 }, 'ask for a page of two');
      const ids = page.results.map((r) => r.id);
      t.check(page.results.length >= 1 && page.results.length <= 2, `one or two results for <max>2</max> (of ${total})`, `${page.results.length}`);
      t.check(page.first === ids[0] && page.last === ids[ids.length - 1], `<first>${ids[0] ?? ''}</first> and <last>${ids[ids.length - 1] ?? ''}</last>: the page's first and last UIDs`, page.response);
      if (page.count !== undefined) t.check(page.count === total, `<count>${total}</count>: every message the query selects`, page.response);
    },
  },
  {
    id: 'XEP0313-4.3.2-1',
    cite: citationOf(xep0313, 'XEP0313-4.3.2-1'),
    requirement: "The <fin/> of the last page says complete='true'; the <fin/> of an earlier page does not.",
    accounts: 2,
    async run(t) {
      const { a, filter, total } = await fourMessages(t);
      const whole = await setupQuery(t, a, { ...filter, max: 50 }, 'ask for every message at once');
      t.check(whole.complete, `complete='true' on the <fin/> of a query answered whole (${total} of at most 50)`, whole.response);
      const part = await setupQuery(t, a, { ...filter, max: 2 }, 'ask for a page of two');
      t.check(!part.complete, `no complete='true' on the <fin/> of the first of ${Math.ceil(total / 2)} pages`, part.response);
    },
  },
  {
    id: 'XEP0313-4.3.2-2',
    cite: citationOf(xep0313, 'XEP0313-4.3.2-2'),
    requirement: 'A page after (or before) a UID the archive does not hold gets <item-not-found/>.',
    accounts: 1,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      for (const side of ['after', 'before'] as const) {
        const uid = `certify-none-${token(4)}`;
        const answer = await query(a, { max: 5, [side]: uid });
        t.check(stanzaError(answer.response)?.condition === 'item-not-found', `<item-not-found/> for <${side}>${uid}</${side}>, a UID the archive does not hold`, answer.response);
        t.expectError(answer.response, ['item-not-found']);
      }
    },
  },
]);
