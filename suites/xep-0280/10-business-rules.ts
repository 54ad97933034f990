import { defineCases, describe, messageWithBody } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0280 from '../requirements/xep-0280.js';
import { anyCarbonOf, carbonOf, carbonsIq, chat, enableCarbons } from '../lib/carbons.js';

/** XEP-0280 v1.0.1 §10: business rules. */
export default defineCases({ spec: 'xep-0280', role: 'server' }, [
  {
    id: 'XEP0280-10.1-1',
    cite: citationOf(xep0280, 'XEP0280-10.1-1'),
    requirement: 'Carbons can be enabled, disabled and enabled again in one session, and copies follow: none while disabled.',
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a1 = await t.login(accountA!, { presence: true });
      const a2 = await t.login(accountA!, { presence: true });
      const c = await t.login(accountC!);
      const deliver = async (what: string): Promise<string> => {
        const { stanza, body } = chat(a1.jid!, what);
        c.send(stanza);
        await t.setup(`have ${a1.jid} receive "${body}"`, () => a1.expect(messageWithBody(body)));
        return body;
      };
      const toggle = async (action: 'enable' | 'disable'): Promise<void> => {
        const response = await a2.iq(carbonsIq(action));
        t.check(response.attrs.type === 'result', `a result to <${action}/> in one session`, response);
      };
      const first = await a2.iq(carbonsIq('enable'));
      if (first.attrs.type !== 'result') return t.skip(`${a2.jid!} is not permitted to enable carbons: ${describe(first, 200)}`);
      await a2.expect(carbonOf('received', await deliver('while enabled')));
      await toggle('disable');
      const unseen = await deliver('while disabled');
      await toggle('enable');
      const again = await deliver('enabled again');
      await t.nothingArrived(a2, anyCarbonOf(unseen), `carbon copy of "${unseen}", sent while carbons were disabled`, () => a2.expect(carbonOf('received', again)));
    },
  },
  {
    id: 'XEP0280-10.1-2',
    cite: citationOf(xep0280, 'XEP0280-10.1-2'),
    requirement: 'Enabling carbons again while they are enabled gets a result, not an error.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      await enableCarbons(t, s);
      const again = await s.iq(carbonsIq('enable'));
      t.check(again.attrs.type === 'result', 'a result to a second <enable/>', again);
    },
  },
  {
    id: 'XEP0280-10.1-3',
    cite: citationOf(xep0280, 'XEP0280-10.1-3'),
    requirement: 'Disabling carbons again while they are disabled gets a result, not an error.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      await enableCarbons(t, s);
      await t.setupIq(`disable carbons for ${s.jid}`, s, carbonsIq('disable'));
      const again = await s.iq(carbonsIq('disable'));
      t.check(again.attrs.type === 'result', 'a result to a second <disable/>', again);
    },
  },
]);
