import { anyOf, defineCases, describe, iq, iqStanza, NS, streamError, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0198 from '../requirements/xep-0198.js';
import { awaitStreamEnd } from '../lib/streams.js';
import { enabled, failedCondition, failedConditionProblem, isSm, SM, smAnswer, unknownSmId } from './sm.js';

/** XEP-0198 v1.6.1 §6: error handling. */
export default defineCases({ spec: 'xep-0198', role: 'server' }, [
  {
    id: 'XEP0198-6-1',
    cite: citationOf(xep0198, 'XEP0198-6-1'),
    requirement: 'A <resume/> on a stream that has already bound a resource is refused with <failed/>, whose condition (if any, and one should be there) is a stanza error condition of RFC 6120.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      s.send(x('resume', { xmlns: SM, previd: unknownSmId(), h: '0' }));
      const answer = await s.expect(smAnswer('resumed', 'failed'));
      if (!t.must(isSm(answer, 'failed'), '<failed/> for a <resume/> after binding a resource', answer)) return;
      const condition = failedCondition(answer);
      t.outcome(condition ? `<${condition}/>` : 'no condition');
      if (t.should(condition !== undefined, 'an error condition in the <failed/>', answer)) {
        const problem = failedConditionProblem(answer);
        t.must(problem === undefined, 'one stanza error condition of RFC 6120 §8.3.3 in the <failed/>', `${problem ?? ''}: ${describe(answer, 300)}`);
      }
    },
  },
  {
    id: 'XEP0198-6-2',
    cite: citationOf(xep0198, 'XEP0198-6-2'),
    requirement: 'An <a/> acknowledging more stanzas than the server sent ends the stream with <undefined-condition/> and <handled-count-too-high/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const managed = await enabled(t, s);
      await s.sync();
      const tooHigh = managed.received + 10;
      s.send(x('a', { xmlns: SM, h: String(tooHigh) }));
      // a ping after it is answered only if the stream goes on
      const ping = iq('get', { to: t.domain }, x('ping', { xmlns: NS.ping }));
      s.send(ping);
      const first = await s.expect(anyOf(iqStanza({ id: ping.attrs.id as string }), streamError()));
      if (!t.check(first.name !== 'iq', `a stream error for <a h='${tooHigh}'/> after ${managed.received} stanzas`, 'no stream error: the stream went on, the ping after it was answered')) return;
      const end = await awaitStreamEnd(s, t.stepMs, { answerClose: true });
      t.check(end.condition === 'undefined-condition', 'the stream error <undefined-condition/>', end.error);
      const detail = end.error?.getChild('handled-count-too-high', SM);
      t.check(detail !== undefined, `<handled-count-too-high xmlns='${SM}'/> in the stream error`, end.error);
      t.check(end.closedStream || end.closedConnection, 'the stream closed after the stream error', 'the stream stayed open');
    },
  },
]);
