import http from 'node:http';
import https from 'node:https';
import { secureContextFor } from './tcp.js';
import type { TlsSettings } from './types.js';

/** An HTTP request beside the XMPP stream (an upload slot's PUT and GET, a preflight). */
export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The request got no HTTP answer: refused, reset, no trusted TLS, too slow, too large. */
export class HttpFailure extends Error {
  constructor(
    message: string,
    /** Node's error code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, …), when there was one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** A body larger than this is not read to the end: the requests here move a few kilobytes. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * One request on a connection of its own, over HTTPS with the run's TLS settings (the CAs of
 * --ca, --insecure-tls) as the BOSH transport uses them, and a deadline. Any status is an answer;
 * no answer at all is an HttpFailure.
 */
export function httpRequest(request: HttpRequest, options: { tls: TlsSettings; timeoutMs: number; signal?: AbortSignal }): Promise<HttpReply> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.reject(new HttpFailure(`not a URL: ${request.url}`));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return Promise.reject(new HttpFailure(`not an HTTP URL: ${request.url}`));
  const secure = url.protocol === 'https:';
  const transport = secure ? https : http;
  const tlsOptions = secure ? { secureContext: secureContextFor(options.tls), rejectUnauthorized: !options.tls.insecure } : {};
  const body = request.body ?? Buffer.alloc(0);
  const headers = { ...request.headers, ...(request.body !== undefined ? { 'Content-Length': String(body.length) } : {}) };
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method: request.method, headers, agent: false, timeout: options.timeoutMs, signal: options.signal, ...tlsOptions }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          req.destroy(new HttpFailure(`${request.method} ${request.url}: the body is larger than ${MAX_BODY_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', (err) => reject(failure(request, err)));
    });
    req.on('timeout', () => req.destroy(new HttpFailure(`${request.method} ${request.url}: no answer within ${options.timeoutMs} ms`)));
    req.on('error', (err) => reject(failure(request, err)));
    req.end(body);
  });
}

function failure(request: HttpRequest, err: Error): HttpFailure {
  if (err instanceof HttpFailure) return err;
  const code = (err as NodeJS.ErrnoException).code;
  return new HttpFailure(`${request.method} ${request.url}: ${code ? `${code} (${err.message})` : err.message}`, code);
}
