import { specInfo, type Baseline, type SpecId } from './specs.js';

/**
 * Where a requirement is written. A case carries, for every text it can be judged by, the
 * section of that text, its RFC 2119 keyword and the sentence that carries it, word for word:
 * a verdict cites what the target broke, not our paraphrase of it.
 */

/** The RFC 2119 words (RFC 2119 §1–§5). */
export const KEYWORDS = ['MUST', 'MUST NOT', 'REQUIRED', 'SHALL', 'SHALL NOT', 'SHOULD', 'SHOULD NOT', 'RECOMMENDED', 'NOT RECOMMENDED', 'MAY', 'OPTIONAL'] as const;
export type Keyword = (typeof KEYWORDS)[number];

/** How strongly a miss counts: from the RFC 2119 keyword of the sentence a check judges. */
export type Strength = 'must' | 'should' | 'may';

export function keywordStrength(keyword: Keyword): Strength {
  switch (keyword) {
    case 'MUST': case 'MUST NOT': case 'REQUIRED': case 'SHALL': case 'SHALL NOT': return 'must';
    case 'SHOULD': case 'SHOULD NOT': case 'RECOMMENDED': case 'NOT RECOMMENDED': return 'should';
    case 'MAY': case 'OPTIONAL': return 'may';
  }
}

/** The sentence of one text that a case checks. */
export interface Citation {
  /** The section in that text (RFC 3920 numbering under --core 3920, the XEP version's own numbering); an appendix as "A.3.2". */
  section: string;
  /**
   * The keyword of the quoted sentence. A compound sentence ("MUST close the stream with an
   * error, which SHOULD be X") gives its parts in order; the case judges each part at its own
   * strength (t.must / t.should), and the strongest is the case's.
   */
  keyword: Keyword | readonly Keyword[];
  /** The sentence, word for word; "…" marks words left out. */
  quote: string;
  /**
   * The document, when it is not the spec's own text at the version the level cites: RFC 6122
   * for addressing under RFC 6120, RFC 6120 for a rule a XEP relies on without restating it.
   */
  doc?: string;
  /** With `doc`, for a XEP: the version quoted. */
  version?: string;
  /** The section's anchor in the document's HTML, where sections have names (XEPs). */
  anchor?: string;
  /** What a later text changed (keyword or behaviour): shown beside the verdict. */
  changed?: string;
}

/** The text has no such requirement: the case does not apply when a run is judged by it. */
export interface NotInText {
  /** Why, in a few words ("RFC 3920 says restricted XML MUST be ignored; see RFC6120-11.1-2"). */
  absent: string;
  /**
   * A later text that states it. The case then still runs, for information: a miss at most
   * warns, and the report cites the later text as such.
   */
  later?: Citation & { doc: string; version?: string };
}

export type CiteEntry = Citation | NotInText;

/**
 * A case's citations: one entry per text it can be judged by. The RFC cases key them by
 * baseline ('3920', '6120'); a XEP whose levels cite several versions keys them by version
 * ('1.22', '1.24'); a XEP that every level cites at one version gives that entry alone.
 */
export type CaseCitation = CiteEntry | Readonly<Record<string, CiteEntry>>;

/** The same entry for several texts that say the same thing: sameIn(['1.22', '1.24'], { … }). */
export function sameIn(keys: readonly string[], entry: CiteEntry): Record<string, CiteEntry> {
  return Object.fromEntries(keys.map((k) => [k, entry]));
}

/**
 * One sentence that later versions kept word for word under another section number (or anchor):
 * renumbered({ '1.24': '7.1.3', '1.34.5': '7.2.2' }, { keyword, quote, anchor }), a version's
 * own anchor as { section, anchor }.
 */
export function renumbered(sections: Readonly<Record<string, string | { section: string; anchor: string }>>, entry: Omit<Citation, 'section'>): Record<string, Citation> {
  return Object.fromEntries(Object.entries(sections).map(([key, at]) => [key, typeof at === 'string' ? { ...entry, section: at } : { ...entry, ...at }]));
}

export function isEntry(cite: CaseCitation): cite is CiteEntry {
  return 'quote' in cite || 'absent' in cite;
}

export function isAbsent(entry: CiteEntry): entry is NotInText {
  return 'absent' in entry;
}

/** A citation as a run judges by it, with the document named and linked: what reports show. */
export interface CitedText {
  /** "RFC 3920", "XEP-0045". */
  doc: string;
  /** A XEP's version ("1.24"); RFCs have none. */
  version?: string;
  section: string;
  /** "MUST", or the parts of a compound sentence: "MUST + SHOULD". */
  keyword: string;
  quote?: string;
  url: string;
  changed?: string;
  /** Set when the text the level cites has no such requirement: why. */
  absent?: string;
  /** The quote is from a later text than the level cites (see NotInText.later): a miss at most warns. */
  later?: boolean;
}

/** Which entry of a case's citations a run uses: by baseline for the RFCs, by version for a XEP. */
export function entryKey(spec: SpecId, baseline: Baseline, version: string | undefined): string {
  return spec === 'xmpp-core' || spec === 'xmpp-im' ? baseline : version ?? '';
}

/** The entry of `cite` for `key`; undefined when the case has none for that text. */
export function entryFor(cite: CaseCitation, key: string): CiteEntry | undefined {
  return isEntry(cite) ? cite : cite[key];
}

/** Renders the entry a run judges by: the document named, the section linked. */
export function citedText(spec: SpecId, entry: CiteEntry, baseline: Baseline, version: string | undefined): CitedText {
  const own = { doc: specInfo(spec).name(baseline), version };
  if (isAbsent(entry)) {
    if (!entry.later) return { ...own, section: '', keyword: '', url: documentUrl(own.doc, own.version), absent: entry.absent };
    return { ...render(entry.later, own), absent: entry.absent, later: true };
  }
  return render(entry, own);
}

function render(c: Citation, own: { doc: string; version?: string }): CitedText {
  const doc = c.doc ?? own.doc;
  const version = c.doc ? c.version : own.version;
  return {
    doc,
    version,
    section: c.section,
    keyword: keywordsOf(c).join(' + '),
    quote: c.quote,
    url: sectionUrl(doc, version, c.section, c.anchor),
    changed: c.changed,
  };
}

export function keywordsOf(c: Pick<Citation, 'keyword'>): readonly Keyword[] {
  return typeof c.keyword === 'string' ? [c.keyword] : c.keyword;
}

/** The strength of a citation: its strongest keyword; a later text's requirement at most warns. */
export function citationStrength(entry: CiteEntry): Strength | undefined {
  const c = isAbsent(entry) ? entry.later : entry;
  if (!c) return undefined;
  const strengths = keywordsOf(c).map(keywordStrength);
  const strongest: Strength = strengths.includes('must') ? 'must' : strengths.includes('should') ? 'should' : 'may';
  return isAbsent(entry) && strongest === 'must' ? 'should' : strongest;
}

/** "RFC 3920 §11.1", "XEP-0045 v1.24 §7.2.2". */
export function citationLabel(c: Pick<CitedText, 'doc' | 'version' | 'section'>): string {
  return `${c.doc}${c.version ? ` v${c.version}` : ''}${c.section ? ` §${c.section}` : ''}`;
}

/** The document, at the version when one is named (the XSF keeps old XEP versions in its attic). */
export function documentUrl(doc: string, version: string | undefined): string {
  const rfc = /^RFC (\d+)$/.exec(doc);
  if (rfc) return `https://www.rfc-editor.org/rfc/rfc${rfc[1]}`;
  const xep = /^XEP-(\d{4})$/.exec(doc);
  if (xep) return version ? `https://xmpp.org/extensions/attic/xep-${xep[1]}-${version}.html` : `https://xmpp.org/extensions/xep-${xep[1]}.html`;
  return '';
}

/** A link to the section: RFC anchors by number; XEP sections by their anchor name, when known. */
function sectionUrl(doc: string, version: string | undefined, section: string, anchor: string | undefined): string {
  const base = documentUrl(doc, version);
  if (doc.startsWith('RFC ') && section) return `${base}#${/^[A-Z]/.test(section) ? 'appendix' : 'section'}-${section.split(/[ ,]/)[0]}`;
  return anchor ? `${base}#${anchor}` : base;
}

/** "RFC 3920 §11.1 MUST: “…”", or why the cited text has no such rule. */
export function citationLine(c: CitedText | undefined): string {
  if (!c) return 'no citation for this text';
  if (c.absent !== undefined && !c.later) return `not in ${citationLabel(c)}: ${c.absent}`;
  const later = c.later ? ` (not in the text the level cites: ${c.absent}; a later text says)` : '';
  return `${citationLabel(c)} ${c.keyword}${later}: “${c.quote}”${c.changed ? ` [later: ${c.changed}]` : ''}`;
}
