import { bare, defineCases, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { canonical } from '../lib/canonical.js';
import xep0049 from '../requirements/xep-0049.js';
import { freshNamespace, privateGet, privateSet, stored, storedIn } from './private.js';

/** XEP-0049 §4: security considerations. */
export default defineCases({ spec: 'xep-0049', role: 'server' }, [
  {
    id: 'XEP0049-4-1',
    cite: citationOf(xep0049, 'XEP0049-4-1'),
    requirement: "Another user's set addressed to the user's bare JID changes nothing of what the user stored.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const intruder = await t.login(b!);
      const ns = freshNamespace();
      const mine = x('data', { xmlns: ns }, 'the owner’s');
      await stored(t, owner, [mine]);
      // whatever the intruder's set got, it must not have reached the owner's storage
      t.deferAs(intruder, (live) => privateSet(live, [x('data', { xmlns: ns })]));
      const attempt = await privateSet(intruder, [x('data', { xmlns: ns }, 'the intruder’s')], bare(owner.jid!));
      t.note(`the set to ${bare(owner.jid!)} from ${bare(intruder.jid!)} got ${attempt.attrs.type as string}`);
      const response = await privateGet(owner, 'data', ns);
      const back = storedIn(response, ns)[0];
      t.check(back !== undefined && canonical(back) === canonical(mine), `${bare(owner.jid!)}'s ${mine.toString()} unchanged`, response);
    },
  },
]);
