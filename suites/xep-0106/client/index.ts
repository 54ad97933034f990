import { defineCases, type Suite } from '../../../src/engine/case.js';
import { match } from '../../../src/session/match.js';
import { bare, token } from '../../../src/session/stanza.js';
import { featureProbe, newContact } from '../../lib/client.js';

const FEATURE = 'jid\\20escaping';

/** XEP-0106 JID Escaping for clients: a client that advertises escaping escapes what its user types. */
export const xep0106Client: Suite = {
  spec: 'xep-0106',
  role: 'client',
  probe: featureProbe(FEATURE, 'JID escaping'),
  cases: defineCases({ spec: 'xep-0106', role: 'client' }, [
    {
      id: 'XEP0106-4.1-1',
      cite: { section: '4.1, 3.2', keyword: 'MUST NOT', quote: '' },
      requirement: "A character disallowed in a localpart is never sent unescaped: the contact d'artagnan becomes d\\27artagnan.",
      async run(t) {
        const local = `d'artagnan${token(1)}`;
        const escaped = local.replace("'", '\\27');
        const typed = newContact(t, local);
        const request = await t.act({ kind: 'add-contact', jid: typed }, match(`a request about ${typed}`, (el) => {
          const jids = [el.attrs.to, ...el.getChildElements().flatMap((q) => q.getChildren('item').map((i) => i.attrs.jid))].filter(Boolean).map((j) => bare(j as string));
          return jids.some((j) => j.startsWith('d') && j.includes('artagnan'));
        }));
        const sent = request.toString();
        t.check(!sent.includes(local), `no unescaped '${local}' on the wire`, sent);
        t.check(sent.includes(escaped), `the escaped form ${escaped}@${t.domain}`, sent);
      },
    },
  ]),
};
