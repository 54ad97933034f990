import { defineCases, streamErrorCondition, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0198 from '../requirements/xep-0198.js';
import { authenticatedStream } from '../lib/sessions.js';
import { awaitStreamEnd } from '../lib/streams.js';
import { enable, enabled, failedCondition, isSm, SM, smAnswer } from './sm.js';

/** XEP-0198 v1.6.1 §3: enabling stream management. */
export default defineCases({ spec: 'xep-0198', role: 'server' }, [
  {
    id: 'XEP0198-3-1',
    cite: citationOf(xep0198, 'XEP0198-3-1'),
    requirement: 'An <enable/> after resource binding is answered with <enabled/> or <failed/> in urn:xmpp:sm:3.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const { answer } = await enable(t, s);
      t.check(isSm(answer, 'enabled') || isSm(answer, 'failed'), `<enabled/> or <failed/> in ${SM}`, answer);
      t.outcome(isSm(answer, 'enabled') ? `<enabled${answer.attrs.resume ? ` resume='${answer.attrs.resume as string}'` : ''}/>` : `<failed/>`);
    },
  },
  {
    id: 'XEP0198-3-2',
    cite: citationOf(xep0198, 'XEP0198-3-2'),
    requirement: 'An <enable/> after authentication but before resource binding is refused with <failed/>.',
    accounts: 1,
    async run(t) {
      const s = await authenticatedStream(t, t.accounts[0]!);
      s.send(x('enable', { xmlns: SM }));
      const answer = await s.expect(smAnswer('enabled', 'failed'));
      t.check(isSm(answer, 'failed'), '<failed/> for an <enable/> sent before binding a resource', answer);
    },
  },
  {
    id: 'XEP0198-3-3',
    cite: citationOf(xep0198, 'XEP0198-3-3'),
    requirement: 'A second <enable/> on a stream that has stream management enabled ends the stream with a stream error.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      await enabled(t, s);
      s.send(x('enable', { xmlns: SM }));
      const answer = await s.maybe(smAnswer('enabled', 'failed'));
      const end = await awaitStreamEnd(s, t.stepMs, { answerClose: true });
      const sm = answer && (isSm(answer, 'failed') || isSm(answer, 'enabled'));
      const condition = answer && (sm ? failedCondition(answer) : streamErrorCondition(answer));
      t.outcome(`${!answer ? 'no answer' : sm ? `<${answer.getName()}/>` : 'a stream error'}${condition ? ` <${condition}/>` : ''}`);
      if (t.check(end.error !== undefined, 'a stream error for a second <enable/>', sm ? answer : 'no stream error, the stream went on')) {
        t.check(end.closedStream || end.closedConnection, 'the stream ended after the stream error', 'the stream stayed open');
      }
    },
  },
]);
