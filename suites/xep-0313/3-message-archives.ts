import { defineCases, sameJid, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { archivedAs, deliver } from './archive.js';

const OWN = 'urn:xmpp-certify:0';

/** XEP-0313 v1.1.0 §3: message archives. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-3-1',
    cite: citationOf(xep0313, 'XEP0313-3-1'),
    requirement: 'An archived message comes back with its body and its to, from, type and id as sent.',
    accounts: 2,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      const sent = await deliver(t, c, a, 'stored whole', { extra: [x('thread', {}, 'thread-1'), x('note', { xmlns: OWN }, 'an extension')] });
      const [found] = await archivedAs(t, a, [sent.body]);
      const m = found!.message!;
      t.must(sameJid(m.attrs.from, c.jid), `from='${c.jid!}' on the archived message`, m);
      t.must(sameJid(m.attrs.to, a.jid), `to='${a.jid!}' on the archived message`, m);
      t.must(m.attrs.type === 'chat', "type='chat' on the archived message", m);
      t.must(m.attrs.id === sent.id, `id='${sent.id}' on the archived message`, m);
      t.should(m.getChildText('thread') === 'thread-1' && m.getChild('note', OWN) !== undefined, 'the whole stanza stored: its <thread/> and an extension element too', m);
    },
  },
]);
