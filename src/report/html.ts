import crypto from 'node:crypto';
import { citationLine } from '../catalogue/citation.js';
import { renderTranscript } from '../evidence/transcript.js';
import { specLabel, verdictSubject, type CaseResult, type RunReport, type SpecResult, type Verdict } from './model.js';
import { overallVerdict } from './matrix.js';
import { writeFileAtomic, xmlAttribute as attr, xmlText as esc } from './write.js';

/**
 * A single self-contained HTML page (no scripts or styles from the network): the level verdict
 * per target, the spec × target matrix with colours and counts, each cell opening onto its
 * cases and each case onto its requirement, spec link, expected vs actual and transcript.
 * Opening and closing use <details>, so the page reads in full without JavaScript; a small
 * inline script adds a filter by verdict, expand and collapse all, and opens every case that
 * did not pass for printing. The page comes out in pieces, one case at a time, like the JSON
 * and JUnit files.
 */
export function* htmlReport(reports: RunReport[]): Generator<string> {
  const first = reports[0]!;
  const { level } = first;
  const title = level.selection ? verdictSubject(level) : `${level.title} (${level.xep})`;
  const baseline = level.baseline === '3920' ? 'RFC 3920/3921' : 'RFC 6120/6121';
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${esc(`xmpp-certify: ${title}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(title)}: <span class="badge v-${overallVerdict(reports)}" data-overall>${overallVerdict(reports).toUpperCase()}</span></h1>
<p class="meta">${esc(`${level.role} role, ${baseline} baseline · ${first.tool.name} ${first.tool.version} · catalogue ${first.catalogue.hash} · started ${first.startedAt}`)}</p>
${[...new Set(reports.map((r) => r.command))].map((command) => `<p class="meta command"><code>${esc(command)}</code></p>`).join('\n')}
</header>
<section class="targets">
${reports.map(targetCard).join('\n')}
</section>
${CONTROLS}
<table class="matrix">
<thead><tr><th>Specification</th><th>Requirement</th>${reports.map((r) => `<th>${esc(r.name)}</th>`).join('')}</tr></thead>
<tbody>
`;
  for (const [i, spec] of first.specs.entries()) {
    yield* specRow(spec, reports.map((r) => r.specs[i]!), reports);
    yield '\n';
  }
  yield `</tbody>
</table>
<footer><p>Counts in each cell: pass / fail / warn / skip / error. Passwords and SASL payloads are redacted from every transcript.</p></footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

export function writeHtml(file: string, reports: RunReport[]): void {
  writeFileAtomic(file, htmlReport(reports));
}

function targetCard(report: RunReport): string {
  const { target, level } = report;
  const software = target.software ? `${target.software.name} ${target.software.version}` : 'software not reported';
  const tls = target.tls.verification === 'insecure' ? ' · <strong class="v-warn">TLS not verified</strong>' : '';
  const t = report.totals;
  const reasons = [...level.reasons.map((r) => `<li>${esc(r)}</li>`), ...level.warnings.map((w) => `<li class="warning">${esc(w)}</li>`)].join('');
  return `<div class="target" data-target="${attr(report.name)}">
<h2>${esc(report.name)} <span class="badge v-${level.verdict}" data-level-verdict>${level.verdict.toUpperCase()}</span></h2>
<p class="meta">${esc(`${target.host}:${target.port} · ${target.domain} · ${software} · transports ${target.transports.join('+')} · accounts ${target.accounts}`)}${tls}</p>
<p class="meta">${esc(`${t.pass} pass, ${t.fail} fail, ${t.warn} warn, ${t.skip} skip, ${t.error} error${t.waived ? `, ${t.waived} waived` : ''}${report.complete ? '' : ` · interrupted: ${report.interruption ?? ''}`}`)}</p>
${reasons ? `<ul>${reasons}</ul>` : ''}
</div>`;
}

function* specRow(spec: SpecResult, perTarget: SpecResult[], reports: RunReport[]): Generator<string> {
  const via = spec.via ? ` <span class="via">via ${esc(spec.via)}</span>` : '';
  yield `<tr><th scope="row"><a href="${attr(spec.url)}">${esc(specLabel(spec))}</a> ${esc(spec.title)}</th><td>${esc(spec.requirement)}${via}${spec.note ? `<br><span class="note">${esc(spec.note)}</span>` : ''}</td>`;
  for (const [i, s] of perTarget.entries()) {
    const n = s.counts;
    const support = s.support ? `<p class="support">${esc(supportText(s))}</p>` : '';
    yield `<td class="cell v-${s.verdict}" data-target="${attr(reports[i]!.name)}" data-spec="${attr(s.spec)}" data-verdict="${s.verdict}">
<details><summary><span class="verdict">${s.verdict.toUpperCase()}</span> <span class="counts">${n.pass}/${n.fail}/${n.warn}/${n.skip}/${n.error}</span></summary>
${support}`;
    for (const [j, c] of concernFirst(s.cases).entries()) yield `${j ? '\n' : ''}${caseBlock(c, s.url)}`;
    yield '\n</details></td>';
  }
  yield '</tr>';
}

/** What a reader looks for first in a cell: failures, errors and warnings lead, passes come last. */
const CONCERN: Record<Verdict, number> = { fail: 0, error: 1, warn: 2, waived: 3, skip: 4, pass: 5 };
const byId = new Intl.Collator('en', { numeric: true });

/** The cases by concern, then by ID (4.2 before 4.10); a stable sort keeps one ID's transports in run order. */
function concernFirst(cases: readonly CaseResult[]): CaseResult[] {
  return [...cases].sort((a, b) => CONCERN[a.verdict] - CONCERN[b.verdict] || byId.compare(a.id, b.id));
}

function supportText(s: SpecResult): string {
  const sup = s.support!;
  const found = sup.supported === null ? 'support unknown' : sup.supported ? 'verified by behaviour' : 'absent';
  const advertised = sup.advertised === null ? '' : sup.advertised ? ', advertised' : ', not advertised';
  return `${found}${advertised}${sup.entity ? ` (asked ${sup.entity})` : ''}: ${sup.detail}`;
}

function caseBlock(c: CaseResult, specUrl: string): string {
  const transport = c.transport === 'tcp' ? '' : ` [${c.transport}]`;
  const findings = c.findings.length
    ? `<table class="findings"><tr><th>strength</th><th>expected</th><th>actual</th></tr>${c.findings.map((f) => `<tr><td>${f.strength.toUpperCase()}</td><td>${esc(f.expected)}</td><td>${esc(f.actual)}</td></tr>`).join('')}</table>`
    : '';
  const waiver = c.waiver ? `<p class="waiver">waiver (${c.waiver.status}): ${esc(c.waiver.reason)}${c.waiver.expires ? ` until ${esc(c.waiver.expires)}` : ''}; verdict without it: ${c.waiver.verdict.toUpperCase()}</p>` : '';
  return `<details class="case v-${c.verdict}" data-case="${attr(c.id)}" data-verdict="${c.verdict}">
<summary><span class="verdict">${c.verdict.toUpperCase()}</span> ${esc(c.id + transport)} <span class="meta">§${esc(c.section)} ${esc(c.keyword)}</span> ${esc(c.requirement)}</summary>
<div class="detail">
<p class="requirement">${esc(c.requirement)}</p>
<blockquote class="citation"><a href="${attr(c.citation.url || specUrl)}">${esc(citationLine(c.citation))}</a></blockquote>
${c.reason ? `<p class="reason">${esc(c.reason)}</p>` : ''}${findings}${waiver}
${c.notes.length ? `<ul class="notes">${c.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
<pre class="transcript">${esc(renderTranscript(c.transcript))}</pre>
</div>
</details>`;
}

/** Shown by the script, so that a page read without it offers no control that does nothing. */
const CONTROLS = `<nav class="controls" hidden>
<span>Show</span>
<label><input type="radio" name="show" value="fail"> failures and errors</label>
<label><input type="radio" name="show" value="warn"> and warnings</label>
<label><input type="radio" name="show" value="all" checked> all cases</label>
<button type="button" data-expand>Expand all</button>
<button type="button" data-collapse>Collapse all</button>
</nav>`;

/**
 * The filter hides the cases it does not show, and the rows left with none; printing ignores it
 * (the rule is for screens), and opens every case that did not pass together with its cell,
 * closing them again afterwards. Print preview and emulated print media are seen through
 * matchMedia, a real print through beforeprint as well; opening twice is harmless.
 */
const SCRIPT = `
const controls = document.querySelector('.controls');
controls.hidden = false;
const SHOWN = { fail: ['fail', 'error'], warn: ['fail', 'error', 'warn'] };
function show(filter) {
  const shown = (c) => !SHOWN[filter] || SHOWN[filter].includes(c.dataset.verdict);
  for (const c of document.querySelectorAll('details.case')) c.classList.toggle('filtered', !shown(c));
  for (const row of document.querySelectorAll('.matrix tbody tr')) {
    row.classList.toggle('filtered', filter in SHOWN && ![...row.querySelectorAll('details.case')].some(shown));
  }
}
for (const radio of controls.querySelectorAll('input[name=show]')) radio.addEventListener('change', () => show(radio.value));
show(controls.querySelector('input[name=show]:checked').value);
const openAll = (open) => { for (const d of document.querySelectorAll('details')) d.open = open; };
controls.querySelector('[data-expand]').addEventListener('click', () => openAll(true));
controls.querySelector('[data-collapse]').addEventListener('click', () => openAll(false));
const openedForPrint = [];
function openForPrint() {
  for (const c of document.querySelectorAll('details.case:not([data-verdict=pass])')) {
    for (let d = c; d; d = d.parentElement.closest('details')) {
      if (!d.open) openedForPrint.push(d);
      d.open = true;
    }
  }
}
function closeAfterPrint() {
  for (const d of openedForPrint.splice(0)) d.open = false;
}
addEventListener('beforeprint', openForPrint);
addEventListener('afterprint', closeAfterPrint);
matchMedia('print').addEventListener('change', (e) => (e.matches ? openForPrint() : closeAfterPrint()));
`;

const STYLE = `
:root { --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --skip: #6e7781; --error: #8250df; --waived: #0969da; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1f2328; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; } h2 { font-size: 1.1rem; margin: 0 0 .3rem; }
.meta { color: #59636e; margin: .2rem 0; } .command code { font-size: 12px; }
.targets { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.target { border: 1px solid #d1d9e0; border-radius: 6px; padding: .7rem 1rem; flex: 1 1 22rem; }
.target ul { margin: .3rem 0 0 1.2rem; padding: 0; } .warning { color: var(--warn); }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 4px; color: #fff; font-weight: 600; }
.badge.v-pass { background: var(--pass); } .badge.v-fail { background: var(--fail); } .badge.v-incomplete { background: var(--error); }
table.matrix { border-collapse: collapse; width: 100%; }
table.matrix th, table.matrix td { border: 1px solid #d1d9e0; padding: .35rem .5rem; text-align: left; vertical-align: top; }
table.matrix thead th { background: #f6f8fa; }
td.cell { min-width: 14rem; }
td.v-pass { background: #dafbe1; } td.v-fail, td.v-absent { background: #ffebe9; } td.v-warn { background: #fff8c5; }
td.v-incomplete { background: #fbefff; } td.v-untested { background: #f6f8fa; }
.verdict { font-weight: 600; } .counts { color: #59636e; font-size: 12px; }
details.case { margin: .25rem 0 .25rem .5rem; } details.case > summary { cursor: pointer; }
details.case.v-pass .verdict { color: var(--pass); } details.case.v-fail .verdict { color: var(--fail); }
details.case.v-warn .verdict { color: var(--warn); } details.case.v-skip .verdict { color: var(--skip); }
details.case.v-error .verdict { color: var(--error); } details.case.v-waived .verdict { color: var(--waived); }
.detail { margin: .3rem 0 .6rem .8rem; } .reason { font-weight: 600; }
table.findings { border-collapse: collapse; margin: .3rem 0; } table.findings td, table.findings th { border: 1px solid #d1d9e0; padding: .2rem .4rem; font-size: 12px; }
pre.transcript { background: #f6f8fa; padding: .5rem; overflow-x: auto; max-height: 30rem; font-size: 11px; white-space: pre-wrap; word-break: break-all; }
.support, .note, .via { color: #59636e; font-size: 12px; }
.controls { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; margin: 0 0 .7rem; }
.controls[hidden] { display: none; }
@media screen { .filtered { display: none; } }
@media print {
  body { margin: 0; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .controls { display: none; }
  pre.transcript { max-height: none; overflow: visible; }
}
`;

/** The page may run its own script and style and load nothing: a hostile transcript that slipped past escaping could do neither. */
const CONTENT_SECURITY_POLICY = `default-src 'none'; script-src '${sha256(SCRIPT)}'; style-src '${sha256(STYLE)}'`;

function sha256(text: string): string {
  return `sha256-${crypto.createHash('sha256').update(text).digest('base64')}`;
}
