import type { TransportKind } from '../vocabulary.js';
import { BoshTransport } from './bosh.js';
import { directTlsConnector, type TcpOptions } from './tcp.js';
import type { Endpoint, TlsSettings, Transport, TransportHandlers } from './types.js';
import { webSocketConnector } from './websocket.js';

/** What opens one connection of a transport, for Session.connect. */
export type Opener = (handlers: TransportHandlers) => Promise<Transport>;

/** The endpoints of a target beside its XMPP port. */
export interface TransportEndpoints {
  boshUrl?: string;
  websocketUrl?: string;
  directTls?: Endpoint;
}

/** What the openers need to know of the run: the domain (the direct TLS server name), trust, limits. */
export interface OpenerSettings {
  domain: string;
  tls: TlsSettings;
  limits: TcpOptions & { stepMs: number };
}

/**
 * How long the connection manager may hold our waiting request. Short, because a manager that
 * holds more requests than 'hold' (XEP-0124 §8 says it should not) leaves a stanza we send
 * unprocessed until the held request returns; with a short wait that costs a second, not a
 * step deadline.
 */
const BOSH_WAIT_SECONDS = 2;

export function boshOpener(url: string, { tls, limits }: OpenerSettings): Opener {
  return async (handlers) => new BoshTransport({ url, tls, waitSeconds: BOSH_WAIT_SECONDS, stepMs: limits.stepMs, maxElementChars: limits.maxElementChars }, handlers);
}

export function webSocketOpener(url: string, { tls, limits }: OpenerSettings): Opener {
  return webSocketConnector({ url, tls, connectTimeoutMs: limits.connectTimeoutMs, maxElementChars: limits.maxElementChars });
}

/** What opens each transport other than plain TCP that the target has an endpoint for. */
export function transportOpeners(endpoints: TransportEndpoints, settings: OpenerSettings): Partial<Record<TransportKind, Opener>> {
  const openers: Partial<Record<TransportKind, Opener>> = {};
  if (endpoints.boshUrl) openers.bosh = boshOpener(endpoints.boshUrl, settings);
  if (endpoints.websocketUrl) openers.websocket = webSocketOpener(endpoints.websocketUrl, settings);
  if (endpoints.directTls) openers.directtls = directTlsConnector(endpoints.directTls, settings.domain, settings.tls, settings.limits);
  return openers;
}
