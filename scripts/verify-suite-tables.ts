/**
 * Checks the compliance suite tables the levels are made from (src/catalogue/cs2023.ts) against
 * the XEP's own source at the version they name: the categories and their features in the XEP's
 * order, every cell's mark (✓, ✕, N/A) in every column, the footnotes a cell carries, and the
 * providers of each feature. A clone of xsf/xeps is needed (the texts are not part of the project).
 *
 *   node dist/scripts/verify-suite-tables.js --xeps DIR
 */
import { parseArgs } from 'node:util';
import { COLUMNS, type Category, type Cell, type ComplianceSuite, footnotesOf } from '../src/catalogue/compliance-suite.js';
import { CS2023 } from '../src/catalogue/cs2023.js';
import { publishedCommit, showFile } from './xep-source.js';

const { values } = parseArgs({ options: { xeps: { type: 'string' } } });
if (!values.xeps) {
  process.stderr.write('usage: verify-suite-tables --xeps DIR\n');
  process.exit(2);
}
const repo = values.xeps;

/** A cell as the XEP writes it: its mark, the footnote entities in it, whether it has a note of its own. */
interface SourceCell {
  mark: 'yes' | 'no' | 'n/a';
  footnotes: string[];
  note: boolean;
}

const FOOTNOTES = ['component', 'onlyone', 'nocli', 'usecases', 'avatar', 'pubsubjid'];

function sourceCell(td: string): SourceCell {
  const mark = td.includes('&yes;') ? 'yes' : td.includes('&no;') ? 'no' : 'n/a';
  const footnotes = [...td.matchAll(/&(\w+);/g)].map((m) => m[1]!).filter((e) => FOOTNOTES.includes(e));
  return { mark, footnotes, note: /<note>/.test(td) };
}

/** The providers a cell names: its XEP and RFC entities outside the notes, as "XEP-0045", "RFC 6120". */
function providers(td: string): string[] {
  return [...td.replace(/<note>[\s\S]*?<\/note>/g, '').matchAll(/&(xep|rfc)(\d{4});/g)].map((m) => (m[1] === 'xep' ? `XEP-${m[2]}` : `RFC ${m[2]}`));
}

/** The tables of the XEP's source, by section anchor: each feature with its cells and providers. */
function sourceTables(xml: string): Map<string, { feature: string; cells: SourceCell[]; providers: string[] }[]> {
  const tables = new Map<string, { feature: string; cells: SourceCell[]; providers: string[] }[]>();
  for (const section of xml.matchAll(/<section2[^>]*anchor='([^']+)'[^>]*>([\s\S]*?)<\/section2>/g)) {
    const table = /<table[\s\S]*?<\/table>/.exec(section[2]!)?.[0];
    if (!table) continue;
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((d) => d[1]!)).filter((tds) => tds.length === 6);
    tables.set(section[1]!, rows.map((tds) => ({
      feature: /<strong>([\s\S]*?)<\/strong>/.exec(tds[0]!)?.[1]?.trim() ?? tds[0]!.trim(),
      cells: tds.slice(1, 5).map(sourceCell),
      providers: providers(tds[5]!),
    })));
  }
  return tables;
}

function describeCell(cell: Cell): string {
  const mark = typeof cell === 'object' ? cell.mark : cell;
  const notes = typeof cell === 'object' && cell.note ? ' +note' : '';
  const footnotes = footnotesOf(cell);
  return `${mark}${footnotes.length ? ` [${footnotes.join(', ')}]` : ''}${notes}`;
}

function describeSource(cell: SourceCell): string {
  return `${cell.mark}${cell.footnotes.length ? ` [${cell.footnotes.join(', ')}]` : ''}${cell.note ? ' +note' : ''}`;
}

/** What differs between a suite's data and its XEP's tables. */
function problemsOf(suite: ComplianceSuite): string[] {
  const number = suite.xep.slice(4);
  const xml = showFile(repo, publishedCommit(repo, number, suite.version, suite.date), `xep-${number}.xml`);
  const tables = sourceTables(xml);
  const problems: string[] = [];
  const anchors = suite.categories.map((c: Category) => c.anchor);
  if (anchors.join() !== [...tables.keys()].join()) problems.push(`categories: the data has ${anchors.join(', ')}; the XEP ${[...tables.keys()].join(', ')}`);
  for (const category of suite.categories) {
    const rows = tables.get(category.anchor) ?? [];
    const features = category.features.map((f) => f.feature);
    if (features.join('|') !== rows.map((r) => r.feature).join('|')) problems.push(`${category.title}: the data's features ${features.join(', ')}; the XEP's ${rows.map((r) => r.feature).join(', ')}`);
    for (const feature of category.features) {
      const row = rows.find((r) => r.feature === feature.feature);
      if (!row) continue;
      COLUMNS.forEach((column, i) => {
        const [data, source] = [describeCell(feature.cells[column]), describeSource(row.cells[i]!)];
        if (data !== source) problems.push(`${category.title} / ${feature.feature} / ${column}: the data has ${data}, the XEP ${source}`);
      });
      const named = feature.providers.flatMap((p) => [p.doc, ...(p.seeAlso ?? [])]);
      if (named.join() !== row.providers.join()) problems.push(`${category.title} / ${feature.feature}: the data names ${named.join(', ')}; the XEP ${row.providers.join(', ')}`);
    }
  }
  return problems;
}

const problems = [CS2023].flatMap((suite) => problemsOf(suite).map((p) => `${suite.xep} v${suite.version}: ${p}`));
process.stdout.write(`${problems.length ? `${problems.length} differences` : 'the tables match the XEP'}\n${problems.map((p) => `  ${p}\n`).join('')}`);
process.exit(problems.length ? 1 : 0);
