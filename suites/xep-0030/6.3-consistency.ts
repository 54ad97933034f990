import { defineCases, sameIn, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';

/** XEP-0030 §6.3: response consistency. */
export default defineCases({ spec: 'xep-0030', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0030-6.3-1',
    cite: sameIn(['2.3', '2.4', '2.5rc3'], {
      section: '6.3',
      keyword: 'SHOULD',
      quote: 'However, the responding entity SHOULD return the same <identity/> element (category+type) to all disco#info requests sent to the same JID+node combination.',
      anchor: 'impl-consistency',
    }),
    requirement: 'The same JID (and node) always returns the same identity category/type, whoever asks.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await t.login(a!);
      const sb = await t.login(b!);
      const askers = [sa, sa, sb];
      const answers = [];
      for (const s of askers) {
        const info = await discoInfo(s, t.domain);
        answers.push(info.identities.map((i) => `${i.category}/${i.type}`).sort().join(', ') || (info.ok ? 'no identity' : 'an error'));
      }
      t.note(`identities of server ${t.domain}, asked by ${askers.map((s) => s.jid).join(', ')}: ${answers.join(' | ')}`);
      t.check(new Set(answers).size === 1, `the same identities from server ${t.domain} to all three requests`, answers.join(' | '));
    },
  },
]);
