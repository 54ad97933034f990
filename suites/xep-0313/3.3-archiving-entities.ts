import { bare, defineCases, token } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { say } from '../xep-0045/room.js';
import { archivedRoom, deliver, lastPage, ours, query } from './archive.js';

/** XEP-0313 v1.1.0 §3.3: archiving entities. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-3.3.1-1',
    cite: citationOf(xep0313, 'XEP0313-3.3.1-1'),
    requirement: "A query addressed to the user's own bare JID returns the user's messages, sent and received.",
    accounts: 2,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      const bodies = [(await deliver(t, a, c, 'sent by A')).body, (await deliver(t, c, a, 'received by A')).body];
      const answer = await query(a, lastPage({ to: bare(a.jid!) }));
      if (!t.check(answer.response.attrs.type === 'result', `an IQ result to a query addressed to ${bare(a.jid!)}`, answer.response)) return;
      const found = ours(answer, bodies).map((r) => r.body);
      t.check(bodies.every((b) => found.includes(b)), `both messages (sent and received) in the results: ${bodies.join(', ')}`, `found: ${found.join(', ') || 'neither'}`);
    },
  },
  {
    id: 'XEP0313-3.3.2-1',
    cite: citationOf(xep0313, 'XEP0313-3.3.2-1'),
    requirement: 'A room whose disco#info lists urn:xmpp:mam:2 answers a query addressed to its bare JID with its messages and an IQ result.',
    accounts: 1,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      const room = await archivedRoom(t, a);
      const body = `in the room ${token(3)}`;
      await say(a, room.jid, body);
      const answer = await query(a, lastPage({ to: room.jid }));
      if (!t.check(answer.response.attrs.type === 'result', `an IQ result to a query addressed to ${room.jid}`, answer.response)) return;
      t.check(ours(answer, [body]).length > 0, `the groupchat message "${body}" in the results`, `${answer.results.length} results, not that one`);
    },
  },
]);
