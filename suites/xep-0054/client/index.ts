import { defineCases, type Suite } from '../../../src/engine/case.js';
import { sameIn } from '../../../src/catalogue/citation.js';
import { iqStanza } from '../../../src/session/match.js';
import { bare, token } from '../../../src/session/stanza.js';
import { NS } from '../../../src/xml/namespaces.js';

/** XEP-0054 vcard-temp for clients: the vCard a client publishes. */
export const xep0054Client: Suite = {
  spec: 'xep-0054',
  role: 'client',
  cases: defineCases({ spec: 'xep-0054', role: 'client' }, [
    {
      id: 'XEP0054-8-2',
      cite: sameIn(['1.1', '1.2'], { section: '8', keyword: 'MUST', quote: '' }),
      requirement: "A vCard the client publishes goes to its own account (no 'to', or its bare JID) and uses the upper-case element names of the DTD.",
      async run(t) {
        const nick = `Certify${token(2)}`;
        const set = await t.act({ kind: 'set-nickname-vcard', nick }, iqStanza({ type: 'set', child: NS.vcard }, 'a vCard set'));
        t.check(!set.attrs.to || bare(set.attrs.to).toLowerCase() === bare(t.client.jid).toLowerCase(), "no 'to', or the user's own bare JID", set);
        const vcard = set.getChild('vCard', NS.vcard);
        t.check(vcard !== undefined, `<vCard xmlns='${NS.vcard}'/> (that element name exactly)`, set);
        const names = vcard?.getChildElements().map((c) => c.getName()) ?? [];
        t.check(names.every((n) => n === n.toUpperCase()), 'upper-case element names (NICKNAME, FN, …)', names.join(', '));
        t.check(vcard?.getChildText('NICKNAME') === nick, `<NICKNAME>${nick}</NICKNAME>`, set);
      },
    },
  ]),
};
