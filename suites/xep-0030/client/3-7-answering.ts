import { defineCases } from '../../../src/engine/case.js';
import { sameIn } from '../../../src/catalogue/citation.js';
import { stanzaError } from '../../../src/session/stanza.js';
import { NS } from '../../../src/xml/namespaces.js';
import { clientDisco } from '../../lib/client.js';
import { discoItems } from '../../lib/disco.js';

/** XEP-0030 §3, §4, §7, client side: what the client answers about itself. */
export default defineCases({ spec: 'xep-0030', role: 'client' }, [
  {
    id: 'XEP0030-3.1-5',
    cite: sameIn(['2.3', '2.4'], { section: '3.1', keyword: 'MUST', quote: '' }),
    requirement: 'The client answers disco#info sent to its full JID with a result (or an error), never silence.',
    async run(t) {
      const info = await clientDisco(t);
      t.outcome(info.ok ? 'a result' : `an error <${stanzaError(info.response)?.condition ?? '?'}/>`);
    },
  },
  {
    id: 'XEP0030-3.1-6',
    cite: sameIn(['2.3', '2.4'], { section: '3.1', keyword: 'MUST', quote: '' }),
    requirement: "The client's disco#info result has an identity (category 'client' expected) and lists the disco#info feature.",
    async run(t) {
      const info = await clientDisco(t);
      if (!info.ok) return t.skip(`the client answers disco#info with an error <${stanzaError(info.response)?.condition ?? '?'}/>`, 'not-applicable');
      t.check(info.identities.length > 0, 'at least one <identity/>', info.response);
      t.check(info.identities.some((i) => i.category === 'client'), "an identity of category 'client'", info.identities.map((i) => `${i.category}/${i.type}`).join(', '));
      t.check(info.features.includes(NS.discoInfo), `the feature ${NS.discoInfo}`, info.features.join(' '));
    },
  },
  {
    id: 'XEP0030-3.2-2',
    cite: sameIn(['2.3', '2.4'], { section: '3.2', keyword: 'MUST', quote: '' }),
    requirement: "A disco#info request to a node gets an answer that echoes the 'node' (a result, or an error).",
    async run(t) {
      const node = 'urn:xmpp:certify:node:0';
      const info = await clientDisco(t, node);
      const q = info.response.getChild('query', NS.discoInfo);
      if (!info.ok) return t.outcome(`an error <${stanzaError(info.response)?.condition ?? '?'}/> for an unknown node`);
      t.check(q?.attrs.node === node, `node='${node}' on the result`, info.response);
    },
  },
  {
    id: 'XEP0030-7-2',
    cite: sameIn(['2.3', '2.4'], { section: '4.1, 7', keyword: 'MUST', quote: '' }),
    requirement: 'disco#items to the client returns a result; an empty query when it has no items.',
    async run(t) {
      const items = await discoItems(t.client, t.client.jid);
      t.check(items.ok, 'a disco#items result', items.response);
      t.outcome(`${items.items.length} item(s)`);
    },
  },
]);
