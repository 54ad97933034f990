import { type CaseContext, defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { type Answer, deliver, pageWith } from './archive.js';

/** A's archive with two messages from C in it, and the answer to a query of its last page (which holds them). */
async function lastPageOfTwo(t: CaseContext): Promise<Answer> {
  const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
  const bodies = [(await deliver(t, c, a, 'one')).body, (await deliver(t, c, a, 'two')).body];
  return pageWith(t, a, bodies);
}

/** XEP-0313 v1.1.0 §4: querying an archive. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-4-1',
    cite: citationOf(xep0313, 'XEP0313-4-1'),
    requirement: 'A query ends with an IQ result holding <fin><set><first/><last/></set></fin>, first and last being the UIDs of the first and last result sent.',
    accounts: 2,
    async run(t) {
      const answer = await lastPageOfTwo(t);
      if (!t.check(answer.fin !== undefined, "<fin xmlns='urn:xmpp:mam:2'/> in the IQ result", answer.response)) return;
      const ids = answer.results.map((r) => r.id);
      t.check(answer.first !== undefined && answer.first === ids[0], `<first>${ids[0] ?? ''}</first>: the UID of the first result`, answer.response);
      t.check(answer.last !== undefined && answer.last === ids[ids.length - 1], `<last>${ids[ids.length - 1] ?? ''}</last>: the UID of the last result`, answer.response);
    },
  },
  {
    id: 'XEP0313-4-2',
    cite: citationOf(xep0313, 'XEP0313-4-2'),
    requirement: 'Every result message of a query arrives before its IQ result.',
    accounts: 2,
    async run(t) {
      const answer = await lastPageOfTwo(t);
      t.check(answer.late.length === 0, `all ${answer.results.length} results before the IQ result`, `${answer.late.length} after it, the first: ${answer.late[0]?.el.toString().slice(0, 200) ?? ''}`);
    },
  },
]);
