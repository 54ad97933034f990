import { defaultHostMetaUrl, directTlsSrv, discoverWebSocket, isDnsDomain } from '../transport/discovery.js';
import type { TransportEndpoints } from '../transport/openers.js';
import type { TlsSettings } from '../transport/types.js';
import { TRANSPORT_KINDS, type TransportKind } from '../vocabulary.js';
import { UsageError } from './parse.js';
import type { TargetSettings } from './targets.js';

/** The endpoints of a target beside its XMPP port: given on the command line, or discovered. */
export interface Endpoints extends TransportEndpoints {
  /** Where the domain's host-meta is (XEP-0156). */
  hostMetaUrl: string;
}

/**
 * The target's endpoints: those given, and for a transport the run may use (its level names the
 * spec, or --transport names the kind) but the user did not give, what the domain publishes: the
 * WebSocket link of its host-meta (XEP-0156) and its _xmpps-client SRV record (XEP-0368), asked
 * only of a domain that can have DNS records. Each discovery is said on stderr.
 */
export async function resolveEndpoints(target: TargetSettings, wanted: (kind: TransportKind) => boolean, tls: TlsSettings, timeoutMs: number, say: (line: string) => void): Promise<Endpoints> {
  const hostMetaUrl = target.hostMetaUrl ?? defaultHostMetaUrl(target.domain);
  let websocketUrl = target.websocketUrl;
  if (!websocketUrl && wanted('websocket')) {
    const found = await discoverWebSocket(hostMetaUrl, tls, timeoutMs);
    websocketUrl = 'url' in found ? found.url : undefined;
    say('url' in found
      ? `WebSocket endpoint ${found.url}, from the host-meta at ${hostMetaUrl} (XEP-0156)`
      : `no WebSocket endpoint: none given (--websocket-url), and the host-meta at ${hostMetaUrl} names none (${found.none})`);
  }
  let directTls = target.directTls;
  if (!directTls && wanted('directtls')) {
    const srv = `_xmpps-client._tcp.${target.domain}`;
    directTls = isDnsDomain(target.domain) ? (await directTlsSrv(target.domain))[0] : undefined;
    say(directTls
      ? `direct TLS endpoint ${directTls.host}:${directTls.port}, from the ${srv} SRV record (XEP-0368)`
      : `no direct TLS endpoint: none given (--direct-tls), and ${isDnsDomain(target.domain) ? `no ${srv} SRV record` : `${target.domain} has no DNS records to ask`}`);
  }
  return { boshUrl: target.boshUrl, websocketUrl, directTls, hostMetaUrl };
}

/**
 * Which transports cases run over. "auto": TCP; BOSH too when a BOSH URL is known and the level
 * names XEP-0206; zlib too when the level names XEP-0138; WebSocket when an endpoint is known and
 * the level names RFC 7395; direct TLS when one is known and it names XEP-0368. Stanza-level
 * cases then run once per transport, and the matrix shows which (a transport the target turns
 * out not to offer is dropped after the spec probes).
 */
export function chooseTransports(choice: string, endpoints: TransportEndpoints, levelSpecs: Set<string>): TransportKind[] {
  if (choice === 'auto') {
    const kinds: TransportKind[] = ['tcp'];
    if (endpoints.boshUrl && levelSpecs.has('xep-0206')) kinds.push('bosh');
    if (levelSpecs.has('xep-0138')) kinds.push('zlib');
    if (endpoints.websocketUrl && levelSpecs.has('rfc7395')) kinds.push('websocket');
    if (endpoints.directTls && levelSpecs.has('xep-0368')) kinds.push('directtls');
    return kinds;
  }
  const kinds = explicitTransports(choice);
  if (kinds.includes('bosh') && !endpoints.boshUrl) throw new UsageError('--transport bosh needs --bosh-url URL');
  if (kinds.includes('websocket') && !endpoints.websocketUrl) throw new UsageError('--transport websocket needs --websocket-url URL (or a WebSocket link in the domain\'s host-meta)');
  if (kinds.includes('directtls') && !endpoints.directTls) throw new UsageError('--transport directtls needs --direct-tls HOST:PORT (or an _xmpps-client SRV record of the domain)');
  return kinds;
}

/** The kinds of an explicit --transport list (not "auto"). */
export function explicitTransports(choice: string): TransportKind[] {
  const kinds = choice.split(',').map((k) => k.trim());
  for (const k of kinds) if (!(TRANSPORT_KINDS as readonly string[]).includes(k)) throw new UsageError(`--transport: unknown transport "${k}" (a list of ${TRANSPORT_KINDS.join(', ')}; or auto)`);
  return kinds as TransportKind[];
}
