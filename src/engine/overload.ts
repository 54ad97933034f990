import type { TranscriptEntry } from '../evidence/transcript.js';

/**
 * Signs that a target was answering load rather than the case: what RFC 6120 lets a busy
 * server say (a stream error <internal-server-error/>, <resource-constraint/> or
 * <policy-violation/>, §4.9.3; SASL <temporary-auth-failure/>, §6.5.12; a stanza error of type
 * 'wait' or <resource-constraint/>, §8.3.3), a connection refused or reset, or an HTTP answer
 * that says "too many" (429, 503). Read from what a case received and how it ended, so that
 * every way a case meets the target is covered without the sessions knowing of it.
 */
export function overloadSign(outcome: { reason?: string; transcript: readonly TranscriptEntry[] }): string | undefined {
  for (const entry of outcome.transcript) {
    const sign = entry.direction === 'received' ? signInStanza(entry.data) : entry.direction === 'note' ? signInText(entry.data) : undefined;
    if (sign) return sign;
  }
  return outcome.reason ? signInText(outcome.reason) : undefined;
}

const STREAM_CONDITIONS = new Set(['internal-server-error', 'resource-constraint', 'policy-violation']);
const STANZA_CONDITIONS = new Set(['resource-constraint', 'policy-violation', 'internal-server-error']);

function signInStanza(data: string): string | undefined {
  const stream = /<([a-z-]+)[^>]*xmlns=["']urn:ietf:params:xml:ns:xmpp-streams["']/.exec(data)?.[1];
  if (stream && STREAM_CONDITIONS.has(stream)) return `stream error <${stream}/>`;
  if (/urn:ietf:params:xml:ns:xmpp-sasl/.test(data) && /<temporary-auth-failure\b/.test(data)) return 'SASL <temporary-auth-failure/>';
  if (!/<error\b/.test(data)) return undefined;
  if (/<error\b[^>]*\btype=["']wait["']/.test(data)) return 'a temporary stanza error (type=\'wait\')';
  const stanza = /<([a-z-]+)[^>]*xmlns=["']urn:ietf:params:xml:ns:xmpp-stanzas["']/.exec(data)?.[1];
  return stanza && STANZA_CONDITIONS.has(stanza) ? `stanza error <${stanza}/>` : undefined;
}

function signInText(text: string): string | undefined {
  const code = /\b(ECONNREFUSED|ECONNRESET|EPIPE)\b/.exec(text)?.[1];
  if (code) return `connection ${code === 'ECONNREFUSED' ? 'refused' : 'reset'} (${code})`;
  const http = /\bHTTP (429|503)\b/.exec(text)?.[1];
  return http ? `HTTP ${http}` : undefined;
}
