import { bare, defineCases, messageWithBody, sameJid } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0280 from '../requirements/xep-0280.js';
import { carbonOf, chat, forwarded, twoResources } from '../lib/carbons.js';

/** XEP-0280 v1.0.1 §8: sending messages. */
export default defineCases({ spec: 'xep-0280', role: 'server' }, [
  {
    id: 'XEP0280-8-1',
    cite: citationOf(xep0280, 'XEP0280-8-1'),
    requirement: 'A message one resource sends reaches each other carbons-enabled resource as a copy from the bare JID with <sent><forwarded> around the original, even when the sender did not enable carbons.',
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      // the sender has not enabled carbons: copies go out "irrespective" of that
      const [a1, a2] = await twoResources(t, accountA!, false);
      const c = await t.login(accountC!);
      const { stanza, body } = chat(c.jid!, 'from A1');
      a1.send(stanza);
      const copy = await a2.expect(carbonOf('sent', body));
      const original = forwarded(copy, 'sent')!;
      t.must(copy.attrs.from !== undefined && sameJid(copy.attrs.from, bare(a1.jid!)), `from='${bare(a1.jid!)}' (the bare JID) on the copy`, copy);
      t.should(sameJid(copy.attrs.to, a2.jid), `to='${a2.jid!}' (the receiving resource's full JID) on the copy`, copy);
      t.should((copy.attrs.type ?? 'normal') === 'chat', "type='chat' on the copy, as on the original", copy);
      t.must(sameJid(original.attrs.to, c.jid) && original.getChildText('body') === body, `the original message (to ${c.jid!}) forwarded in the copy`, copy);
    },
  },
  {
    id: 'XEP0280-8-2',
    cite: citationOf(xep0280, 'XEP0280-8-2'),
    requirement: 'A carbons-enabled resource gets no <sent/> copy of its own message.',
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const [a1] = await twoResources(t, accountA!, true);
      const c = await t.login(accountC!);
      const { stanza, body } = chat(c.jid!, 'from A1');
      a1.send(stanza);
      // once C has it, the server handled the message; A1's ping round trip then comes after any copy
      await t.nothingArrived(a1, carbonOf('sent', body), `<sent/> copy at ${a1.jid!}, which sent the message`, async () => {
        await c.expect(messageWithBody(body));
        await a1.sync();
      });
    },
  },
]);
