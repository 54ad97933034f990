import { bare, defineCases, describe, token } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { carbonOf, carbonsIq, chat, forwarded } from '../lib/carbons.js';
import { say } from '../xep-0045/room.js';
import { archivedAs, archivedRoom, deliver, stanzaIdBy } from './archive.js';

/** XEP-0313 v1.1.0 §3.5: communicating the archive ID. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-3.5-1',
    cite: citationOf(xep0313, 'XEP0313-3.5-1'),
    requirement: "A message archived in the recipient's archive reaches the recipient with <stanza-id by='its bare JID' id=…/>, and the id is the message's UID in the archive.",
    accounts: 2,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      const sent = await deliver(t, c, a, 'archived');
      const archive = bare(a.jid!);
      const sid = stanzaIdBy(sent.received, archive);
      if (!t.check(sid !== undefined && Boolean(sid.attrs.id), `<stanza-id by='${archive}' id=…/> on the message as ${a.jid!} received it`, sent.received)) return;
      const [found] = await archivedAs(t, a, [sent.body]);
      t.check(found!.id === sid!.attrs.id, `the archive's UID for the message is the stanza-id '${sid!.attrs.id as string}'`, `result id='${found!.id ?? ''}'`);
    },
  },
  {
    id: 'XEP0313-3.5-2',
    cite: citationOf(xep0313, 'XEP0313-3.5-2'),
    requirement: "A groupchat message a room archives reaches the occupants with <stanza-id by='the room's bare JID'/>, whose id is the message's UID in the room's archive.",
    accounts: 1,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      const room = await archivedRoom(t, a);
      const body = `in the room ${token(3)}`;
      const reflection = await say(a, room.jid, body);
      const sid = stanzaIdBy(reflection, room.jid);
      if (!t.check(sid !== undefined && Boolean(sid.attrs.id), `<stanza-id by='${room.jid}' id=…/> on the groupchat message`, reflection)) return;
      const [found] = await archivedAs(t, a, [body], { to: room.jid });
      t.check(found!.id === sid!.attrs.id, `the room archive's UID for the message is the stanza-id '${sid!.attrs.id as string}'`, `result id='${found!.id ?? ''}'`);
    },
  },
  {
    id: 'XEP0313-3.5-3',
    cite: citationOf(xep0313, 'XEP0313-3.5-3'),
    requirement: "A message A sends to C reaches C without a <stanza-id/> naming A's archive.",
    accounts: 2,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      const sent = await deliver(t, a, c, 'outgoing');
      const leaked = stanzaIdBy(sent.received, bare(a.jid!));
      t.check(leaked === undefined, `no <stanza-id by='${bare(a.jid!)}'/> (the sender's archive) on the message ${c.jid!} received`, sent.received);
    },
  },
  {
    id: 'XEP0313-3.5-4',
    cite: citationOf(xep0313, 'XEP0313-3.5-4'),
    requirement: "A carbon copy of an archived message carries the <stanza-id by='the account'/> inside the forwarded message.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a1 = await t.login(accountA!, { presence: true });
      const a2 = await t.login(accountA!, { presence: true });
      const enabled = await a2.iq(carbonsIq('enable'));
      if (enabled.attrs.type !== 'result') return t.skip(`no carbons to copy messages with (XEP-0280): ${describe(enabled, 200)}`);
      const c = await t.login(accountC!);
      const { stanza, body } = chat(a1.jid!, 'copied');
      c.send(stanza);
      const copy = await t.setup(`have ${a2.jid} receive a carbon copy`, () => a2.expect(carbonOf('received', body)));
      const archive = bare(a1.jid!);
      t.check(stanzaIdBy(forwarded(copy, 'received')!, archive) !== undefined, `<stanza-id by='${archive}'/> on the message forwarded in the carbon copy`, copy);
    },
  },
]);
