/**
 * Removes secrets from anything the tool writes: transcripts, reports, logs and error messages.
 *
 * Two layers, so that neither alone has to be perfect:
 * - structural: the payloads of SASL elements (auth, response, challenge, success) and the
 *   contents of <password/> and <digest/> are replaced wholesale, whatever they contain;
 * - literal: every secret the run knows (account passwords, room passwords) is replaced wherever
 *   it appears, as plain text, XML-escaped, and in base64 at each of the three byte alignments.
 */
export const REDACTED = '[redacted]';

const SASL_PAYLOAD = /<((?:[\w.-]+:)?(?:auth|response|challenge|success))(\s[^>]*)?>([^<]+)<\/\1>/g;
const SECRET_ELEMENT = /<((?:[\w.-]+:)?(?:password|digest))(\s[^>]*)?>([^<]+)<\/\1>/g;

export class Redactor {
  private readonly literals = new Set<string>();
  /** All literals in one pattern, longest first; rebuilt when a secret is added. */
  private pattern?: RegExp;

  addSecret(secret: string): void {
    if (secret.length < 3) return; // too short to search for without mangling ordinary text
    for (const form of secretForms(secret)) this.literals.add(form);
    this.pattern = undefined;
  }

  redact(text: string): string {
    const out = text
      .replace(SASL_PAYLOAD, (_m, name: string, attrs: string | undefined) => `<${name}${attrs ?? ''}>${REDACTED}</${name}>`)
      .replace(SECRET_ELEMENT, (_m, name: string, attrs: string | undefined) => `<${name}${attrs ?? ''}>${REDACTED}</${name}>`);
    if (this.literals.size === 0) return out;
    // one pass over the text whatever the number of secrets (a run may register thousands)
    this.pattern ??= new RegExp([...this.literals].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
    return out.replace(this.pattern, REDACTED);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms in which a secret can show up in XML text. */
function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret, escapeForXml(secret)]);
  const bytes = Buffer.from(secret, 'utf8');
  // A secret embedded in a longer base64 string shows up as one of three encodings, depending
  // on its offset modulo 3; keep only the characters that do not depend on its neighbours.
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    const start = pad === 0 ? 0 : pad === 1 ? 2 : 3;
    const usable = Math.floor(((pad + bytes.length) / 3)) * 4;
    const core = encoded.slice(start, usable);
    if (core.length >= 4) forms.add(core);
  }
  return [...forms];
}

function escapeForXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}
