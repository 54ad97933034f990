/** What the XEP-0156 cases share: the domain's host-meta, fetched and read. */
import { type CaseContext, fetchHostMeta, type HostMetaLink, type HttpReply, jrdUrlOf, parseJrd, parseXrd, xmppLinks } from '../../src/authoring.js';

export interface HostMeta {
  url: string;
  reply: HttpReply;
  /** The XMPP links (urn:xmpp:alt-connections:*); undefined when the document is no XRD. */
  links?: HostMetaLink[];
  problem?: string;
}

/** The XRD host-meta of the domain and its XMPP links, as set-up: no answer at all is an ERROR. */
export function xrdHostMeta(t: CaseContext, headers: Record<string, string> = {}): Promise<HostMeta> {
  return t.setup(`fetch ${t.hostMetaUrl}`, async () => read(t.hostMetaUrl, await fetchHostMeta(t.hostMetaUrl, t.target.tls, t.stepMs, headers), parseXrd));
}

/** The JRD form (host-meta.json) beside it. */
export function jrdHostMeta(t: CaseContext, headers: Record<string, string> = {}): Promise<HostMeta> {
  const url = jrdUrlOf(t.hostMetaUrl);
  return t.setup(`fetch ${url}`, async () => read(url, await fetchHostMeta(url, t.target.tls, t.stepMs, headers), parseJrd));
}

function read(url: string, reply: HttpReply, parse: (text: string) => { links: HostMetaLink[] } | { problem: string }): HostMeta {
  if (reply.status !== 200) return { url, reply, problem: `HTTP ${reply.status}` };
  const parsed = parse(reply.body.toString('utf8'));
  return 'links' in parsed ? { url, reply, links: xmppLinks(parsed.links) } : { url, reply, problem: parsed.problem };
}

/** Links as a report line. */
export function listLinks(links: readonly HostMetaLink[]): string {
  return links.length ? links.map((l) => `${l.rel.replace('urn:xmpp:alt-connections:', '')} ${l.href}`).join(', ') : 'no XMPP link';
}
