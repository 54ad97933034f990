/**
 * Everything a suite is written with, from one place: suites/ imports from this module only, so
 * that a case reads the same in every file and the engine can move its rooms without touching
 * the knowledge of the specs. See docs/writing-suites.md.
 */

// cases and their citations
export { defineCases, STANZA_TRANSPORTS, type CaseDefinition, type Suite, type SupportFinding } from './engine/case.js';
export { renumbered, sameIn, type CaseCitation, type Citation, type CitedText } from './catalogue/citation.js';
export type { Baseline, SpecId } from './catalogue/specs.js';
export type { CaseContext } from './engine/context.js';
export type { Role } from './catalogue/levels.js';
export { Skip, ToolError } from './engine/errors.js';
export type { Account, Strength, TransportKind } from './vocabulary.js';
export { parseAccount } from './engine/accounts.js';
export type { LoginRecord } from './engine/client-link.js';

// sessions and what they carry
export { DEFAULT_PERSONA, ExpectationError, isStreamHeader, SaslFailure, Session, type Persona, type StanzaCount } from './session/session.js';
export { anyOf, iqStanza, match, message, messageWithBody, presence, streamError, type Match } from './session/match.js';
export { bare, iq, malformedError, newId, query, resourceOf, sameJid, stanzaError, streamErrorCondition, token, type StanzaError } from './session/stanza.js';
export { chooseMechanism, createExchange, type MechanismName, type SaslCredentials } from './session/sasl/index.js';
export { describe, Element, x } from './xml/element.js';
export { NS } from './xml/namespaces.js';

// transports, for cases that work them directly
export { BoshHttp, BoshTransport, bodyTag, HttpTimeout, parseBody, qualifiedStanza, type HttpAnswer, type ParsedBody } from './transport/bosh.js';
export { openingTag, TcpTransport, type TlsInfo, type TlsOverrides } from './transport/tcp.js';
export { HttpFailure, httpRequest, type HttpReply, type HttpRequest } from './transport/http.js';
export type { StreamOpen } from './transport/types.js';
export { FRAMING_NS, WebSocketRefused, WebSocketTransport, type ReceivedMessage } from './transport/websocket.js';
export { XMPP_CLIENT_ALPN } from './transport/tcp.js';
export { ALT_CONNECTIONS, endpointTls, fetchHostMeta, jrdUrlOf, parseJrd, parseXrd, xmppLinks, type HostMetaLink } from './transport/discovery.js';
export { ConnectFailed, TargetSilent, TlsHandshakeFailed } from './session/errors.js';

// the world a client under test logs into (listen mode)
export { worldFor } from './host/world.js';
