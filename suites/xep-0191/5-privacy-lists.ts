import { bare, defineCases, type Element, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { Blocks, strangerJid } from '../lib/blocking.js';
import { accepted, getList, listNames, privacyAbsent } from '../lib/privacy.js';
import { messageArrives } from '../lib/traffic.js';

const isBlockItem = (jid: string) => (i: Element): boolean =>
  i.attrs.type === 'jid' && i.attrs.action === 'deny' && (i.attrs.value as string | undefined)?.toLowerCase() === jid.toLowerCase();

/** XEP-0191 §5 (v1.1 §3): relationship to privacy lists. */
export default defineCases({ spec: 'xep-0191', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0191-5-1',
    cite: {
      '1.1': {
        section: '3',
        keyword: ['MUST', 'SHOULD'],
        quote: 'If a service deploys both privacy lists and simple communications blocking, the service MUST use the same back-end data store for both protocols. … A service SHOULD map the blocklist to the default privacy list, where each blocked JID is represented as a privacy list item of type "jid" and action "deny".',
        anchor: 'privacy',
      },
      '1.3': {
        section: '5',
        keyword: ['MUST', 'SHOULD'],
        anchor: 'privacy',
        quote: 'If a service deploys both privacy lists and the blocking command, the service MUST use the same back-end data store for both protocols. … When implementing both XEP-0191 and XEP-0016, a service SHOULD map the blocklist to the default privacy list, where each blocked JID is represented as a privacy list item of type "jid" and action "deny". … The priority of blocked (jid+deny) items in the privacy list SHOULD be such that they come first in the privacy list.',
      },
    },
    requirement: 'A server with privacy lists too keeps blocks in the same store (must): a blocked JID is a jid/deny item of the default list (should), placed first (should).',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const names = await listNames(s);
      if (privacyAbsent(names.response)) t.skip('the server has no privacy lists (XEP-0016): there is no second store to share');
      await t.setup('read the privacy lists', async () => accepted(names.response));
      const blocks = await Blocks.of(t, s);
      const jid = strangerJid(t);
      await blocks.blockNow([jid]);
      const after = await listNames(s);
      const holding: { name: string; items: Element[] }[] = [];
      for (const name of after.lists) {
        const list = await getList(s, name);
        if (list.items.some(isBlockItem(jid))) holding.push({ name, items: list.items });
      }
      t.must(holding.length > 0, `a privacy list with <item type='jid' value='${jid}' action='deny'/> after blocking ${jid}`,
        `lists: ${after.lists.join(', ') || '(none)'}; none holds it`);
      const inDefault = holding.find((l) => l.name === after.default);
      t.should(inDefault !== undefined, `the item in the default list (${after.default ?? 'none set'})`, `found in ${holding.map((l) => l.name).join(', ')}`);
      const list = inDefault ?? holding[0]!;
      const order = (i: Element): number => Number(i.attrs.order);
      const blockOrder = order(list.items.find(isBlockItem(jid))!);
      const before = list.items.filter((i) => order(i) < blockOrder && !(i.attrs.type === 'jid' && i.attrs.action === 'deny'));
      t.should(before.length === 0, `the jid/deny item before every other kind of item in ${list.name}`, before[0]);
    },
  },
  {
    id: 'XEP0191-5-2',
    cite: {
      '1.1': {
        absent: "v1.1 as published (2007-02-15) has no such rule: the footnote to §3 \"An implementation MUST NOT block communications from one of a user's resources to another …\" came with an edit of 2007-03-01 that kept the number (published in v1.2, 2012)",
      },
      '1.3': {
        section: '5',
        keyword: 'MUST NOT',
        anchor: 'privacy',
        quote: "An implementation MUST NOT block communications from one of a user's resources to another, even if the user happens to define a rule that would otherwise result in that behavior.",
      },
    },
    requirement: "Blocking never cuts traffic between the user's own resources: when the server accepts a block of the user's own JID, messages still pass between its resources.",
    accounts: 1,
    async run(t) {
      const [account] = t.accounts;
      const a1 = await t.login(account!);
      const a2 = await t.login(account!);
      const blocks = await Blocks.of(t, a1);
      blocks.track(a2);
      const response = await blocks.block(a1, [bare(a1.jid!)]);
      if (response.attrs.type !== 'result') {
        // nothing blocks the resources, so there is no traffic to judge
        return t.skip(`the server refuses to block the user's own JID: ${response.toString().slice(0, 300)}`);
      }
      t.outcome("the server accepts blocking the user's own JID");
      t.check(await messageArrives(a2, a1) !== undefined, `a message from ${a2.jid} reaches ${a1.jid} after A blocked its own JID`, 'it was not delivered');
      t.check(await messageArrives(a1, a2) !== undefined, `a message from ${a1.jid} reaches ${a2.jid}`, 'it was not delivered');
    },
  },
]);
