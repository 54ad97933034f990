import type { TlsInfo, TlsOverrides, TlsSettings } from '../../transport/types.js';
import { describe, x } from '../../xml/element.js';
import { NS } from '../../xml/namespaces.js';
import { ToolError } from '../errors.js';
import { match } from '../match.js';
import { TransportCannot, type NegotiatingStream } from './stream.js';

/** STARTTLS (RFC 6120 §5.4): asks, upgrades after <proceed/>, and restarts the stream. */
export async function negotiateStartTls(s: NegotiatingStream, settings: TlsSettings, timeoutMs: number, overrides?: TlsOverrides): Promise<TlsInfo> {
  s.send(x('starttls', { xmlns: NS.tls }));
  const answer = await s.expect(match('<proceed/> or <failure/> in the TLS namespace', (el) => el.getNS() === NS.tls));
  if (answer.getName() !== 'proceed') throw new ToolError(`the server refused STARTTLS: ${describe(answer)}`);
  const info = await handshakeTls(s, settings, timeoutMs, overrides);
  await s.open();
  return info;
}

/** The TLS handshake itself, after <proceed/> (RFC 6120 §5.4.3.3), without the stream restart. */
export async function handshakeTls(s: NegotiatingStream, settings: TlsSettings, timeoutMs: number, overrides?: TlsOverrides): Promise<TlsInfo> {
  if (!s.transport.startTls) throw new TransportCannot('TLS', s.transport);
  const info = await s.transport.startTls(s.domain, settings, timeoutMs, overrides);
  s.note(`TLS ${info.protocol} ${info.cipher}; certificate ${info.authorized ? 'verified' : `not verified (${info.authorizationError ?? 'insecure mode'})`}`);
  return info;
}
