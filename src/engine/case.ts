import type { CaseCitation } from '../catalogue/citation.js';
import type { Role } from '../catalogue/levels.js';
import type { SpecId } from '../catalogue/specs.js';
import { TRANSPORT_KINDS, type TransportKind } from '../vocabulary.js';
import type { CaseContext } from './context.js';

export type { TransportKind };

/** The transports of a stanza-level case: one that means the same over any of them. */
export const STANZA_TRANSPORTS: TransportKind[] = [...TRANSPORT_KINDS];

/** The spec whose support a transport needs: its cases are dropped when the probe finds none. */
export const TRANSPORT_SPEC: Partial<Record<TransportKind, SpecId>> = { bosh: 'xep-0206', zlib: 'xep-0138', websocket: 'rfc7395', directtls: 'xep-0368' };

/**
 * One testable requirement and the script that checks it. Metadata is data; the body is a few
 * lines of scripted session (see suites/).
 */
export interface CaseDefinition {
  /** Catalogue ID, e.g. RFC6120-4.2-1 or XEP0045-7.2.2-1. */
  id: string;
  spec: SpecId;
  /**
   * The text the case judges, for every text a run can judge it by: the section there, the
   * keyword and the sentence that carries it (see citation.ts). RFC cases give RFC 3920/3921 and
   * RFC 6120/6121 entries; a rule one of them lacks is not applicable under that baseline.
   */
  cite: CaseCitation;
  /** The requirement in one line. */
  requirement: string;
  role: Role;
  /** Accounts the case needs leased to it (default 0: it only opens raw streams). */
  accounts?: number;
  /**
   * The case observes what an account looks like before anything was ever stored in it (an
   * empty roster's first version, "no vCard"): under --register it gets accounts made for it.
   * With given accounts it runs on them as they are (t.freshAccounts tells which).
   */
  freshAccounts?: boolean;
  /** Groups of use cases, for levels that require only some (XEP-0045 'entity', 'occupant', …). */
  scope?: string;
  /** Transports the case is meaningful over (default: tcp only; STANZA_TRANSPORTS for stanza-level cases). */
  transports?: TransportKind[];
  /** A deadline longer than the run's --case-timeout, for a case that walks many steps. */
  timeoutMs?: number;
  /**
   * Seconds the case takes by design, whatever the target (a BOSH 'wait' it asks for, a table it
   * walks step by step): the runner starts such cases first, so a run does not end waiting on one.
   */
  takesSeconds?: number;
  /**
   * The case waits on a server timer (an inactivity timeout, a retry limit) for longer than a
   * run should take; it runs only with --slow and is otherwise reported as not run.
   */
  slow?: { seconds: number; why: string };
  /**
   * 'advertisement': the case checks what the target says of itself (a disco feature), not
   * behaviour. A spec passes only when a behaviour case passed.
   */
  evidence?: 'behaviour' | 'advertisement';
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
  /** What the target says it is (XEP-0092 and the like): the report's header names it. */
  software?: { name: string; version: string; os?: string };
}

/** The cases of one spec for one role under test (a spec with server and client requirements has two suites). */
export interface Suite {
  spec: SpecId;
  role: Role;
  /** Its probe names the target's software (SupportFinding.software): it runs even when no case of the spec does. */
  identifiesTarget?: boolean;
  /** Runs with one account leased, like a case; its transcript is the spec's support evidence. */
  probe?: (t: CaseContext) => Promise<SupportFinding>;
  cases: CaseDefinition[];
}

type CaseInput = Omit<CaseDefinition, 'spec' | 'role'> & Partial<Pick<CaseDefinition, 'role'>>;

/** Declares the cases of one file, filling in what they share. */
export function defineCases(common: { spec: SpecId; role: Role; scope?: string; transports?: TransportKind[] }, cases: CaseInput[]): CaseDefinition[] {
  return cases.map((c) => ({ scope: common.scope, transports: common.transports, ...c, spec: common.spec, role: c.role ?? common.role }));
}
