import { defineCases, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { Blocks, getBlocklist, sameJids, strangerJid } from '../lib/blocking.js';

/** XEP-0191 §3.2 (v1.1 §5.2): the user retrieves the blocklist. */
export default defineCases({ spec: 'xep-0191', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0191-3.2-1',
    cite: {
      '1.1': {
        section: '5.2',
        keyword: 'MUST',
        quote: 'If the user has any contacts in its blocklist, the server MUST return an IQ-result containing a <blocklist/> element that in turn contains one child <item/> element for each blocked contact … If the user has no contacts in its blocklist, the server MUST return an IQ-result containing an empty <blocklist/> element',
        anchor: 'blocklist',
      },
      '1.3': {
        section: '3.2',
        keyword: 'MUST',
        anchor: 'blocklist',
        quote: 'If the user has any JIDs in its blocklist, the server MUST return an IQ-result containing a <blocklist/> element that in turn contains one child <item/> element for each blocked JID … If the user has no JIDs in its blocklist, the server MUST return an IQ-result containing an empty <blocklist/> element',
      },
    },
    requirement: 'A blocklist request returns <blocklist/> with one <item jid/> per blocked JID, or an empty <blocklist/> when none is blocked.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const before = await getBlocklist(s);
      t.check(before.ok, 'a result carrying <blocklist/> in urn:xmpp:blocking', before.response);
      const blocks = await Blocks.of(t, s);
      const jid = strangerJid(t);
      await blocks.blockNow([jid]);
      const during = await getBlocklist(s);
      t.check(during.ok && sameJids(during.jids, [...before.jids, jid]), `the earlier items plus <item jid='${jid}'/>`, during.response);
      t.check(during.element!.getChildElements().every((c) => c.name === 'item' && typeof c.attrs.jid === 'string'),
        'only <item jid=…/> children', during.response);
      await blocks.unblockNow([jid]);
      const after = await getBlocklist(s);
      t.check(after.ok && sameJids(after.jids, before.jids), `the items from before, without ${jid}`, after.response);
      // the account starts with an empty list when it is fresh: then the answer is an empty <blocklist/>
      if (before.jids.length === 0) {
        t.check(after.element!.getChildElements().length === 0, 'an empty <blocklist/> once nothing is blocked', after.response);
      }
    },
  },
]);
