import { defineCases, iqStanza, NS, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { Privacy, everyone, freshListName, type Rule } from '../lib/privacy.js';

/** XEP-0016 §2.6–2.7: editing and adding lists, and the privacy list pushes that follow. */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-2.6-1',
    cite: {
      section: '2.2',
      keyword: 'MUST',
      quote: 'When the definition for a rule is modified, the server MUST send an IQ stanza of type "set" to all connected resources, containing a <query/> element with only one <list/> child element, where the \'name\' attribute is set to the name of the modified privacy list.',
      anchor: 'protocol-rules',
    },
    requirement: 'Creating or editing a list is answered with a result and pushed (an IQ set naming only the list) to every connected resource.',
    accounts: 1,
    async run(t) {
      const [account] = t.accounts;
      const a1 = await t.login(account!);
      const a2 = await t.login(account!);
      const p = await Privacy.of(t, a1);
      p.track(a2);
      const name = freshListName();
      const steps: [string, Rule[]][] = [
        ['creating', [everyone('allow', 1)]],
        ['editing', [everyone('deny', 1, 'message'), everyone('allow', 2)]],
      ];
      const push = iqStanza({
        type: 'set',
        where: (el) => el.getChild('query', NS.privacy)?.getChildren('list').some((l) => l.attrs.name === name) ?? false,
      }, `a privacy list push naming ${name}`);
      for (const [step, rules] of steps) {
        const response = await p.setList(a1, name, rules);
        t.check(response.attrs.type === 'result', `a result to ${step} ${name}`, response);
        for (const s of [a1, a2]) {
          const pushed = await s.expect(push);
          const q = pushed.getChild('query', NS.privacy)!;
          t.check(q.getChildElements().length === 1 && q.getChild('list')!.getChildElements().length === 0,
            `the push to ${s.jid} after ${step} names the list only: one <list/>, no items`, pushed);
        }
      }
    },
  },
]);
