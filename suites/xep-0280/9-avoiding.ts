import { defineCases, type Element, messageWithBody, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0280 from '../requirements/xep-0280.js';
import { anyCarbonOf, CARBONS, carbonOf, chat, HINTS, twoResources } from '../lib/carbons.js';

/** The two children that keep a message from being copied (§9). */
function privateHints(): Element[] {
  return [x('private', { xmlns: CARBONS }), x('no-copy', { xmlns: HINTS })];
}

/** XEP-0280 v1.0.1 §9: avoiding carbons for a single message. */
export default defineCases({ spec: 'xep-0280', role: 'server' }, [
  {
    id: 'XEP0280-9-1',
    cite: citationOf(xep0280, 'XEP0280-9-1'),
    requirement: "A message sent with <private xmlns='urn:xmpp:carbons:2'/> and <no-copy xmlns='urn:xmpp:hints'/> is not copied to the sender's other resources.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const [a1, a2] = await twoResources(t, accountA!, false);
      const c = await t.login(accountC!);
      const secret = chat(c.jid!, 'private from A1', ...privateHints());
      const plain = chat(c.jid!, 'ordinary from A1');
      a1.send(secret.stanza);
      a1.send(plain.stanza);
      await t.setup(`have ${c.jid} receive the private message`, () => c.expect(messageWithBody(secret.body)));
      // the copies of one sender's messages go out in order: the second's copy comes after any of the first
      await t.nothingArrived(a2, anyCarbonOf(secret.body), `carbon copy of the private message at ${a2.jid!}`, () => a2.expect(carbonOf('sent', plain.body)));
    },
  },
  {
    id: 'XEP0280-9-2',
    cite: citationOf(xep0280, 'XEP0280-9-2'),
    requirement: "A private message (with <private/> and <no-copy/>) to one resource is not copied to the recipient's other resources.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const [a1, a2] = await twoResources(t, accountA!, true);
      const c = await t.login(accountC!);
      const secret = chat(a1.jid!, 'private to A1', ...privateHints());
      const plain = chat(a1.jid!, 'ordinary to A1');
      c.send(secret.stanza);
      c.send(plain.stanza);
      await t.setup(`have ${a1.jid} receive the private message`, () => a1.expect(messageWithBody(secret.body)));
      await t.nothingArrived(a2, anyCarbonOf(secret.body), `carbon copy of the private message at ${a2.jid!}`, () => a2.expect(carbonOf('received', plain.body)));
    },
  },
]);
