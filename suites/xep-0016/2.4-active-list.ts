import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { bare } from '../../src/session/stanza.js';
import { Privacy, freshListName, jidRule, setActive } from '../lib/privacy.js';
import { markerFrom } from '../lib/presence.js';
import { attempt } from '../lib/traffic.js';

/** XEP-0016 §2.4: managing active lists. */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-2.4-1',
    cite: { section: '2.4', keyword: 'MUST', quote: '' },
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
      const [sent] = await attempt(c, a, ['message-full'], async () => {
        await p.activate(undefined);
        await markerFrom(t, c, a);
      });
      t.check(sent!.delivered === undefined, `a message from ${bare(c.jid!)} sent right after the result is not delivered`, sent!.delivered);
    },
  },
]);
