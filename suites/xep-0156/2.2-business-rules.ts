import { ALT_CONNECTIONS, defineCases, endpointTls, type HostMetaLink, messageWithBody, type Session, token, type TransportKind, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import rows from '../requirements/xep-0156.js';
import { jrdHostMeta, listLinks, xrdHostMeta } from './host-meta.js';

/** The transport a link names, if the tool speaks it. */
function kindOf(link: HostMetaLink): TransportKind | undefined {
  return link.rel === ALT_CONNECTIONS.websocket ? 'websocket' : link.rel === ALT_CONNECTIONS.bosh ? 'bosh' : undefined;
}

const linkKey = (l: HostMetaLink): string => `${l.rel} ${l.href}`;

/** XEP-0156 v1.4.0 §2.2: the business rules of the HTTP lookup method. */
export default defineCases({ spec: 'xep-0156', role: 'server' }, [
  {
    id: 'XEP0156-2.2-1',
    cite: citationOf(rows, 'XEP0156-2.2-1'),
    requirement: 'The host-meta is served over HTTPS and names only https:// and wss:// connection URLs.',
    async run(t) {
      const meta = await xrdHostMeta(t);
      t.must(meta.url.startsWith('https://') && meta.reply.status === 200, `the host-meta over HTTPS at ${meta.url}`, `HTTP ${meta.reply.status}`);
      const links = meta.links ?? [];
      t.note(listLinks(links));
      const plain = links.filter((l) => !/^(https|wss):\/\//.test(l.href));
      t.must(plain.length === 0, 'only https:// and wss:// connection URLs', listLinks(plain));
    },
  },
  {
    id: 'XEP0156-2.2-2',
    cite: citationOf(rows, 'XEP0156-2.2-2'),
    requirement: "Each named endpoint presents, for SNI naming the URL's host, a certificate valid for that host or for the domain.",
    async run(t) {
      if (t.target.tls.insecure) return t.skip('the run does not validate certificates (--insecure-tls)', 'not-run');
      const links = ((await xrdHostMeta(t)).links ?? []).filter((l) => /^(https|wss):\/\//.test(l.href));
      if (links.length === 0) return t.skip('the host-meta names no https:// or wss:// endpoint', 'not-applicable');
      for (const link of links) {
        const handshake = await t.setup(`a TLS handshake with ${link.href}`, () => endpointTls(link.href, t.domain, t.target.tls, t.stepMs));
        t.note(`${link.href}: ${handshake.info.protocol}, certificate ${handshake.validFor ? `valid for the ${handshake.validFor === 'host' ? "URL's host" : `domain ${t.domain}`}` : `not valid (${handshake.info.authorizationError ?? '?'})`}`);
        t.check(handshake.validFor !== undefined, `a certificate of ${link.href} valid for its host or for ${t.domain}`, handshake.info.authorizationError ?? 'not valid');
      }
    },
  },
  {
    id: 'XEP0156-2.2-3',
    cite: citationOf(rows, 'XEP0156-2.2-3'),
    requirement: 'The host-meta XRD names the connection methods, each of which carries a login; host-meta.json names the same links.',
    accounts: 2,
    async run(t) {
      const xrd = await xrdHostMeta(t);
      t.must(xrd.links !== undefined && xrd.links.length > 0, 'an XRD with urn:xmpp:alt-connections links', xrd.problem ?? 'no XMPP link');
      const links = xrd.links ?? [];
      // each method named must be what it says it is: an XMPP login over it, and a message through it
      const [a, b] = t.accounts;
      const other = await t.login(b!, { transport: 'tcp' });
      for (const link of links) {
        const kind = kindOf(link);
        if (!kind) {
          t.note(`${link.rel} (${link.href}): a relation the tool does not speak`);
          continue;
        }
        // the account logs in over TCP (the other one did): a login that fails here fails at the link
        let s: Session;
        try {
          s = await t.login(a!, { transport: kind, at: link.href });
        } catch (err) {
          t.must(false, `an XMPP login over ${link.href}`, (err as Error).message);
          continue;
        }
        const body = `via ${kind} ${token()}`;
        s.send(x('message', { to: other.jid, type: 'chat' }, x('body', {}, body)));
        await other.expect(messageWithBody(body, { from: s.jid }));
        t.note(`${link.href}: logged in as ${s.jid}, and a message went through`);
        await s.close();
      }
      const jrd = await jrdHostMeta(t);
      const same = jrd.links !== undefined && new Set(jrd.links.map(linkKey)).size === new Set(links.map(linkKey)).size && links.every((l) => jrd.links!.some((j) => linkKey(j) === linkKey(l)));
      t.should(jrd.links !== undefined, `a JRD at ${jrd.url}`, jrd.problem ?? '');
      if (jrd.links) t.should(same, `the same XMPP links in the JRD: ${listLinks(links)}`, listLinks(jrd.links));
    },
  },
]);
