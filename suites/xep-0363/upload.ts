import crypto from 'node:crypto';
import { type CaseContext, describe, type Element, HttpFailure, type HttpReply, type HttpRequest, httpRequest, iq, type Session, token, ToolError, x } from '../../src/authoring.js';
import { type DiscoInfo, discoInfo, discoItems } from '../lib/disco.js';
import { type Slot, slotOf, UPLOAD_NS } from './slot.js';

/**
 * The upload service and the HTTP side of its slots, for the XEP-0363 cases: the service found
 * by disco (the server itself or an item of its disco#items, v1.1.0 §3), slot requests (§4),
 * and PUT and GET requests recorded in the case transcript.
 */

export interface UploadService {
  jid: string;
  /** "server localhost", "component upload.localhost": the entity the report names. */
  entity: string;
  info: DiscoInfo;
}

/** The server itself if its disco#info lists the feature, else the first of its disco#items that does. */
export async function findUploadService(s: Session, domain: string): Promise<{ service?: UploadService; asked: number }> {
  const own = await discoInfo(s, domain);
  if (own.features.includes(UPLOAD_NS)) return { service: { jid: domain, entity: `server ${domain}`, info: own }, asked: 1 };
  const items = await discoItems(s, domain);
  const jids = [...new Set(items.items.filter((i) => i.node === undefined && i.jid).map((i) => i.jid))];
  for (const jid of jids) {
    const info = await discoInfo(s, jid);
    if (info.features.includes(UPLOAD_NS)) return { service: { jid, entity: `component ${jid}`, info }, asked: jids.length + 1 };
  }
  return { asked: jids.length + 1 };
}

/** A slot request (v1.1.0 §4): an IQ get with <request filename size [content-type]/>. */
export function slotRequest(service: string, filename: string, size: number, contentType?: string): Element {
  return iq('get', { to: service }, x('request', { xmlns: UPLOAD_NS, filename, size: String(size), 'content-type': contentType }));
}

/** The upload service the probe found. */
export function serviceOf(t: CaseContext): string {
  return t.requireFact('service');
}

/** A file name no earlier run used. */
export function freshName(extension = 'bin'): string {
  return `certify-${token(4)}.${extension}`;
}

/**
 * Asks for a slot as a preparation step: the probe showed that slots are given, so a refusal
 * here leaves the case without a verdict (ERROR naming the step).
 */
export async function slotFor(t: CaseContext, s: Session, filename: string, size: number, contentType?: string): Promise<Slot> {
  return t.setup(`get a slot for ${filename} (${size} bytes)`, async () => {
    const response = await s.iq(slotRequest(serviceOf(t), filename, size, contentType));
    const slot = slotOf(response);
    if (!slot) throw new Error(`the service answered ${describe(response, 300)}`);
    return slot;
  });
}

/** What an HTTP request got: an answer, or why there was none. */
export type HttpOutcome = { reply: HttpReply; failure?: undefined } | { reply?: undefined; failure: HttpFailure };

/** Sends one HTTP request and records it and its answer in the case transcript (body sizes, not bodies). */
export async function http(t: CaseContext, request: HttpRequest, label = 'http'): Promise<HttpOutcome> {
  const sent = Object.entries(request.headers ?? {}).map(([k, v]) => `${k}: ${v}`);
  t.transcript.record(label, 'sent', `${request.method} ${request.url}${sent.length ? ` (${sent.join('; ')})` : ''}${request.body ? ` [${request.body.length} bytes]` : ''}`);
  try {
    const reply = await httpRequest(request, { tls: t.target.tls, timeoutMs: t.stepMs, signal: t.stepSignal });
    const headers = Object.entries(reply.headers).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v ?? ''}`);
    t.transcript.record(label, 'received', `HTTP ${reply.status} (${headers.join('; ')}) [${reply.body.length} bytes]`);
    return { reply };
  } catch (err) {
    if (!(err instanceof HttpFailure)) throw err;
    t.transcript.record(label, 'note', `no answer: ${err.message}`);
    // a host the tool cannot reach from where it runs is no verdict on the service
    if (err.code && UNREACHABLE.includes(err.code)) throw new ToolError(`cannot reach the host of ${request.url} from here: ${err.message}`);
    return { failure: err };
  }
}

/** Connection errors that say nothing of the HTTP service: no route to it, or its name does not resolve here. */
const UNREACHABLE = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/** "HTTP 201", or why there was no answer: for findings. */
export function said(outcome: HttpOutcome): string {
  return outcome.reply ? `HTTP ${outcome.reply.status}` : `no answer (${outcome.failure.message})`;
}

export const succeeded = (outcome: HttpOutcome): boolean => outcome.reply !== undefined && outcome.reply.status >= 200 && outcome.reply.status <= 299;

export function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}
