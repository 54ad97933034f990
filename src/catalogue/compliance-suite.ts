import type { Level, LevelSpec, Requirement, Role } from './level.js';
import { SPECS, type Baseline, type SpecId } from './specs.js';

/**
 * A compliance suite of the XEP-0479 kind as the XEP writes it: categories (Core, Web, IM, …),
 * each a table of features whose cells say, per column (Server, Client, Advanced Server,
 * Advanced Client), whether the feature is required, with the XEP's footnotes. levelsOf() turns
 * the table into levels, so that a later suite (a new year) is a new table and no new code.
 */

/** The columns of the tables, in the XEP's order. */
export const COLUMNS = ['server', 'client', 'advancedServer', 'advancedClient'] as const;
export type Column = (typeof COLUMNS)[number];

/** Which level a column is: its role, and whether it is the Advanced one. */
export const COLUMN_LEVEL: Record<Column, { role: Role; advanced: boolean }> = {
  server: { role: 'server', advanced: false },
  client: { role: 'client', advanced: false },
  advancedServer: { role: 'server', advanced: true },
  advancedClient: { role: 'client', advanced: true },
};

/** The footnotes the XEP attaches to cells, by the entity it writes them with (&component;, &onlyone;, …). */
export type Footnote = 'component' | 'onlyone' | 'nocli' | 'usecases' | 'avatar' | 'pubsubjid';

/**
 * A cell: ✓ (required), ✕ (not required at this level) or N/A (does not apply to this role);
 * a ✓ may carry footnotes and a note of its own.
 */
export type Cell = 'yes' | 'no' | 'n/a' | { mark: 'yes'; footnotes?: readonly Footnote[]; note?: string };

/** One entry of a feature's "Providers" column. */
export interface Provider {
  /** As the XEP names it: "RFC 6120", "XEP-0045". */
  doc: string;
  /** The XEP's note on this provider, short. */
  note?: string;
  /** When the text lowers it ("only recommended for legacy bookmarks support"); REQUIRED otherwise. */
  requirement?: Requirement;
  /** Documents the XEP names beside it with "See also": it runs over them, so they are required with it. */
  seeAlso?: readonly string[];
}

export interface Feature {
  feature: string;
  providers: readonly Provider[];
  cells: Readonly<Record<Column, Cell>>;
}

/** A spec the tool shows beside a suite's levels although the XEP does not require it: it never changes a verdict. */
export interface Shown {
  doc: string;
  note: string;
}

export interface Category {
  /** In level ids: "core", "im", "av". */
  id: string;
  /** As the XEP names it: "Core", "IM", "A/V Calling". */
  title: string;
  /** The section's anchor in the XEP. */
  anchor: string;
  /** Categories whose features must be met as well, at the same level ("all features from the core compliance category must be met"). */
  buildsOn: readonly string[];
  features: readonly Feature[];
  shown?: readonly Shown[];
}

export interface ComplianceSuite {
  /** "XEP-0479". */
  xep: string;
  /** Its shortname, the prefix of its level ids: "cs2023". */
  shortname: string;
  title: string;
  version: string;
  /** The day of that version: each XEP it names is judged by the version in force that day. */
  date: string;
  year: number;
  status: string;
  /** The RFC baseline the suite names (RFC 6120/6121): its levels are judged under it only. */
  baseline: Baseline;
  /** The roles whose levels the tool builds (client levels come later). */
  roles: readonly Role[];
  /** Each footnote: the XEP's words, and what it means for a verdict here. */
  footnotes: Readonly<Record<Footnote, { text: string; meaning: string }>>;
  categories: readonly Category[];
  /** Shown in every level of the suite. */
  shown: readonly Shown[];
}

/** The spec the XEP means by "RFC 6120", "XEP-0045" under the suite's baseline. */
export function specNamed(doc: string, baseline: Baseline): SpecId {
  const spec = [...SPECS.values()].find((s) => s.name(baseline) === doc);
  if (!spec) throw new Error(`${doc} is not in the spec registry (src/catalogue/specs.ts)`);
  return spec.id;
}

export function isRequired(cell: Cell): boolean {
  return cell === 'yes' || (typeof cell === 'object' && cell.mark === 'yes');
}

export function footnotesOf(cell: Cell): readonly Footnote[] {
  return typeof cell === 'object' ? cell.footnotes ?? [] : [];
}

/** A level's id: "cs2023-im-advanced-server". */
export function levelId(suite: ComplianceSuite, category: Category, column: Column): Level['id'] {
  const { role, advanced } = COLUMN_LEVEL[column];
  return `${suite.shortname}-${category.id}${advanced ? '-advanced' : ''}-${role}` as Level['id'];
}

/** The rows one cell adds to its column's level: each provider (and what it runs over), with the footnotes' meaning. */
function rowsOf(suite: ComplianceSuite, feature: Feature, column: Column): LevelSpec[] {
  const cell = feature.cells[column];
  if (!isRequired(cell)) return [];
  const footnotes = footnotesOf(cell);
  const own = typeof cell === 'object' ? cell.note : undefined;
  const meanings = footnotes.map((f) => suite.footnotes[f].meaning);
  return feature.providers.flatMap((provider) => {
    const docs = [provider.doc, ...(provider.seeAlso ?? [])];
    return docs.map((doc): LevelSpec => ({
      spec: specNamed(doc, suite.baseline),
      requirement: provider.requirement ?? 'REQUIRED',
      feature: feature.feature,
      note: [doc === provider.doc ? provider.note : `${provider.doc} runs over it (see also)`, own, ...meanings].filter(Boolean).join('; ') || undefined,
      ...(footnotes.includes('component') ? { component: true } : {}),
      ...(footnotes.includes('onlyone') ? { oneOf: { group: feature.feature, alternative: provider.doc } } : {}),
      ...(footnotes.includes('usecases') ? { scope: ['entity', 'occupant'] } : {}),
    }));
  });
}

/** The levels of a suite: one per category and column of the roles it builds, named by levelId(). */
export function levelsOf(suite: ComplianceSuite): Level[] {
  const byId = new Map(suite.categories.map((c) => [c.id, c]));
  return suite.roles.flatMap((role) => suite.categories.flatMap((category) => COLUMNS.filter((c) => COLUMN_LEVEL[c].role === role).map((column): Level => {
    const { advanced } = COLUMN_LEVEL[column];
    const shown = [...(category.buildsOn.length === 0 ? suite.shown : []), ...(category.shown ?? [])];
    const id = levelId(suite, category, column);
    return {
      id,
      xep: suite.xep,
      title: `XMPP ${category.title} ${advanced ? 'Advanced ' : ''}${role === 'server' ? 'Server' : 'Client'} ${suite.year}`,
      year: suite.year,
      approved: suite.date,
      status: suite.status,
      baseline: suite.baseline,
      roles: [role],
      includes: category.buildsOn.map((other) => levelId(suite, byId.get(other)!, column)),
      specs: [
        ...category.features.flatMap((feature) => rowsOf(suite, feature, column)),
        ...shown.map((s): LevelSpec => ({ spec: specNamed(s.doc, suite.baseline), requirement: 'INFORMATIONAL', note: s.note })),
      ],
      aliases: aliasesOf(suite, category, column),
    };
  })));
}

/**
 * Other names --level takes: with the XEP number ("xep-0479-im-advanced-server") and, while a
 * suite has server levels only, without the role ("xep-0479-im-advanced", "cs2023-im-advanced").
 */
function aliasesOf(suite: ComplianceSuite, category: Category, column: Column): string[] {
  const id = levelId(suite, category, column);
  const number = suite.xep.toLowerCase();
  const withNumber = id.replace(suite.shortname, number);
  const aliases = [withNumber];
  if (suite.roles.length === 1) {
    const role = `-${COLUMN_LEVEL[column].role}`;
    aliases.push(withNumber.slice(0, -role.length), id.slice(0, -role.length));
  }
  return aliases;
}
