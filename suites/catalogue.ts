import fs from 'node:fs';
import path from 'node:path';
import type { Citation, Role, SpecId } from '../src/authoring.js';

/** One row of the requirements catalogue: an ID, its keyword, and a role it binds. */
export interface CatalogueRow {
  id: string;
  keyword: string;
  role: Role;
  /** The catalogue file it is in (rfc6120.md, xep-0045.md, requirements/xep-0368.ts). */
  file: string;
}

/**
 * The rows of the requirements catalogue in `dir` (one Markdown table row per requirement:
 * | ID | Kw | Role | …, the role S, C or S/C). A row for both roles gives two rows.
 */
export function catalogueRows(dir: string): CatalogueRow[] {
  const rows: CatalogueRow[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const m = /^\|\s*((?:RFC|XEP)\d+-[\w.]+-\d+)\s*\|\s*([^|]*)\|\s*([SC](?:\/[SC])?)\s*\|/.exec(line);
      if (!m) continue;
      for (const letter of m[3]!.split('/')) rows.push({ id: m[1]!, keyword: m[2]!.trim(), role: letter === 'S' ? 'server' : 'client', file });
    }
  }
  return rows;
}

/**
 * What a requirement needs beyond one logged-in account (the flags of the 2007–2009 catalogue,
 * and those the newer specs bring):
 * - `2A` two accounts, or two resources of one, online at once;
 * - `MUC` a MUC service; `COMP` a component the user names (XEP-0114);
 * - `ADM` server-side configuration or admin rights; `DEST` state that cannot simply be rolled back;
 * - `RAW` byte-level control of the socket; `TLS` control or inspection of TLS (versions, ciphers, ALPN);
 * - `TIME` long waits or timers; `FED` a second domain (s2s), out of scope for now;
 * - `DRV` client tests only: the client must be driven to a user action;
 * - `OPT` an optional or conditional feature, applied only when advertised;
 * - `DNS` DNS lookups of the domain (SRV records); `HTTP` requests beside the stream (uploads,
 *   host-meta, WebSocket upgrade); `EXT` a service outside the server (push app server, TURN).
 */
export type Flag = '2A' | 'MUC' | 'COMP' | 'ADM' | 'DEST' | 'RAW' | 'TLS' | 'TIME' | 'FED' | 'DRV' | 'OPT' | 'DNS' | 'HTTP' | 'EXT';

/**
 * One requirement of the project's catalogue (suites/requirements/): where the text states it
 * (section, keyword and the sentence that carries it, word for word, in the version the file
 * names), and what it asks of whom. The citation part is what a case cites: `citationOf()`.
 * `doc` names another document where the spec makes that document's rules its own (RFC 7590
 * makes RFC 7525's): the row quotes it, and its section and ID follow that document.
 */
export interface Requirement extends Pick<Citation, 'section' | 'keyword' | 'quote' | 'anchor' | 'doc'> {
  /** `SPEC-SECTION-N`: the spec (RFC7590, XEP0368), the section in the file's version, a counter within it. */
  id: string;
  /** Whom it binds: the server (the tool as its clients) and/or the client (the tool as its server or peer). */
  roles: readonly Role[];
  /** One line, our words: what the target must do. */
  requirement: string;
  /** How a case can see it: what to send and what to observe. */
  sketch?: string;
  flags?: readonly Flag[];
}

/** The catalogue of one spec: its requirements as the version named states them. */
export interface SpecRequirements {
  spec: SpecId;
  /** A XEP's version the sections and quotes follow (the one the levels cite); RFCs have none. */
  version?: string;
  requirements: readonly Requirement[];
}

/** A spec's catalogue file: `export default requirementsOf({ spec, version }, [ … ])`. */
export function requirementsOf(of: { spec: SpecId; version?: string }, requirements: readonly Requirement[]): SpecRequirements {
  return { ...of, requirements };
}

/** The citation of a catalogue requirement, for a case that checks it as a whole: `cite: citationOf(rows, 'XEP0368-3-2')`. */
export function citationOf(of: SpecRequirements, id: string): Citation {
  const row = of.requirements.find((r) => r.id === id);
  if (!row) throw new Error(`${id} is not in the catalogue of ${of.spec}`);
  return { section: row.section, keyword: row.keyword, quote: row.quote, anchor: row.anchor, doc: row.doc };
}

/** The project catalogue as rows, one per role, like catalogueRows(): for the suite check and `npm run coverage`. */
export function requirementRows(catalogue: readonly SpecRequirements[]): CatalogueRow[] {
  return catalogue.flatMap((of) => of.requirements.flatMap((r) => r.roles.map((role) => ({
    id: r.id,
    keyword: (typeof r.keyword === 'string' ? [r.keyword] : r.keyword).join(' / '),
    role,
    file: `requirements/${of.spec}.ts`,
  }))));
}
