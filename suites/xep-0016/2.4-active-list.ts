import { bare, defineCases, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { Privacy, freshListName, jidRule, setActive } from '../lib/privacy.js';
import { markerFrom } from '../lib/presence.js';
import { attempt, notDelivered } from '../lib/traffic.js';

/** XEP-0016 §2.4: managing active lists. */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-2.4-1',
    cite: {
      section: '2.4',
      keyword: 'MUST',
      quote: 'The server MUST activate and apply the requested list before sending the result back to the client. … If the user attempts to set an active list but a list by that name does not exist, the server MUST return an <item-not-found/> stanza error to the user',
      anchor: 'protocol-active',
    },
    requirement: 'Activating a list that does not exist gives <item-not-found/>; activating one that exists puts it in force before the result is sent.',
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!);
      const c = await t.login(accountC!);
      const p = await Privacy.of(t, a);
      t.expectError(await setActive(a, freshListName()), ['item-not-found']);
      const name = await p.create([jidRule('deny', c.jid!, 1, 'message')]);
      const response = await setActive(a, name);
      t.check(response.attrs.type === 'result', `a result to activating ${name}`, response);
      // C sends only once the result is in; A's declining the list afterwards lets C's marker through
      const round = await attempt(c, a, ['message-full'], {
        lift: () => p.activate(undefined),
        marker: () => markerFrom(t, c, a),
      });
      await notDelivered(t, round, () => `a message from ${bare(c.jid!)} sent right after the result`);
    },
  },
]);
