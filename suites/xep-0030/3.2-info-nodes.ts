import { defineCases, describe, NS, sameJid, STANZA_TRANSPORTS } from '../../src/authoring.js';
import { discoInfo, discoItems } from '../lib/disco.js';
import { NODE_MIRROR } from './node-mirror.js';

/** A node every XEP-0050 server knows; used when the server lists no nodes of its own. */
const COMMANDS_NODE = 'http://jabber.org/protocol/commands';

/** XEP-0030 §3.2: disco#info to a JID+node. */
export default defineCases({ spec: 'xep-0030', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0030-3.2-1',
    cite: NODE_MIRROR,
    requirement: "A disco#info result for a request with a node carries the same 'node' (a must in v2.5rc3, a should in v2.4; not in v2.3 as published, so for information there; not applicable when every node asked gets an error).",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      // nodes the server itself lists are the ones most likely to give a result
      const items = await discoItems(s, t.domain);
      const listed = items.items.filter((i) => sameJid(i.jid, t.domain) && i.node).map((i) => i.node!);
      const nodes = [...new Set([...listed.slice(0, 3), COMMANDS_NODE])];
      let results = 0;
      for (const node of nodes) {
        const info = await discoInfo(s, t.domain, node);
        if (!info.ok) {
          t.note(`server ${t.domain} node '${node}': an error: ${describe(info.response.getChild('error'))}`);
          continue;
        }
        results++;
        const echoed = info.response.getChild('query', NS.discoInfo)?.attrs.node as string | undefined;
        t.check(echoed === node, `node='${node}' on the result from server ${t.domain}`, echoed === undefined ? 'no node attribute' : `node='${echoed}'`);
      }
      if (!results) return t.skip(`every node query to ${t.domain} (${nodes.join(', ')}) was answered with an error: no result to inspect`);
      t.outcome(`${results} of ${nodes.length} node queries to ${t.domain} gave a result, each echoing its node`);
    },
  },
]);
