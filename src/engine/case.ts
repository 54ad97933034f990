import type { Role } from '../catalogue/levels.js';
import type { Baseline, SpecId } from '../catalogue/specs.js';
import type { CaseContext } from './context.js';

export type TransportKind = 'tcp' | 'bosh';

/**
 * One testable requirement and the script that checks it. Metadata is data; the body is a few
 * lines of scripted session (see suites/).
 */
export interface CaseDefinition {
  /** Catalogue ID, e.g. RFC6120-4.2-1 or XEP0045-7.2.2-1. */
  id: string;
  spec: SpecId;
  /** Section of the spec version the catalogue follows. */
  section: string;
  /** The RFC 2119 keyword as the spec states it; some depend on the baseline. */
  keyword: string | Partial<Record<Baseline, string>>;
  /** The requirement in one line. */
  requirement: string;
  role: Role;
  /** Accounts the case needs leased to it (default 0: it only opens raw streams). */
  accounts?: number;
  /** Groups of use cases, for levels that require only some (XEP-0045 'entity', 'occupant', …). */
  scope?: string;
  /** Transports the case is meaningful over (default: tcp only). */
  transports?: TransportKind[];
  /** Only under these baselines (default: both). */
  baselines?: Baseline[];
  /**
   * Whether the case checks the spec's own feature and so is skipped when the spec's support
   * probe finds it absent (default true when the spec has a probe).
   */
  needsSupport?: boolean;
  run(t: CaseContext): Promise<void>;
}

/**
 * What a spec's probe learns: is the feature there at all? It answers from behaviour (a request
 * that works), and records separately what disco advertises and on which entity.
 */
export interface SupportFinding {
  supported: boolean;
  /** Whether disco listed the feature; undefined when the spec has no disco feature. */
  advertised?: boolean;
  /** The entity asked: "server localhost", "account alice@localhost", "component conference.localhost". */
  entity?: string;
  /** One line on how support was established. */
  detail: string;
  /** Values cases may use (e.g. the MUC service JID found). */
  facts?: Record<string, string>;
}

/** All the cases of one spec, with the probe that decides whether the spec is there at all. */
export interface Suite {
  spec: SpecId;
  /** Runs with one account leased, like a case; its transcript is the spec's support evidence. */
  probe?: (t: CaseContext) => Promise<SupportFinding>;
  cases: CaseDefinition[];
}

export function keywordFor(c: Pick<CaseDefinition, 'keyword'>, baseline: Baseline): string {
  if (typeof c.keyword === 'string') return c.keyword;
  return c.keyword[baseline] ?? Object.values(c.keyword)[0] ?? 'MUST';
}

type CaseInput = Omit<CaseDefinition, 'spec' | 'role'> & Partial<Pick<CaseDefinition, 'role'>>;

/** Declares the cases of one file, filling in what they share. */
export function defineCases(common: { spec: SpecId; role: Role; scope?: string; transports?: TransportKind[] }, cases: CaseInput[]): CaseDefinition[] {
  return cases.map((c) => ({ scope: common.scope, transports: common.transports, ...c, spec: common.spec, role: c.role ?? common.role }));
}
