import { defineCases, NS, sameIn, stanzaError } from '../../../src/authoring.js';
import { clientDisco } from '../../lib/client.js';
import { discoItems } from '../../lib/disco.js';
import { NODE_MIRROR } from '../node-mirror.js';

/** XEP-0030 §3, §4, §7, client side: what the client answers about itself. */
export default defineCases({ spec: 'xep-0030', role: 'client' }, [
  {
    id: 'XEP0030-3.1-5',
    cite: sameIn(['2.3', '2.4'], {
      section: '3.1',
      keyword: 'MUST',
      quote: 'The target entity then MUST either return an IQ result, or return an error (see the Error Conditions section of this document).',
      anchor: 'info-basic',
    }),
    requirement: 'The client answers disco#info sent to its full JID with a result (or an error), never silence.',
    async run(t) {
      const info = await clientDisco(t);
      if (info.response.attrs.type === 'error') t.expectError(info.response, []);
      t.outcome(info.ok ? 'a result' : `an error <${stanzaError(info.response)?.condition ?? '?'}/>`);
    },
  },
  {
    id: 'XEP0030-3.1-6',
    cite: sameIn(['2.3', '2.4'], {
      section: '3.1',
      keyword: 'MUST',
      quote: "(Note: Every entity MUST have at least one identity, and every entity MUST support at least the 'http://jabber.org/protocol/disco#info' feature; however, an entity is not required to return a result and MAY return an error, …)",
      anchor: 'info-basic',
    }),
    requirement: "The client's disco#info result has an identity and lists the disco#info feature (the identity's category is recorded).",
    async run(t) {
      const info = await clientDisco(t);
      if (!info.ok) return t.skip(`the client answers disco#info with an error <${stanzaError(info.response)?.condition ?? '?'}/>`, 'not-applicable');
      t.check(info.identities.length > 0, 'at least one <identity/>', info.response);
      t.check(info.features.includes(NS.discoInfo), `the feature ${NS.discoInfo}`, info.features.join(' '));
      // the registry's category for a client; no keyword requires it
      t.outcome(`identities: ${info.identities.map((i) => `${i.category}/${i.type}`).join(', ')}${info.identities.some((i) => i.category === 'client') ? '' : " (none of category 'client')"}`);
    },
  },
  {
    id: 'XEP0030-3.2-2',
    cite: NODE_MIRROR,
    requirement: "A disco#info result for a request with a node (the caps node#ver of the client's presence, when it has one) echoes the 'node' (a should in v2.4; not in v2.3 as published, so for information there; not applicable when the client answers with an error).",
    async run(t) {
      // a node the client knows, where it has one: the caps node#ver its presence announces (XEP-0115)
      const caps = t.client.presence?.getChild('c', NS.caps);
      const node = caps?.attrs.node && caps.attrs.ver ? `${caps.attrs.node}#${caps.attrs.ver}` : 'urn:xmpp:certify:node:0';
      const info = await clientDisco(t, node);
      const q = info.response.getChild('query', NS.discoInfo);
      if (!info.ok) {
        if (info.response.attrs.type === 'error') t.expectError(info.response, []);
        return t.skip(`the client answered disco#info for the node ${node} with an error <${stanzaError(info.response)?.condition ?? '?'}/>: no result to inspect`);
      }
      t.check(q?.attrs.node === node, `node='${node}' on the result`, info.response);
    },
  },
  {
    id: 'XEP0030-7-2',
    cite: sameIn(['2.3', '2.4'], {
      section: '7',
      keyword: 'MUST',
      quote: 'As noted above, if an entity has no associated items, it MUST return an empty <query/> element (rather than an error) in response to a disco#items request.',
      anchor: 'errors',
    }),
    requirement: 'disco#items to the client returns a result; an empty query when it has no items.',
    async run(t) {
      const items = await discoItems(t.client, t.client.jid);
      t.check(items.ok, 'a disco#items result', items.response);
      t.outcome(`${items.items.length} item(s)`);
    },
  },
]);
