import { bare, defineCases, presence, STANZA_TRANSPORTS, token, x } from '../../src/authoring.js';
import { Blocks, blockingPush, blocklistIq, pushedJids, sameJids } from '../lib/blocking.js';
import { subscribeBoth } from '../lib/roster.js';
import { messageArrives, settle } from '../lib/traffic.js';

/** XEP-0191 §3.4 (v1.1 §5.4): the user unblocks a JID. */
export default defineCases({ spec: 'xep-0191', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0191-3.4-1',
    cite: {
      '1.1': {
        section: '5.4',
        keyword: 'MUST',
        quote: "The server MUST also send an IQ-set to all of the user's resources that have requested the blocklist, containing the unblocked item(s) … When the user unblocks communications with the contact, the user's server MUST send the user's current presence information to the contact",
        anchor: 'unblock',
      },
      '1.3': {
        section: '3.4',
        keyword: 'MUST',
        anchor: 'unblock',
        quote: "The server MUST also send an IQ-set to all of the user's resources that have requested the blocklist, containing the unblocked item(s) … When the user unblocks communications with a JID, the user's server MUST send the user's current presence information to the JID",
      },
    },
    requirement: "Unblocking is answered with a result and pushed to the resources that requested the blocklist; the JID gets the user's current presence and its stanzas are delivered again.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const status = `here ${token(3)}`;
      const a1 = await t.login(accountA!, { presence: x('presence', {}, x('status', {}, status)), roster: true });
      const a2 = await t.login(accountA!);
      const c = await t.login(accountC!, { presence: true, roster: true });
      await subscribeBoth(t, a1, c);
      const current = presence({ type: 'available', fromBare: bare(a1.jid!), where: (el) => el.getChildText('status') === status }, `A's current presence (status "${status}")`);
      await t.setup(`see ${bare(a1.jid!)} available`, () => c.expect(current));
      const blocks = await Blocks.of(t, a1);
      blocks.track(a2);
      await t.setupIq('request the blocklist from the second resource', a2, blocklistIq());
      const jid = bare(c.jid!);
      await blocks.blockNow([jid]);
      await settle(a1, a2, c);

      const response = await blocks.unblock(a1, [jid]);
      t.check(response.attrs.type === 'result', `a result to unblocking ${jid}`, response);
      for (const s of [a1, a2]) {
        const push = await s.expect(blockingPush('unblock'));
        t.check(sameJids(pushedJids(push, 'unblock'), [jid]), `the push to ${s.jid} carries <item jid='${jid}'/>`, push);
      }
      // A has not changed its presence since C saw it last: only the unblock can send it again
      await c.expect(current);
      t.check(await messageArrives(c, a1) !== undefined, `a message from ${jid} reaches A again`, 'it was not delivered');
    },
  },
]);
