import { defineCases, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { canonical } from '../lib/canonical.js';
import xep0049 from '../requirements/xep-0049.js';
import { freshNamespace, privateGet, stored, storedIn } from './private.js';

/** XEP-0049 §2.1: storing and retrieving. */
export default defineCases({ spec: 'xep-0049', role: 'server' }, [
  {
    id: 'XEP0049-2.1-1',
    cite: citationOf(xep0049, 'XEP0049-2.1-1'),
    requirement: 'An element of any namespace stored with an IQ set (attributes, text, children, a child of another namespace) comes back as stored from an IQ get for it, in a later session.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const ns = freshNamespace();
      const fragment = x('settings', { xmlns: ns, version: '2', note: '<a & b>' },
        x('item', { n: '1' }, 'text & more'),
        x('leaf', { xmlns: 'urn:xmpp:certify:other', flag: 'true' }));
      await stored(t, s, [fragment]);
      const later = await t.login(t.accounts[0]!);
      const response = await privateGet(later, 'settings', ns);
      const back = storedIn(response, ns)[0];
      // the text lets a client store any fragment (MAY); a server that gives back something else does not take it up
      if (!back || canonical(back) !== canonical(fragment)) {
        return t.skip(`the target does not do what the text allows (MAY): expected ${fragment.toString()} back; got ${response.toString().slice(0, 400)}`);
      }
      t.outcome(`${fragment.toString()} came back as stored`);
    },
  },
]);
