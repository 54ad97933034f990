import { levelsOf } from './compliance-suite.js';
import { CS2023 } from './cs2023.js';
import type { Level, LevelId, LevelSpec, Requirement, Role } from './level.js';
import type { Baseline, SpecId } from './specs.js';
import { versionInForce } from './versions.js';

export type { Level, LevelId, LevelSpec, Requirement, Role };

/**
 * The XSF compliance levels as data: those of 2007–2009 (see the requirements catalogue,
 * levels.md), written out here, and those of the Compliance Suites 2023 (XEP-0479), made from its
 * tables (cs2023.ts). A level names specs with a requirement level and may build on other
 * levels; resolveLevel() flattens that into the list a run certifies.
 */

/** Probes that no level names but every report shows (levels.md §0.4). */
const INFORMATIONAL: LevelSpec[] = [
  { spec: 'xep-0092', requirement: 'INFORMATIONAL', note: 'not part of any 2007–2009 level; identifies the software' },
  { spec: 'xep-0199', requirement: 'INFORMATIONAL', note: 'not part of any 2007–2009 level' },
];

const PRIVACY_VIA_3921: LevelSpec = {
  spec: 'xep-0016', requirement: 'REQUIRED', baseline: '3920',
  note: 'privacy lists are RFC 3921 §10; RFC 6121 dropped them',
};

const MUC_CLIENT_SCOPE = ['entity', 'occupant'];

const LEVELS_2007_2009: readonly Level[] = [
  {
    id: 'basic-im-suite', xep: 'XEP-0073', title: 'Basic IM Protocol Suite', year: 2007, approved: '2007-02-15',
    roles: ['server', 'client'], includes: [], aliases: ['xep-0073'],
    specs: [
      { spec: 'xmpp-core', requirement: 'REQUIRED' },
      { spec: 'xmpp-im', requirement: 'REQUIRED' },
      { ...PRIVACY_VIA_3921, roles: ['server'] },
      { spec: 'xep-0030', requirement: 'REQUIRED' },
      { spec: 'xep-0077', requirement: 'RECOMMENDED', note: 'a deployment MAY switch it off' },
      { spec: 'xep-0078', requirement: 'RECOMMENDED', roles: ['server'], note: 'fallback for old clients' },
      { spec: 'xep-0078', requirement: 'NOT RECOMMENDED', roles: ['client'] },
      { spec: 'xep-0086', requirement: 'RECOMMENDED' },
      { spec: 'xep-0115', requirement: 'REQUIRED', roles: ['client'] },
      ...INFORMATIONAL,
    ],
  },
  {
    id: 'intermediate-im-suite', xep: 'XEP-0117', title: 'Intermediate IM Protocol Suite', year: 2007, approved: '2005-07-21',
    // the XSF archive (xsf/xeps) holds the XEPs' texts from October 2006 only: the suite is judged
    // by the texts of its last day in force, before v1.1 made it obsolete
    textsOf: '2007-10-30',
    roles: ['client'], includes: ['basic-im-suite'], aliases: ['xep-0117'],
    specs: [
      { spec: 'xep-0045', requirement: 'REQUIRED', note: 'all use cases' },
      { spec: 'xep-0071', requirement: 'REQUIRED' },
      { spec: 'xep-0096', requirement: 'REQUIRED' },
      { spec: 'xep-0115', requirement: 'REQUIRED' },
      { spec: 'xep-0004', requirement: 'REQUIRED', note: 'dependency listed by XEP-0117' },
      { spec: 'xep-0020', requirement: 'REQUIRED', note: 'dependency listed by XEP-0117' },
      { spec: 'xep-0047', requirement: 'REQUIRED', note: 'dependency listed by XEP-0117' },
      { spec: 'xep-0065', requirement: 'REQUIRED', note: 'dependency listed by XEP-0117' },
      { spec: 'xep-0082', requirement: 'REQUIRED', note: 'dependency listed by XEP-0117' },
      { spec: 'xep-0095', requirement: 'REQUIRED', note: 'dependency listed by XEP-0117' },
    ],
  },
  {
    id: 'basic-client', xep: 'XEP-0211', title: 'XMPP Basic Client 2008', year: 2008, approved: '2007-07-11',
    roles: ['client'], includes: [], aliases: ['xep-0211'],
    specs: [
      { spec: 'xmpp-core', requirement: 'REQUIRED' },
      { spec: 'xmpp-im', requirement: 'REQUIRED' },
      { spec: 'xep-0030', requirement: 'REQUIRED' },
      { spec: 'xep-0106', requirement: 'RECOMMENDED' },
      { spec: 'xep-0115', requirement: 'RECOMMENDED' },
      { spec: 'xep-0138', requirement: 'RECOMMENDED' },
      ...INFORMATIONAL,
    ],
  },
  {
    id: 'basic-server', xep: 'XEP-0212', title: 'XMPP Basic Server 2008', year: 2008, approved: '2007-07-11',
    roles: ['server'], includes: [], aliases: ['xep-0212'],
    specs: [
      { spec: 'xmpp-core', requirement: 'REQUIRED' },
      { spec: 'xmpp-im', requirement: 'REQUIRED' },
      PRIVACY_VIA_3921,
      { spec: 'xep-0030', requirement: 'REQUIRED' },
      { spec: 'xep-0078', requirement: 'RECOMMENDED', note: 'for backward compatibility only' },
      { spec: 'xep-0086', requirement: 'RECOMMENDED', note: 'for backward compatibility only' },
      { spec: 'xep-0138', requirement: 'RECOMMENDED' },
      ...INFORMATIONAL,
    ],
  },
  {
    id: 'intermediate-client', xep: 'XEP-0213', title: 'XMPP Intermediate IM Client 2008', year: 2008, approved: '2007-07-11',
    roles: ['client'], includes: ['basic-client'], aliases: ['xep-0213'],
    specs: [
      { spec: 'xep-0016', requirement: 'RECOMMENDED' },
      { spec: 'xep-0045', requirement: 'REQUIRED', scope: MUC_CLIENT_SCOPE, note: 'Entity and Occupant use cases only' },
      { spec: 'xep-0054', requirement: 'RECOMMENDED' },
      { spec: 'xep-0085', requirement: 'REQUIRED' },
      { spec: 'xep-0155', requirement: 'RECOMMENDED' },
    ],
  },
  {
    id: 'intermediate-server', xep: 'XEP-0216', title: 'XMPP Intermediate IM Server 2008', year: 2008, approved: '2007-07-11',
    roles: ['server'], includes: ['basic-server'], aliases: ['xep-0216'],
    specs: [
      { spec: 'xep-0016', requirement: 'REQUIRED' },
      { spec: 'xep-0045', requirement: 'REQUIRED', note: 'all of it; module or component' },
      { spec: 'xep-0054', requirement: 'REQUIRED' },
      { spec: 'xep-0163', requirement: 'RECOMMENDED' },
    ],
  },
  {
    id: 'core-client', xep: 'XEP-0242', title: 'XMPP Core Client 2009', year: 2009, approved: '2008-09-08',
    roles: ['client'], includes: [], aliases: ['xep-0242-core'],
    specs: [
      { spec: 'xmpp-core', requirement: 'REQUIRED' },
      { spec: 'xmpp-im', requirement: 'REQUIRED' },
      { spec: 'xep-0030', requirement: 'REQUIRED' },
      { spec: 'xep-0115', requirement: 'REQUIRED' },
      ...INFORMATIONAL,
    ],
  },
  {
    id: 'advanced-client', xep: 'XEP-0242', title: 'XMPP Advanced Client 2009', year: 2009, approved: '2008-09-08',
    roles: ['client'], includes: ['core-client'], aliases: ['xep-0242-advanced'],
    specs: [
      { spec: 'xep-0016', requirement: 'REQUIRED', note: 'XEP-0016 and XEP-0191 on one line: both' },
      { spec: 'xep-0191', requirement: 'REQUIRED', note: 'XEP-0016 and XEP-0191 on one line: both' },
      { spec: 'xep-0045', requirement: 'REQUIRED', scope: MUC_CLIENT_SCOPE, note: 'Entity and Occupant use cases only' },
      { spec: 'xep-0054', requirement: 'REQUIRED' },
      { spec: 'xep-0085', requirement: 'REQUIRED' },
    ],
  },
  {
    id: 'core-server', xep: 'XEP-0243', title: 'XMPP Core Server 2009', year: 2009, approved: '2008-09-08',
    roles: ['server'], includes: [], aliases: ['xep-0243-core'],
    specs: [
      { spec: 'xmpp-core', requirement: 'REQUIRED' },
      { spec: 'xmpp-im', requirement: 'REQUIRED' },
      PRIVACY_VIA_3921,
      { spec: 'xep-0030', requirement: 'REQUIRED' },
      ...INFORMATIONAL,
    ],
  },
  {
    id: 'advanced-server', xep: 'XEP-0243', title: 'XMPP Advanced Server 2009', year: 2009, approved: '2008-09-08',
    roles: ['server'], includes: ['core-server'], aliases: ['xep-0243-advanced'],
    specs: [
      { spec: 'xep-0016', requirement: 'REQUIRED', note: 'XEP-0016 and XEP-0191 on one line: both' },
      { spec: 'xep-0191', requirement: 'REQUIRED', note: 'XEP-0016 and XEP-0191 on one line: both' },
      { spec: 'xep-0045', requirement: 'REQUIRED', note: 'module or component' },
      { spec: 'xep-0054', requirement: 'REQUIRED' },
      { spec: 'xep-0124', requirement: 'REQUIRED', note: 'with XEP-0206; connection manager or module' },
      { spec: 'xep-0206', requirement: 'REQUIRED', note: 'with XEP-0124' },
      { spec: 'xep-0163', requirement: 'REQUIRED' },
    ],
  },
];

/** Levels shown and listed together: the 2007–2009 ones, and each compliance suite's. */
export interface LevelSeries {
  title: string;
  levels: readonly Level[];
}

export const SERIES: readonly LevelSeries[] = [
  { title: 'The XSF compliance levels of 2007–2009 (XEP-0073, XEP-0117, XEP-0211 to XEP-0216, XEP-0242, XEP-0243)', levels: LEVELS_2007_2009 },
  { title: `${CS2023.title} (${CS2023.xep} v${CS2023.version}, ${CS2023.date}, ${CS2023.status}): server levels, RFC 6120/6121 only`, levels: levelsOf(CS2023) },
];

export const LEVELS: readonly Level[] = SERIES.flatMap((s) => s.levels);

/** A level that cannot be used as asked (an unknown name, a baseline it does not allow): a usage error. */
export class LevelError extends Error {}
export class UnknownLevelError extends LevelError {}

/** Finds a level by id or alias ("intermediate-server", "xep-0216", "XEP-0216", "0216", "xep-0479-im-advanced"). */
export function findLevel(name: string): Level {
  const key = name.trim().toLowerCase().replace(/^(\d{4})$/, 'xep-$1').replace(/^xep(\d)/, 'xep-$1');
  const level = LEVELS.find((l) => l.id === key || l.aliases.includes(key));
  if (level) return level;
  // a XEP number that defines several levels must say which
  const choices = LEVELS.filter((l) => l.xep.toLowerCase() === key).map((l) => `--level ${l.id}`);
  if (choices.length > 1) {
    const count = choices.length === 2 ? 'two' : String(choices.length);
    throw new UnknownLevelError(`${name.toUpperCase()} defines ${count} levels; say which: ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`);
  }
  throw new UnknownLevelError(`unknown level "${name}"; known levels: ${LEVELS.map((l) => l.id).join(', ')} (run "xmpp-certify levels")`);
}

/**
 * The RFC baseline a run of `level` is judged under: the one the level names (XEP-0479 names
 * RFC 6120/6121), else the one asked for (--core), else RFC 3920/3921, the texts of 2007–2009.
 */
export function levelBaseline(level: Level, asked: Baseline | undefined): Baseline {
  if (asked && !judgedUnder(level, asked)) {
    throw new LevelError(`${level.id} (${level.xep}) is judged under RFC ${level.baseline === '6120' ? '6120/6121' : '3920/3921'} only, not under --core ${asked} (leave it out)`);
  }
  return level.baseline ?? asked ?? '3920';
}

/** One spec of a resolved level. */
export interface ResolvedSpec {
  spec: SpecId;
  requirement: Requirement;
  /** The level whose text names it (this level or one it builds on). */
  via: LevelId;
  /** The XEP's version the run judges by: the one in force when the level was approved (none for the RFCs, which the baseline picks). */
  version?: string;
  scope?: string[];
  note?: string;
  /** The feature (or features) of a compliance suite's table that name it. */
  feature?: string;
  component?: true;
  oneOf?: { group: string; alternative: string };
}

const STRENGTH: Record<Requirement, number> = { REQUIRED: 3, RECOMMENDED: 2, 'NOT RECOMMENDED': 1, INFORMATIONAL: 0 };

/**
 * Flattens a level and the levels it builds on into one row per spec, for one role and
 * baseline. Where two rows name the same spec, the stronger requirement wins (and a scope
 * restriction is dropped if either row has none); two rows of one level's text (XEP-0313 in
 * two features of XEP-0479's IM table) are one row naming both features, with both notes.
 */
export function resolveLevel(level: Level, role: Role, baseline: Baseline): ResolvedSpec[] {
  const rows = new Map<SpecId, ResolvedSpec>();
  const visit = (l: Level): void => {
    for (const included of l.includes) visit(LEVELS.find((x) => x.id === included)!);
    for (const s of l.specs) {
      if (s.roles && !s.roles.includes(role)) continue;
      if (s.baseline && s.baseline !== baseline) continue;
      const existing = rows.get(s.spec);
      // a level is judged by the texts of its own day, those it builds on included
      const candidate: ResolvedSpec = {
        spec: s.spec, requirement: s.requirement, via: l.id, version: versionInForce(s.spec, level.textsOf ?? level.approved),
        scope: s.scope, note: s.note, feature: s.feature, component: s.component, oneOf: s.oneOf,
      };
      if (!existing) {
        rows.set(s.spec, candidate);
        continue;
      }
      const scope = existing.scope && s.scope ? existing.scope : undefined;
      const stronger = STRENGTH[s.requirement] > STRENGTH[existing.requirement] ? candidate : existing;
      rows.set(s.spec, existing.via === l.id ? { ...stronger, scope, ...sameText(existing, candidate) } : { ...stronger, scope });
    }
  };
  visit(level);
  return [...rows.values()];
}

/** Two rows of one level's text: both features and both notes, a component if either allows it, no one-of group unless both are in it. */
function sameText(a: ResolvedSpec, b: ResolvedSpec): Pick<ResolvedSpec, 'feature' | 'note' | 'component' | 'oneOf'> {
  const both = (x?: string, y?: string): string | undefined => [x, y].filter(Boolean).join('; ') || undefined;
  return {
    feature: both(a.feature, b.feature),
    note: both(a.note && a.feature ? `${a.feature}: ${a.note}` : a.note, b.note && b.feature ? `${b.feature}: ${b.note}` : b.note),
    component: a.component ?? b.component,
    oneOf: a.oneOf && b.oneOf ? a.oneOf : undefined,
  };
}

/** Whether a run under `baseline` can certify `level`: a level that names its baseline is judged under that one only. */
export function judgedUnder(level: Level, baseline: Baseline): boolean {
  return level.baseline === undefined || level.baseline === baseline;
}

/** The role a level is run in when the user does not say: its only role, or server. */
export function defaultRole(level: Level): Role {
  return level.roles.length === 1 ? level.roles[0]! : 'server';
}
