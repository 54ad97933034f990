import { defineCases, describe, iq, messageWithBody, NS, token, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0198 from '../requirements/xep-0198.js';
import { awaitStreamEnd } from '../lib/streams.js';
import { dropConnection, enable, failedCondition, isSm, resumable, resumeOn, unknownSmId } from './sm.js';

/** The longest resumption time the timeout case waits out. */
const LONGEST_WAIT_S = 300;
/** The resumption time the timeout case asks for (§3: the client's preferred maximum). */
const ASKED_MAX_S = 30;
/** Past the server's 'max', how long the case waits before it tries: timers fire late. */
const MARGIN_S = 10;

/** XEP-0198 v1.6.1 §5: resumption. */
export default defineCases({ spec: 'xep-0198', role: 'server' }, [
  {
    id: 'XEP0198-5-1',
    cite: citationOf(xep0198, 'XEP0198-5-1'),
    requirement: "An <enabled/> that allows resumption says resume='true' (or '1') and carries an id.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const { managed, answer } = await enable(t, s, { resume: 'true' });
      if (!managed) return t.skip(`the server did not enable stream management: ${describe(answer, 200)}`);
      const resume = answer.attrs.resume as string | undefined;
      if (resume === undefined || resume === 'false' || resume === '0') return t.skip(`the server does not allow this stream to be resumed: ${describe(answer, 200)}`);
      t.check(resume === 'true' || resume === '1', `resume='true' or '1' on the <enabled/>`, answer);
      t.check(Boolean(answer.attrs.id), "an 'id' (the SM-ID) on the <enabled/> that allows resumption", answer);
    },
  },
  {
    id: 'XEP0198-5-2',
    cite: citationOf(xep0198, 'XEP0198-5-2'),
    requirement: 'Two resumable streams open at once, and one enabled after they closed, get three different SM-IDs.',
    accounts: 1,
    async run(t) {
      const account = t.accounts[0]!;
      const [s1, s2] = [await t.login(account), await t.login(account)];
      const [first, second] = [await resumable(t, s1), await resumable(t, s2)];
      t.check(first.id !== second.id, 'different SM-IDs for two streams at once', `both '${first.id!}'`);
      for (const m of [first, second]) {
        m.ack();
        await m.s.close();
      }
      const third = await resumable(t, await t.login(account));
      t.check(third.id !== first.id && third.id !== second.id, 'an SM-ID not used before for a later stream', `'${third.id!}' again`);
    },
  },
  {
    id: 'XEP0198-5-3',
    cite: citationOf(xep0198, 'XEP0198-5-3'),
    requirement: "After a dropped connection, <resume previd h/> gives <resumed previd h/> with h counting the client's stanzas; every stanza the client had not acknowledged, and every one sent to it meanwhile, comes again; the counts go on from the former stream.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!, { presence: true });
      const managed = await resumable(t, a);
      const c = await t.login(accountC!);
      const before = `before the drop ${token(3)}`;
      c.send(x('message', { to: a.jid, type: 'chat' }, x('body', {}, before)));
      await t.setup(`have ${a.jid} receive a message before the drop`, () => a.expect(messageWithBody(before)));
      a.send(x('message', { to: c.jid, type: 'chat' }, x('body', {}, `from A ${token(3)}`)));
      await t.setup(`have every stanza ${a.jid} sent handled`, () => a.sync());
      const handled = { sent: managed.sent, received: managed.received };
      const drop = dropConnection(t, managed, accountA!);
      // sent while the connection is gone: the server holds it for the session, unacknowledged
      const during = `while disconnected ${token(3)}`;
      c.send(x('message', { to: a.jid, type: 'chat' }, x('body', {}, during)));
      await t.setup(`have ${c.jid}'s message handled`, () => c.sync());
      const { s, count, answer } = await resumeOn(t, accountA!, managed.id!, handled.received, 'A-resumed');
      if (!t.check(isSm(answer, 'resumed'), `<resumed/> for the session ${managed.id!}`, answer)) return;
      drop.resumed();
      s.resumedAs(a.jid!);
      const resumed = managed.resumedOn(t, s, count);
      t.check(answer.attrs.previd === managed.id, `previd='${managed.id!}' on the <resumed/>`, answer);
      t.check(answer.attrs.h === String(handled.sent), `h='${handled.sent}' on the <resumed/>: the stanzas the client sent over the former stream`, answer);
      await s.expect(messageWithBody(during));
      // a message the client acknowledged by its 'h' comes again before any that follow it, if at all
      if (s.received(messageWithBody(before)).length > 0) t.note(`the message '${before}' came again, although the client's h='${handled.received}' counted it`);
      await s.sync();
      const ack = await resumed.request();
      t.check(ack.attrs.h === String(resumed.sent), `h='${resumed.sent}' for <r/> after resuming: the count goes on from the former stream's ${handled.sent}`, ack);
    },
  },
  {
    id: 'XEP0198-5-4',
    cite: citationOf(xep0198, 'XEP0198-5-4'),
    requirement: 'A <resume/> naming an SM-ID the server never gave is refused with <failed/>, preferably with <item-not-found/>.',
    accounts: 1,
    async run(t) {
      const { answer } = await resumeOn(t, t.accounts[0]!, unknownSmId(), 0);
      if (!t.must(isSm(answer, 'failed'), '<failed/> for an SM-ID the server never gave', answer)) return;
      const condition = failedCondition(answer);
      t.outcome(condition ? `<${condition}/>` : 'no condition');
      // a server without resumption answers <feature-not-implemented/> (§5): it never recognises an SM-ID
      t.should(condition === 'item-not-found' || condition === 'feature-not-implemented', 'an <item-not-found/> condition in the <failed/>', answer);
    },
  },
  {
    id: 'XEP0198-5-5',
    cite: citationOf(xep0198, 'XEP0198-5-5'),
    requirement: "A <resume/> sent after the resumption time the server announced (max) has passed is refused with <failed/>, preferably <item-not-found/>.",
    accounts: 1,
    slow: { seconds: LONGEST_WAIT_S + MARGIN_S, why: "the resumption time the server announces (up to 5 minutes)" },
    timeoutMs: (LONGEST_WAIT_S + MARGIN_S + 60) * 1000,
    async run(t) {
      const account = t.accounts[0]!;
      const managed = await resumable(t, await t.login(account), { max: String(ASKED_MAX_S) });
      const max = Number(managed.enabled.attrs.max);
      if (!(max > 0)) return t.skip(`the <enabled/> names no resumption time ('max'): nothing tells when the session is over (${describe(managed.enabled, 200)})`);
      if (max > LONGEST_WAIT_S) return t.skip(`the server keeps a session ${max} s for resumption, longer than this case waits (${LONGEST_WAIT_S} s)`, 'not-run');
      const drop = dropConnection(t, managed, account);
      t.note(`waiting ${max + MARGIN_S} s: the server announced max='${max}'`);
      await new Promise((resolve) => setTimeout(resolve, (max + MARGIN_S) * 1000));
      const { s, count, answer } = await resumeOn(t, account, managed.id!, managed.received, 'late');
      if (isSm(answer, 'resumed')) {
        // a server MAY keep the state longer than it said (§4): then there is nothing to judge
        drop.resumed();
        s.resumedAs(managed.s.jid!);
        managed.resumedOn(t, s, count);
        return t.skip(`the server still resumed the session ${max + MARGIN_S} s after it was dropped, with max='${max}': it MAY keep it longer (§4)`);
      }
      drop.resumed();
      if (!t.must(isSm(answer, 'failed'), `<failed/> for a session dropped ${max + MARGIN_S} s earlier`, answer)) return;
      t.should(failedCondition(answer) === 'item-not-found', 'an <item-not-found/> condition in the <failed/>', answer);
      if (answer.attrs.h !== undefined) t.note(`the <failed/> says h='${answer.attrs.h as string}' (the client had handled ${managed.received})`);
    },
  },
  {
    id: 'XEP0198-5-6',
    cite: citationOf(xep0198, 'XEP0198-5-6'),
    requirement: 'After a refused <resume/>, a resource can be bound on the same stream.',
    accounts: 1,
    async run(t) {
      const { s, answer } = await resumeOn(t, t.accounts[0]!, unknownSmId(), 0);
      if (!isSm(answer, 'failed')) return t.skip(`the resumption of an unknown SM-ID was not refused with <failed/>: ${describe(answer, 200)}`);
      const response = await s.iq(iq('set', {}, x('bind', { xmlns: NS.bind }, x('resource', {}, `certify-${token(3)}`))));
      t.check(response.attrs.type === 'result' && Boolean(response.getChild('bind', NS.bind)?.getChildText('jid')), 'a bound resource after the refused resumption', response);
    },
  },
  {
    id: 'XEP0198-5-7',
    cite: citationOf(xep0198, 'XEP0198-5-7'),
    requirement: 'Resuming a session whose old stream is still open ends that old stream with a <conflict/> stream error.',
    accounts: 1,
    async run(t) {
      const account = t.accounts[0]!;
      const old = await t.login(account);
      const managed = await resumable(t, old);
      const { s, count, answer } = await resumeOn(t, account, managed.id!, managed.received, 'A-resumed');
      if (!isSm(answer, 'resumed')) return t.skip(`the server did not resume a session whose stream is still open: ${describe(answer, 200)}`);
      t.outcome('resumed while the old stream was open');
      s.resumedAs(old.jid!);
      managed.resumedOn(t, s, count);
      const end = await awaitStreamEnd(old, t.stepMs, { answerClose: true });
      if (t.check(end.condition === 'conflict', 'a <conflict/> stream error on the old stream', end.error ?? (end.closedConnection ? 'the connection closed without a stream error' : 'no stream error'))) {
        t.check(end.closedStream || end.closedConnection, 'the old stream closed after the stream error', 'the old stream stayed open');
      }
    },
  },
]);
