import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { stanzaError } from '../../src/session/stanza.js';
import { NS } from '../../src/xml/namespaces.js';
import { discoInfo } from '../lib/disco.js';
import { createRoom, granted, setAffiliation } from './room.js';

const NODE = 'x-roomuser-item';

/** XEP-0045 §7.12: discovering one's reserved room nickname. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.12-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.12', keyword: 'MUST', quote: '' }),
    requirement: `disco#info with node ${NODE} returns an empty query without a reserved nick, the nick as identity name with one, or <feature-not-implemented/>.`,
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const user = await t.login(b!);
      const room = await createRoom(t, owner);
      const before = await discoInfo(user, room.jid, NODE);
      if (!before.ok) {
        t.expectError(before.response, ['feature-not-implemented']);
        return t.outcome(`the node is not supported: <${stanzaError(before.response)?.condition ?? '?'}/>`);
      }
      const q = before.response.getChild('query', NS.discoInfo)!;
      t.check(q.getChildElements().length === 0, 'an empty query for a user without a reserved nickname', before.response);
      const nick = 'reserved-b';
      await granted(t, `make ${b!.jid} a member with the nickname '${nick}'`, () => setAffiliation(owner, room.jid, b!.jid, 'member', { nick }));
      const after = await discoInfo(user, room.jid, NODE);
      t.check(after.ok, `a disco#info result for the ${NODE} node`, after.response);
      const names = after.identities.map((i) => i.name);
      t.outcome(names.length ? `reserved nickname reported: ${names.join(', ')}` : 'no nickname reported after membership with a nick (the service does not reserve member nicks)');
      t.check(names.every((n) => n === nick), `any identity name is the reserved nickname '${nick}'`, after.response);
    },
  },
]);
