import { bare, defineCases, messageWithBody, sameJid } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0280 from '../requirements/xep-0280.js';
import { anyCarbonOf, carbonOf, chat, forwarded, twoResources } from '../lib/carbons.js';
import { markerFrom } from '../lib/presence.js';

/** XEP-0280 v1.0.1 §7: receiving messages. */
export default defineCases({ spec: 'xep-0280', role: 'server' }, [
  {
    id: 'XEP0280-7-1',
    cite: citationOf(xep0280, 'XEP0280-7-1'),
    requirement: "A message to one resource reaches each other carbons-enabled resource as a copy from the bare JID, to that resource's full JID, with <received><forwarded> around the original, of the original's type.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const [a1, a2] = await twoResources(t, accountA!, true);
      const c = await t.login(accountC!);
      const { stanza, body } = chat(a1.jid!, 'to A1');
      c.send(stanza);
      await t.setup(`have ${a1.jid} receive the message`, () => a1.expect(messageWithBody(body)));
      const copy = await a2.expect(carbonOf('received', body));
      const original = forwarded(copy, 'received')!;
      t.must(copy.attrs.from !== undefined && sameJid(copy.attrs.from, bare(a1.jid!)), `from='${bare(a1.jid!)}' (the bare JID) on the copy`, copy);
      t.must(sameJid(copy.attrs.to, a2.jid), `to='${a2.jid!}' (the receiving resource's full JID) on the copy`, copy);
      t.should((copy.attrs.type ?? 'normal') === 'chat', "type='chat' on the copy, as on the original", copy);
      t.must(sameJid(original.attrs.from, c.jid) && sameJid(original.attrs.to, a1.jid), `the original message (from ${c.jid!}, to ${a1.jid!}) forwarded in the copy`, copy);
    },
  },
  {
    id: 'XEP0280-7-2',
    cite: citationOf(xep0280, 'XEP0280-7-2'),
    requirement: 'The resource a message was addressed to gets the message itself and no carbon copy of it.',
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const [a1] = await twoResources(t, accountA!, true);
      const c = await t.login(accountC!);
      const { stanza, body } = chat(a1.jid!, 'to A1');
      c.send(stanza);
      await t.setup(`have ${a1.jid} receive the message`, () => a1.expect(messageWithBody(body)));
      await t.nothingArrived(a1, anyCarbonOf(body), `carbon copy of the message at ${a1.jid!}, which it was addressed to`, () => markerFrom(t, c, a1));
    },
  },
]);
