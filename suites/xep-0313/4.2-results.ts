import { defineCases, NS } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { deliver, ours, pageWith, setupQuery } from './archive.js';

/** XEP-0313 v1.1.0 §4.2: query results. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-4.2-1',
    cite: citationOf(xep0313, 'XEP0313-4.2-1'),
    requirement: 'Each result message carries <result id=UID queryid=as asked/>.',
    accounts: 2,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      const bodies = [(await deliver(t, c, a, 'one')).body, (await deliver(t, c, a, 'two')).body];
      const answer = await pageWith(t, a, bodies);
      for (const r of ours(answer, bodies)) {
        t.check(Boolean(r.id), 'an id (the archive UID) on the <result/>', r.el);
        t.check(r.queryid === answer.queryid, `queryid='${answer.queryid}' on the <result/>, as the query gave it`, r.el);
      }
    },
  },
  {
    id: 'XEP0313-4.2-2',
    cite: citationOf(xep0313, 'XEP0313-4.2-2'),
    requirement: 'Each result forwards the original message with a <delay/> whose stamp is when the server received it, not when it was queried.',
    accounts: 2,
    takesSeconds: 3,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      const early = await deliver(t, c, a, 'early');
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const late = await deliver(t, c, a, 'late');
      const answer = await pageWith(t, a, [early.body, late.body]);
      const [first, second] = [early, late].map((m) => ours(answer, [m.body])[0]!);
      for (const [r, sent] of [[first!, early], [second!, late]] as const) {
        t.should(r.message?.attrs.id === sent.id, `the original message (id '${sent.id}') forwarded`, r.el);
        t.should(r.stamp !== undefined, `a <delay xmlns='${NS.delay}'/> in the <forwarded/>`, r.el);
      }
      if (!first!.stamp || !second!.stamp) return;
      // two seconds apart when received, queried at once: stamps of the query time would be equal
      const apart = (Date.parse(second!.stamp) - Date.parse(first!.stamp)) / 1000;
      t.must(apart >= 1, `stamps about 2 s apart, as the messages were received (${first!.stamp}, ${second!.stamp})`, `${apart} s apart`);
    },
  },
  {
    id: 'XEP0313-4.2-3',
    cite: citationOf(xep0313, 'XEP0313-4.2-3'),
    requirement: 'Paging forward with RSM <after/> gives the messages in the order they were received, page after page.',
    accounts: 2,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      const bodies: string[] = [];
      for (const n of ['one', 'two', 'three', 'four']) bodies.push((await deliver(t, c, a, n)).body);
      const [start] = ours(await pageWith(t, a, bodies), bodies.slice(0, 1));
      const seen: string[] = [];
      let after = start!.id!;
      for (let page = 1; page <= 3 && seen.length < 3; page++) {
        const answer = await setupQuery(t, a, { max: 2, after }, `ask for page ${page} after ${after}`);
        if (answer.results.length === 0) break;
        seen.push(...answer.results.map((r) => r.body ?? '(no body)'));
        after = answer.results[answer.results.length - 1]!.id!;
      }
      t.check(seen.join(' | ') === bodies.slice(1).join(' | '), `after "${bodies[0]!}", pages of two give ${bodies.slice(1).join(', ')}, in order`, seen.join(', ') || 'nothing');
    },
  },
]);
