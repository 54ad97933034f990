import { defineCases, NS, sameIn, stanzaError } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import { createRoom, granted, setAffiliation } from './room.js';

const NODE = 'x-roomuser-item';
const QUOTE = "If the room or service does not support the foregoing service discovery node, it MUST return a <feature-not-implemented/> error to the user. If it does and the user has a registered nickname, it MUST return the nickname to the user as the value of the 'name' attribute of a Service Discovery <identity/> element";

/** XEP-0045 §7.12 (v1.22 §7.11, v1.24 §7.12): discovering one's reserved room nickname. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.12-1',
    cite: {
      '1.22': { section: '7.11', keyword: 'MUST', quote: QUOTE, anchor: 'reservednick' },
      ...sameIn(['1.24', '1.34.5'], { section: '7.12', keyword: 'MUST', quote: QUOTE, anchor: 'reservednick' }),
    },
    requirement: `disco#info with node ${NODE} returns <feature-not-implemented/> where the node is not supported; else an empty query without a reserved nick, and the nick as identity name with one (a service that does not reserve member nicknames reports none: recorded).`,
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const user = await t.login(b!);
      const room = await createRoom(t, owner);
      const before = await discoInfo(user, room.jid, NODE);
      if (!before.ok) {
        t.outcome(`the node is not supported: <${stanzaError(before.response)?.condition ?? '?'}/>`);
        t.expectError(before.response, ['feature-not-implemented']);
        return;
      }
      const q = before.response.getChild('query', NS.discoInfo)!;
      t.check(q.getChildElements().length === 0, 'an empty query for a user without a reserved nickname', before.response);
      const nick = 'reserved-b';
      await granted(t, `make ${b!.jid} a member with the nickname '${nick}'`, () => setAffiliation(owner, room.jid, b!.jid, 'member', { nick }));
      const after = await discoInfo(user, room.jid, NODE);
      t.check(after.ok, `a disco#info result for the ${NODE} node`, after.response);
      const names = after.identities.map((i) => i.name);
      if (names.length === 0) return t.outcome('no nickname reported after membership with a nick (the service does not reserve member nicknames)');
      t.outcome(`reserved nickname reported: ${names.join(', ')}`);
      t.check(names.every((n) => n === nick), `the identity name is the reserved nickname '${nick}'`, after.response);
    },
  },
]);
