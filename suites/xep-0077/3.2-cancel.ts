import { anyOf, bare, defineCases, iq, iqStanza, NS, presence, query, stanzaError, streamErrorCondition, x } from '../../src/authoring.js';
import { attemptLogin, createAccount } from '../lib/registration.js';
import { rosterPushFor, subscribe } from '../lib/roster.js';

/** XEP-0077 §3.2: an entity cancels its registration with <remove/>. */
export default defineCases({ spec: 'xep-0077', role: 'server' }, [
  {
    id: 'XEP0077-3.2-1',
    cite: {
      section: '3.2',
      anchor: 'usecases-cancel',
      keyword: 'SHOULD',
      quote: "… the server SHOULD then return a <not-authorized/> stream error and terminate all active sessions for the entity. … the server SHOULD also cancel all existing presence subscriptions related to that entity (as stored in the entity's roster).",
    },
    requirement: '<remove/> cancels the account: the server ends its sessions with a <not-authorized/> stream error, cancels its presence subscriptions, and the account no longer logs in.',
    accounts: 1,
    async run(t) {
      const own = await createAccount(t);
      const gone = await t.login(own.account, { roster: true, presence: true });
      const watcher = await t.login(t.accounts[0]!, { roster: true, presence: true });
      await subscribe(t, watcher, gone);
      // the pushes of the subscription itself are in; only what the removal causes counts
      await watcher.sync();
      watcher.clearInbox();
      const jid = own.account.jid;
      const request = iq('set', {}, query(NS.register, {}, x('remove')));
      gone.send(request);
      // the answer may be a result, or only the stream error that ends the session
      const answer = await gone.maybe(iqStanza({ id: request.attrs.id as string, type: ['result', 'error'] }));
      const refused = answer?.attrs.type === 'error' ? stanzaError(answer)?.condition : undefined;
      // §3.2's table: a deployment may not let anyone (or this sender) cancel in band
      if (refused === 'not-allowed' || refused === 'forbidden') return t.skip(`server ${t.domain} does not let ${jid} cancel its registration in band: <${refused}/>`);
      t.check(answer?.attrs.type !== 'error', `the removal of ${jid} accepted`, answer);
      const closed = await gone.waitClosed();
      t.outcome(`${answer ? 'an IQ result' : 'no IQ result'}; ${closed ? `the session ended${gone.streamError ? ` with <${streamErrorCondition(gone.streamError) ?? '?'}/>` : ''}` : 'the session stayed open'}`);
      // a session that ended is the answer when no result came first
      t.check(closed, `the session of ${jid} ended`, 'the session stayed open');
      t.check(closed && gone.streamError !== undefined && streamErrorCondition(gone.streamError) === 'not-authorized', 'a <not-authorized/> stream error ending the session',
        gone.streamError ? `<${streamErrorCondition(gone.streamError) ?? '?'}/>` : 'no stream error');
      // the watcher's subscription to the removed account is cancelled: an unsubscribed
      // presence, or a roster push showing it gone
      const cancelled = await watcher.maybe(anyOf(
        presence({ fromBare: jid, type: 'unsubscribed' }),
        rosterPushFor(jid, (item) => ['none', 'remove'].includes(item.attrs.subscription as string)),
      ));
      t.check(cancelled !== undefined, `the subscription of ${bare(watcher.jid!)} to ${jid} cancelled (unsubscribed presence or roster push)`, 'neither came');
      const login = await attemptLogin(t, own.account, own.account.password);
      t.check(login.session === undefined, `no login as the removed account ${jid}`, 'the login succeeded');
    },
  },
  {
    id: 'XEP0077-3.2-2',
    cite: {
      absent: 'v2.2 §3.2 lists <bad-request/> in a table of error cases that are "possible", with no keyword requiring it (nor does a later version)',
    },
    requirement: 'A <remove/> that is not the only child of the query gets <bad-request/>.',
    async run(t) {
      const own = await createAccount(t);
      const s = await t.login(own.account);
      const response = await s.iq(iq('set', {}, query(NS.register, {}, x('remove'), x('username', {}, own.account.local))));
      t.expectError(response, ['bad-request']);
    },
  },
]);
