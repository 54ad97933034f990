/**
 * CORS as a browser applies it (the Fetch standard's CORS check and CORS-preflight fetch): what
 * a web client of another origin needs from the upload service's answers before it may PUT a
 * file and read it back (XEP-0363 v1.1.0 §7: "the upload service SHOULD set appropriate
 * CORS-Headers"). Each function lists what would make the browser refuse, empty when nothing would.
 */

type Headers = Record<string, string | string[] | undefined>;

/** What a page would ask for: its origin, the method and the request headers it sets. */
export interface CorsAsk {
  origin: string;
  method: string;
  /** Header names the request sets that are not CORS-safelisted (they go in Access-Control-Request-Headers). */
  headers: string[];
}

const single = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);

/**
 * The CORS check of an answer (request without credentials): Access-Control-Allow-Origin must
 * be '*' or the page's origin, exactly once.
 */
export function corsCheck(headers: Headers, origin: string): string[] {
  const allow = single(headers, 'access-control-allow-origin');
  if (allow === undefined) return ['no Access-Control-Allow-Origin'];
  if (allow.trim() !== '*' && allow.trim() !== origin) return [`Access-Control-Allow-Origin is '${allow}', neither '*' nor '${origin}'`];
  return [];
}

/**
 * The answer to a preflight (OPTIONS with Access-Control-Request-Method and -Headers): an ok
 * status, the CORS check, the method among Access-Control-Allow-Methods (or '*'), and each asked
 * header among Access-Control-Allow-Headers ('*' covers every header but Authorization).
 */
export function preflightProblems(status: number, headers: Headers, ask: CorsAsk): string[] {
  const problems: string[] = [];
  if (status < 200 || status > 299) problems.push(`status ${status}, not an ok status (200–299)`);
  problems.push(...corsCheck(headers, ask.origin));
  const methods = list(single(headers, 'access-control-allow-methods')).map((m) => m.toUpperCase());
  if (!methods.includes(ask.method.toUpperCase()) && !methods.includes('*')) {
    problems.push(`${ask.method} not among Access-Control-Allow-Methods (${methods.join(', ') || 'none'})`);
  }
  const allowed = list(single(headers, 'access-control-allow-headers')).map((h) => h.toLowerCase());
  for (const name of ask.headers.map((h) => h.toLowerCase())) {
    const covered = allowed.includes(name) || (allowed.includes('*') && name !== 'authorization');
    if (!covered) problems.push(`${name} not among Access-Control-Allow-Headers (${allowed.join(', ') || 'none'})`);
  }
  return problems;
}
