import type { Baseline, SpecId } from './specs.js';
import { versionInForce } from './versions.js';

/**
 * The XSF compliance levels of 2007–2009 as data (see the requirements catalogue, levels.md).
 * A level names specs with a requirement level and may build on other levels; resolveLevel()
 * flattens that into the list a run certifies.
 */

export type Requirement = 'REQUIRED' | 'RECOMMENDED' | 'NOT RECOMMENDED' | 'INFORMATIONAL';
export type Role = 'server' | 'client';

export type LevelId =
  | 'basic-im-suite' | 'intermediate-im-suite'
  | 'basic-client' | 'basic-server' | 'intermediate-client' | 'intermediate-server'
  | 'core-client' | 'advanced-client' | 'core-server' | 'advanced-server';

export interface LevelSpec {
  spec: SpecId;
  requirement: Requirement;
  /** Only for these roles (XEP-0073 sets some rows per role). */
  roles?: Role[];
  /** Only under this baseline: privacy lists come in through RFC 3921 §10. */
  baseline?: Baseline;
  /** Only these groups of use cases (XEP-0045 "Entity Use Cases and Occupant Use Cases"). */
  scope?: string[];
  note?: string;
}

export interface Level {
  id: LevelId;
  xep: string;
  title: string;
  year: number;
  /**
   * The day the level's text was approved (the version this tool implements): each XEP it names
   * is judged by the version in force that day (versions.ts), the text the level meant.
   */
  approved: string;
  /** When the texts of `approved` are not in the XSF's archive: the later day whose texts are judged instead (say why). */
  textsOf?: string;
  roles: Role[];
  /** Levels this one builds on: everything they require is required here too. */
  includes: LevelId[];
  specs: LevelSpec[];
  /** Extra names accepted by --level. */
  aliases: string[];
}

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

export const LEVELS: readonly Level[] = [
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

/** XEP numbers that define two levels: --level with them alone must say which. */
const AMBIGUOUS: Record<string, LevelId[]> = {
  'xep-0242': ['core-client', 'advanced-client'],
  'xep-0243': ['core-server', 'advanced-server'],
};

export class UnknownLevelError extends Error {}

/** Finds a level by id or alias ("intermediate-server", "xep-0216", "XEP-0216", "0216"). */
export function findLevel(name: string): Level {
  const key = name.trim().toLowerCase().replace(/^(\d{4})$/, 'xep-$1').replace(/^xep(\d)/, 'xep-$1');
  const level = LEVELS.find((l) => l.id === key || l.aliases.includes(key));
  if (level) return level;
  const choices = AMBIGUOUS[key];
  if (choices) {
    throw new UnknownLevelError(`${name.toUpperCase()} defines two levels; say which: ${choices.map((c) => `--level ${c}`).join(' or ')}`);
  }
  throw new UnknownLevelError(`unknown level "${name}"; known levels: ${LEVELS.map((l) => l.id).join(', ')} (run "xmpp-certify levels")`);
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
}

const STRENGTH: Record<Requirement, number> = { REQUIRED: 3, RECOMMENDED: 2, 'NOT RECOMMENDED': 1, INFORMATIONAL: 0 };

/**
 * Flattens a level and the levels it builds on into one row per spec, for one role and
 * baseline. Where two rows name the same spec, the stronger requirement wins (and a scope
 * restriction is dropped if either row has none).
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
      const candidate: ResolvedSpec = { spec: s.spec, requirement: s.requirement, via: l.id, version: versionInForce(s.spec, level.textsOf ?? level.approved), scope: s.scope, note: s.note };
      if (!existing) {
        rows.set(s.spec, candidate);
        continue;
      }
      const scope = existing.scope && s.scope ? existing.scope : undefined;
      rows.set(s.spec, STRENGTH[s.requirement] > STRENGTH[existing.requirement]
        ? { ...candidate, scope }
        : { ...existing, scope });
    }
  };
  visit(level);
  return [...rows.values()];
}

/** The role a level is run in when the user does not say: its only role, or server. */
export function defaultRole(level: Level): Role {
  return level.roles.length === 1 ? level.roles[0]! : 'server';
}
