/** What a level is made of: the specs it names, at which requirement, on what it builds (the data is in levels.ts). */
import type { Baseline, SpecId } from './specs.js';

export type Requirement = 'REQUIRED' | 'RECOMMENDED' | 'NOT RECOMMENDED' | 'INFORMATIONAL';
export type Role = 'server' | 'client';

export type LevelId =
  | 'basic-im-suite' | 'intermediate-im-suite'
  | 'basic-client' | 'basic-server' | 'intermediate-client' | 'intermediate-server'
  | 'core-client' | 'advanced-client' | 'core-server' | 'advanced-server'
  // a compliance suite's: "cs2023-im-advanced-server"
  | `cs${number}-${string}`;

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
  /** The feature of a compliance suite's table that names it ("Group Chat"). */
  feature?: string;
  /** A component or server module may provide it (XEP-0479 &component;): support found on a component counts. */
  component?: true;
  /**
   * One of several providers suffices (XEP-0479 &onlyone;): the rows of one group are one
   * requirement, met when the rows of one of its alternatives are.
   */
  oneOf?: { group: string; alternative: string };
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
  /** The level's text is not final (XEP-0479 is Experimental). */
  status?: string;
  /** The RFC baseline the level names, when it names one: runs are judged under it only. */
  baseline?: Baseline;
  roles: Role[];
  /** Levels this one builds on: everything they require is required here too. */
  includes: LevelId[];
  specs: LevelSpec[];
  /** Extra names accepted by --level. */
  aliases: string[];
}
