import { citationLine } from '../catalogue/citation.js';
import { specLabel, verdictSubject, type CaseResult, type RunReport } from './model.js';
import { writeFileAtomic } from './write.js';

/**
 * A Markdown summary for pipeline pages (e.g. GitHub's step summary): the level verdict per
 * target, the spec × target table, and every case that failed, erred or warned, one line each.
 */
export function renderMarkdown(reports: RunReport[]): string {
  const first = reports[0]!;
  const { level } = first;
  const out: string[] = [];
  out.push(`## ${level.title} (${level.xep}), RFC ${level.baseline === '3920' ? '3920/3921' : '6120/6121'} baseline`, '');
  if (level.selection) out.push(`${verdictSubject(level)}.`, '');
  out.push('| Target | Software | Level | Pass | Fail | Warn | Skip | Error |', '|---|---|---|---:|---:|---:|---:|---:|');
  for (const r of reports) {
    const t = r.totals;
    const software = r.target.software ? `${r.target.software.name} ${r.target.software.version}` : '';
    out.push(`| ${cell(r.name)} | ${cell(software)} | **${r.level.verdict.toUpperCase()}** | ${t.pass} | ${t.fail} | ${t.warn} | ${t.skip} | ${t.error} |`);
  }
  out.push('', `| Specification | Requirement | ${reports.map((r) => cell(r.name)).join(' | ')} |`, `|---|---|${reports.map(() => '---').join('|')}|`);
  for (const [i, spec] of first.specs.entries()) {
    const cells = reports.map((r) => {
      const s = r.specs[i]!;
      return `${s.verdict.toUpperCase()} (${s.counts.pass}/${s.counts.fail}/${s.counts.warn})`;
    });
    out.push(`| [${specLabel(spec)}](${spec.url}) ${cell(spec.title)} | ${spec.requirement} | ${cells.join(' | ')} |`);
  }
  out.push('', '_Counts: pass/fail/warn._');
  const problems = reports.flatMap((r) => r.specs.flatMap((s) => s.cases.filter((c) => ['fail', 'error', 'warn'].includes(c.verdict)).map((c) => ({ r, c }))));
  if (problems.length) {
    out.push('', '### Cases that did not pass', '');
    for (const { r, c } of problems) out.push(`- ${reports.length > 1 ? `**${cell(r.name)}** ` : ''}${line(c)}`);
  }
  for (const r of reports) {
    for (const reason of r.level.reasons) out.push(`- ${reports.length > 1 ? `${cell(r.name)}: ` : ''}${cell(reason)}`);
  }
  return `${out.join('\n')}\n`;
}

export function writeMarkdown(file: string, reports: RunReport[]): void {
  writeFileAtomic(file, renderMarkdown(reports));
}

function line(c: CaseResult): string {
  const transport = c.transport === 'tcp' ? '' : ` over ${c.transport}`;
  const quote = c.verdict === 'fail' || c.verdict === 'warn' ? ` — [${cell(citationLine(c.citation))}](${c.citation.url})` : '';
  return `${c.verdict.toUpperCase()} \`${c.id}\` (${c.specName} §${c.section}, ${c.keyword}${transport}): ${cell(c.reason ?? c.requirement)}${quote}`;
}

/** Text safe inside a table cell or list item: no pipes, no line breaks, no stray markup. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').replace(/</g, '&lt;');
}
