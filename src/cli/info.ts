import chalk from 'chalk';
import { SERIES, defaultRole, findLevel, levelBaseline, resolveLevel, type Level, type Role } from '../catalogue/levels.js';
import { specInfo, type Baseline } from '../catalogue/specs.js';
import type { Suite, TransportKind } from '../engine/case.js';
import { catalogueSection, planCases } from '../engine/runner.js';
import { citationLine } from '../catalogue/citation.js';
import { UsageError } from './parse.js';
import { chooseTransports } from './endpoints.js';

const baselineName = (b: Baseline): string => `RFC ${b === '3920' ? '3920/3921' : '6120/6121'}`;

/** One level as `levels` shows it: under the baseline it is judged by (its own, or --core). */
function levelData(level: Level, core: Baseline | undefined, series: string) {
  const baseline = levelBaseline(level, level.baseline ? undefined : core);
  return {
    id: level.id,
    xep: level.xep,
    title: level.title,
    series,
    year: level.year,
    approved: level.approved,
    textsOf: level.textsOf,
    status: level.status,
    baseline,
    roles: level.roles,
    buildsOn: level.includes,
    aliases: level.aliases,
    specs: level.roles.flatMap((role) => resolveLevel(level, role, baseline).map((row) => ({
      role,
      spec: specInfo(row.spec).name(baseline),
      title: specInfo(row.spec).title,
      version: row.version,
      requirement: row.requirement,
      via: row.via,
      feature: row.feature,
      scope: row.scope,
      component: row.component,
      oneOf: row.oneOf,
      note: row.note,
    }))),
  };
}

/**
 * `xmpp-certify levels`: every level with the specs it names, in two groups: the 2007–2009
 * levels (under --core) and the 2023 ones (under RFC 6120/6121, the baseline XEP-0479 names).
 */
export function levelsCommand(options: { json?: boolean; core?: Baseline }): string {
  const groups = SERIES.map((s) => ({ title: s.title, fixed: s.levels.every((l) => l.baseline), levels: s.levels.map((level) => levelData(level, options.core, s.title)) }));
  if (options.json) return JSON.stringify({ baseline: options.core ?? '3920', levels: groups.flatMap((g) => g.levels) }, null, 2);
  const out: string[] = [];
  for (const group of groups) {
    // the group title names a baseline the levels fix; --core changes the others'
    const under = group.fixed ? '' : chalk.dim(`  (baseline ${baselineName(options.core ?? '3920')}; change with --core)`);
    if (out.length) out.push('', '');
    out.push(chalk.bold.underline(group.title) + under);
    for (const level of group.levels) {
      const texts = level.textsOf ? `approved ${level.approved}, texts of ${level.textsOf}` : level.status ? `${level.status}, ${level.approved}` : `approved ${level.approved}`;
      out.push('', chalk.bold(`${level.id}  ${level.xep} ${level.title}`) + chalk.dim(`  (${level.roles.join(', ')}; ${texts}; aliases: ${level.aliases.join(', ')})`));
      for (const s of level.specs) {
        const role = level.roles.length > 1 ? chalk.dim(`[${s.role}] `) : '';
        const via = s.via === level.id ? '' : chalk.dim(` via ${s.via}`);
        const note = s.feature || s.note ? chalk.dim(` — ${[s.feature, s.note].filter(Boolean).join(': ')}`) : '';
        const name = s.version ? `${s.spec} v${s.version}` : s.spec;
        out.push(`  ${role}${name.padEnd(16)} ${s.title.padEnd(51)} ${s.requirement}${via}${note}`);
      }
    }
  }
  return out.join('\n');
}

/** How the case count names each transport other than TCP. */
const COPIES_OVER: Record<Exclude<TransportKind, 'tcp'>, string> = { bosh: 'BOSH', zlib: 'zlib', websocket: 'WebSocket', directtls: 'direct TLS' };

/**
 * The level's case count as every output gives it, and what it is made of: the cases over TCP,
 * and the copies of stanza cases over the other transports the level names, which a run drops
 * when the target does not offer them.
 */
function caseCount(cases: readonly { transport: TransportKind }[]): string {
  const over = (kind: TransportKind): number => cases.filter((c) => c.transport === kind).length;
  const copies = (Object.keys(COPIES_OVER) as (keyof typeof COPIES_OVER)[]).filter((kind) => over(kind) > 0).map((kind) => `${over(kind)} again over ${COPIES_OVER[kind]}`);
  return copies.length ? `${cases.length} cases (${over('tcp')} over TCP, ${copies.join(', ')}, when the target offers it)` : `${cases.length} cases`;
}

/** `xmpp-certify list --level X`: every case the level would run, without connecting. */
export function listCommand(suites: readonly Suite[], options: { level: string; role?: Role; core?: Baseline; json?: boolean }): string {
  const level = findLevel(options.level);
  const core = levelBaseline(level, options.core);
  const role = options.role ?? defaultRole(level);
  if (!level.roles.includes(role)) throw new UsageError(`${level.id} has no ${role} role`);
  const rows = resolveLevel(level, role, core);
  // what --transport auto would run, given every endpoint
  const transports = chooseTransports('auto', { boshUrl: 'bosh-url', websocketUrl: 'websocket-url', directTls: { host: 'direct-tls', port: 5223 } }, new Set(rows.map((r) => r.spec)));
  const plan = planCases(rows, suites, role, core, transports);
  const cases = plan.map((p) => ({
    id: p.def.id,
    spec: specInfo(p.def.spec).name(core),
    version: p.row.version,
    requirementLevel: p.row.requirement,
    section: p.citation?.section || catalogueSection(p.def.id),
    keyword: p.citation?.keyword ?? '',
    citation: p.citation,
    transport: p.transport,
    accounts: p.def.accounts ?? 0,
    requirement: p.def.requirement,
  }));
  if (options.json) return JSON.stringify({ level: level.id, role, baseline: core, cases }, null, 2);
  const out = [chalk.bold(`${level.id} (${level.xep} ${level.title}), ${role} role, RFC ${core} baseline: ${caseCount(cases)}`)];
  let spec = '';
  for (const c of cases) {
    if (c.spec !== spec) {
      spec = c.spec;
      out.push('', chalk.bold(`${c.spec}${c.version ? ` v${c.version}` : ''} (${c.requirementLevel})`));
    }
    const transport = c.transport === 'tcp' ? '' : ` [${c.transport}]`;
    out.push(`  ${(c.id + transport).padEnd(26)} ${c.requirement}`);
    out.push(chalk.dim(`  ${''.padEnd(26)} ${citationLine(c.citation)}`));
  }
  const missing = rows.filter((r) => !plan.some((p) => p.row.spec === r.spec));
  if (missing.length) out.push('', chalk.yellow(`no cases yet for: ${missing.map((r) => specInfo(r.spec).name(core)).join(', ')}`));
  return out.join('\n');
}

