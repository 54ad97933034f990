import { defineCases } from '../../../src/engine/case.js';
import { sameIn } from '../../../src/catalogue/citation.js';
import { presence } from '../../../src/session/match.js';
import { NS } from '../../../src/xml/namespaces.js';
import { capsVer } from '../../lib/caps.js';
import { clientDisco, clientPresence, isBroadcast } from '../../lib/client.js';

/** XEP-0115 §4–9, client side: the caps a client announces, and the disco#info they hash. */
export default defineCases({ spec: 'xep-0115', role: 'client' }, [
  {
    id: 'XEP0115-4-1',
    cite: sameIn(['1.2', '1.3', '1.4', '1.5'], { section: '4, 9.3', keyword: 'REQUIRED', quote: '' }),
    requirement: "Presence carries <c xmlns='http://jabber.org/protocol/caps'/> with hash, node and ver.",
    async run(t) {
      const c = clientPresence(t).getChild('c', NS.caps);
      t.check(c !== undefined, 'a <c/> caps element in the presence', clientPresence(t));
      t.check(Boolean(c?.attrs.hash && c.attrs.node && c.attrs.ver), "the attributes 'hash', 'node' and 'ver'", c);
    },
  },
  {
    id: 'XEP0115-4-2',
    cite: sameIn(['1.2', '1.3', '1.4', '1.5'], { section: '4', keyword: 'RECOMMENDED', quote: '' }),
    requirement: "'node' is a URI naming the software (typically its home page).",
    async run(t) {
      const node = clientPresence(t).getChild('c', NS.caps)?.attrs.node;
      if (!node) return t.skip('no caps node in the presence', 'not-applicable');
      t.check(URL.canParse(node), `'${node}' parses as a URI`, node);
    },
  },
  {
    id: 'XEP0115-9.1-1',
    cite: sameIn(['1.2', '1.3', '1.4', '1.5'], { section: '9.1', keyword: 'MUST', quote: '' }),
    requirement: "SHA-1 is supported: the caps use hash='sha-1'.",
    async run(t) {
      const c = clientPresence(t).getChild('c', NS.caps);
      if (!c) return t.skip('no caps in the presence', 'not-applicable');
      t.check(c.attrs.hash === 'sha-1', "hash='sha-1'", c);
    },
  },
  {
    id: 'XEP0115-6.2-1',
    cite: sameIn(['1.2', '1.3', '1.4', '1.5'], { section: '6.2, XEP-0030 3.2', keyword: 'MUST', quote: '' }),
    requirement: "The client answers disco#info for 'node#ver' with a result that echoes that node.",
    async run(t) {
      const c = clientPresence(t).getChild('c', NS.caps);
      if (!c?.attrs.node || !c.attrs.ver) return t.skip('no caps node and ver in the presence', 'not-applicable');
      const node = `${c.attrs.node}#${c.attrs.ver}`;
      const info = await clientDisco(t, node);
      t.check(info.ok, `a disco#info result for ${node}`, info.response);
      t.check(info.response.getChild('query', NS.discoInfo)?.attrs.node === node, `node='${node}' echoed`, info.response);
    },
  },
  {
    id: 'XEP0115-5.1-1',
    cite: sameIn(['1.2', '1.3', '1.4', '1.5'], { section: '5.1', keyword: 'MUST', quote: '' }),
    requirement: "'ver' is the base64 SHA-1 of the verification string built from the client's own disco#info (identities, features, XEP-0128 forms).",
    async run(t) {
      const c = clientPresence(t).getChild('c', NS.caps);
      if (!c?.attrs.ver || c.attrs.hash !== 'sha-1') return t.skip('no sha-1 caps in the presence', 'not-applicable');
      const info = await clientDisco(t, c.attrs.node ? `${c.attrs.node}#${c.attrs.ver}` : undefined);
      if (!info.ok) {
        t.check(false, 'a disco#info result to hash', info.response);
        return;
      }
      const computed = capsVer(info.identities, info.features, info.forms);
      t.note(`ver announced ${c.attrs.ver}; computed from disco#info ${computed}`);
      t.check(computed === c.attrs.ver, `ver '${c.attrs.ver}' equal to the hash of the disco#info result`, `computed '${computed}'`);
    },
  },
  {
    id: 'XEP0115-7-1',
    cite: sameIn(['1.2', '1.3', '1.4', '1.5'], { section: '7', keyword: 'MUST', quote: '' }),
    requirement: 'The client lists http://jabber.org/protocol/caps among its disco features.',
    async run(t) {
      const info = await clientDisco(t);
      t.check(info.features.includes(NS.caps), `the feature ${NS.caps}`, info.features.join(' '));
    },
  },
  {
    id: 'XEP0115-6.1-1',
    cite: sameIn(['1.2', '1.3', '1.4', '1.5'], { section: '6.1', keyword: 'SHOULD', quote: '' }),
    requirement: 'Caps go on every presence broadcast, not only the first.',
    async run(t) {
      const status = 'Away for a while';
      const sent = await t.act({ kind: 'change-status', show: 'away', status }, presence({ where: (el) => isBroadcast(t, el) && el.getChildText('show') === 'away' }, 'a presence broadcast with <show>away</show>'));
      t.check(sent.getChild('c', NS.caps) !== undefined, 'caps on the changed presence too', sent);
    },
  },
]);
