import { defineCases } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { archivedAs, deliver } from './archive.js';

/** XEP-0313 v1.1.0 §3.1: order of messages. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-3.1-1',
    cite: citationOf(xep0313, 'XEP0313-3.1-1'),
    requirement: 'Messages come out of the archive in the order the user received them.',
    accounts: 2,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      const bodies: string[] = [];
      for (const n of ['first', 'second', 'third']) bodies.push((await deliver(t, c, a, n)).body);
      const found = await archivedAs(t, a, bodies);
      t.check(found.map((r) => r.body).join(' | ') === bodies.join(' | '), `the messages in the order received: ${bodies.join(', ')}`, found.map((r) => r.body).join(', '));
    },
  },
]);
