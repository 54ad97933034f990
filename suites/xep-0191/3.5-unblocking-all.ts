import { bare, defineCases, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { Blocks, blockingPush, blocklistIq, getBlocklist, pushedJids, strangerJid } from '../lib/blocking.js';
import { messageArrives, settle } from '../lib/traffic.js';

/** XEP-0191 §3.5 (v1.1 §5.5): the user unblocks every JID. */
export default defineCases({ spec: 'xep-0191', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0191-3.5-1',
    cite: {
      '1.1': {
        section: '5.5',
        keyword: 'MUST',
        quote: "The server MUST also send an IQ-set to all of the user's resources that have requested the blocklist, containing notification of global unblocking … Once the user has unblocked communications with all contacts, the user's server MUST deliver any XML stanzas from those contacts to the user.",
        anchor: 'unblockall',
      },
      '1.3': {
        section: '3.5',
        keyword: 'MUST',
        anchor: 'unblockall',
        quote: "The server MUST also send an IQ-set to all of the user's resources that have requested the blocklist, containing notification of global unblocking … Once the user has unblocked communications with all JIDs, the user's server MUST deliver any XML stanzas from those JIDs to the user.",
      },
    },
    requirement: 'An <unblock/> without items empties the blocklist, is pushed as an empty <unblock/> to the interested resources, and stanzas flow again.',
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a1 = await t.login(accountA!);
      const a2 = await t.login(accountA!);
      const c = await t.login(accountC!);
      // the blocklist as found is put back when the case ends (see Blocks)
      const blocks = await Blocks.of(t, a1);
      blocks.track(a2);
      await t.setupIq('request the blocklist from the second resource', a2, blocklistIq());
      await blocks.blockNow([bare(c.jid!), strangerJid(t)]);
      await settle(a1, a2);

      const response = await blocks.unblock(a1, []);
      t.check(response.attrs.type === 'result', 'a result to the empty <unblock/>', response);
      for (const s of [a1, a2]) {
        const push = await s.expect(blockingPush('unblock'));
        t.check(pushedJids(push, 'unblock').length === 0, `the push to ${s.jid} is an empty <unblock/>`, push);
      }
      const list = await getBlocklist(a1);
      t.check(list.ok && list.jids.length === 0, 'an empty blocklist', list.response);
      t.check(await messageArrives(c, a1) !== undefined, `a message from ${bare(c.jid!)}, blocked before, reaches A`, 'it was not delivered');
    },
  },
]);
