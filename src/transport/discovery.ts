import type { SrvRecord } from 'node:dns';
import dns from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import { SaxesParser } from 'saxes';
import { ConnectFailed, TargetSilent, TlsHandshakeFailed } from '../session/errors.js';
import { httpRequest, type HttpReply } from './http.js';
import { secureContextFor, tlsInfoOf } from './tcp.js';
import type { Endpoint, TlsInfo, TlsSettings } from './types.js';

/**
 * Where a domain says its other connection methods are: the links of its host-meta (XEP-0156)
 * and its _xmpps-client SRV records (XEP-0368).
 */

/** The link relations of XEP-0156 §2.1. */
export const ALT_CONNECTIONS = { websocket: 'urn:xmpp:alt-connections:websocket', bosh: 'urn:xmpp:alt-connections:xbosh' } as const;

export interface HostMetaLink {
  rel: string;
  href: string;
}

/** Where host-meta is unless the user says otherwise (RFC 6415 §2, XEP-0156 §2). */
export function defaultHostMetaUrl(domain: string): string {
  return `https://${domain}/.well-known/host-meta`;
}

/** The JSON form beside an XRD host-meta URL (RFC 6415 §6: host-meta.json). */
export function jrdUrlOf(hostMetaUrl: string): string {
  const url = new URL(hostMetaUrl);
  url.pathname = `${url.pathname.replace(/\/$/, '')}.json`;
  return url.href;
}

/** The Link elements of an XRD document (RFC 6415 §3), or why it is not one. */
export function parseXrd(text: string): { links: HostMetaLink[] } | { problem: string } {
  const links: HostMetaLink[] = [];
  let root: string | undefined;
  let depth = 0;
  let problem: string | undefined;
  const sax = new SaxesParser({ xmlns: true });
  sax.on('error', (err) => (problem ??= err.message));
  sax.on('doctype', () => (problem ??= 'a document type declaration'));
  sax.on('opentag', (tag) => {
    depth++;
    if (depth === 1) root = `{${tag.uri}}${tag.local}`;
    if (depth === 2 && tag.local === 'Link' && tag.uri === XRD_NS) {
      const attr = (name: string): string | undefined => tag.attributes[name]?.value;
      const rel = attr('rel');
      const href = attr('href');
      if (rel && href) links.push({ rel, href });
    }
  });
  sax.on('closetag', () => depth--);
  try {
    sax.write(text).close();
  } catch (err) {
    problem ??= (err as Error).message;
  }
  if (problem) return { problem: `not well-formed XML: ${problem}` };
  if (root !== `{${XRD_NS}}XRD`) return { problem: `the root element is ${root ?? 'missing'}, not an XRD (${XRD_NS})` };
  return { links };
}

const XRD_NS = 'http://docs.oasis-open.org/ns/xri/xrd-1.0';

/** The links of a JRD document (RFC 6415 Appendix A), or why it is not one. */
export function parseJrd(text: string): { links: HostMetaLink[] } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { problem: `not JSON: ${(err as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'not a JSON object' };
  const links = (value as { links?: unknown }).links;
  if (links === undefined) return { links: [] };
  if (!Array.isArray(links)) return { problem: "'links' is not an array" };
  return {
    links: links.flatMap((l: unknown) => {
      const { rel, href } = (typeof l === 'object' && l !== null ? l : {}) as { rel?: unknown; href?: unknown };
      return typeof rel === 'string' && typeof href === 'string' ? [{ rel, href }] : [];
    }),
  };
}

/** The XMPP links (urn:xmpp:alt-connections:*) among `links`. */
export function xmppLinks(links: HostMetaLink[]): HostMetaLink[] {
  return links.filter((l) => l.rel.startsWith('urn:xmpp:alt-connections:'));
}

/** Fetches host-meta over HTTPS with the run's trust; the answer as it came. */
export function fetchHostMeta(url: string, tls: TlsSettings, timeoutMs: number, headers: Record<string, string> = {}): Promise<HttpReply> {
  return httpRequest({ method: 'GET', url, headers }, { tls, timeoutMs });
}

/** The first WebSocket endpoint the domain's XRD host-meta names, or why there is none. */
export async function discoverWebSocket(hostMetaUrl: string, tls: TlsSettings, timeoutMs: number): Promise<{ url: string } | { none: string }> {
  let reply: HttpReply;
  try {
    reply = await fetchHostMeta(hostMetaUrl, tls, timeoutMs);
  } catch (err) {
    return { none: (err as Error).message };
  }
  if (reply.status !== 200) return { none: `HTTP ${reply.status}` };
  const parsed = parseXrd(reply.body.toString('utf8'));
  if ('problem' in parsed) return { none: parsed.problem };
  const href = parsed.links.find((l) => l.rel === ALT_CONNECTIONS.websocket)?.href;
  return href ? { url: href } : { none: 'no urn:xmpp:alt-connections:websocket link' };
}

/** Whether `domain` can have DNS records of its own: not an address, not a loopback or single-label name. */
export function isDnsDomain(domain: string): boolean {
  return net.isIP(domain) === 0 && domain.includes('.') && !/(^|\.)(localhost|local|test|invalid|example)$/i.test(domain);
}

/**
 * The direct TLS endpoints of the domain's _xmpps-client._tcp SRV records (XEP-0368 §3), in
 * the order RFC 2782 gives them (lowest priority first, heavier weight first within one); none
 * when the domain has no such record or says "not here" with the target '.'.
 */
export async function directTlsSrv(domain: string, resolveSrv: (name: string) => Promise<SrvRecord[]> = (n) => dns.resolveSrv(n)): Promise<Endpoint[]> {
  const records = await resolveSrv(`_xmpps-client._tcp.${domain}`).catch(() => []);
  return records
    .filter((r) => r.name !== '' && r.name !== '.')
    .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
    .map((r) => ({ host: r.name.replace(/\.$/, ''), port: r.port }));
}

/** What a TLS handshake with a linked endpoint showed (XEP-0156 §2.2: secure delegation). */
export interface EndpointTls {
  info: TlsInfo;
  /** For which name the certificate verified: the URL's host, else the XMPP domain; undefined: neither. */
  validFor?: 'host' | 'domain';
}

/**
 * A TLS handshake with the host of an https:// or wss:// URL, SNI that host, the certificate
 * judged with the run's trust for that host and, failing that, for `domain`. Rejects when no
 * handshake completes.
 */
export function endpointTls(url: string, domain: string, settings: TlsSettings, timeoutMs: number): Promise<EndpointTls> {
  const { hostname, port, protocol } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    let connected = false;
    let settled = false;
    const socket = tls.connect({
      host, port: Number(port) || (protocol === 'http:' || protocol === 'ws:' ? 80 : 443),
      servername: net.isIP(host) ? undefined : host, secureContext: secureContextFor(settings), rejectUnauthorized: false, ALPNProtocols: ['http/1.1'],
    });
    const done = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    const timer = setTimeout(() => done(() => reject(new TargetSilent(`no TLS handshake with ${host}:${port} within ${timeoutMs} ms`))), timeoutMs);
    socket.once('connect', () => (connected = true));
    socket.on('error', (err: NodeJS.ErrnoException) => done(() => reject(connected ? new TlsHandshakeFailed(err.message, err.code) : new ConnectFailed(`cannot connect to ${host}:${port}: ${err.code ?? err.message}`))));
    socket.once('secureConnect', () => {
      // read before done() destroys the socket, which takes its certificate with it
      const info = tlsInfoOf(socket);
      // Node judged the chain and the host name together; a name mismatch alone leaves the domain to try
      const chainVerified = socket.authorized || String(socket.authorizationError) === 'ERR_TLS_CERT_ALTNAME_INVALID';
      const forDomain = chainVerified && tls.checkServerIdentity(domain, socket.getPeerCertificate()) === undefined;
      done(() => resolve({ info, validFor: socket.authorized ? 'host' : forDomain ? 'domain' : undefined }));
    });
  });
}
