import { shownText } from '../shown-text.js';
import { FAMILIES } from '../spec/catalogue.js';
import type { CompareMatrix, MatrixCell, MatrixRow } from './compare.js';
import { CELL_VERDICTS, cellHasText, cellText, rowDiffers } from './compare.js';
import { COMPARE_CSS, COMPARE_JS } from './compare-html-assets.js';
import { CELL_MEANING, CELL_SYMBOL } from './compare-legend.js';
import { scrubData, scrubText } from './scrub.js';
import { VERDICT_ICON } from './verdict.js';

/** Every value may come from a target's answer: bound it, escape its control characters, then its HTML. */
const esc = (text: string | number): string =>
  shownText(String(text)).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function cell(c: MatrixCell): string {
  const title = c.detail !== undefined ? ` title="${esc(c.detail)}"` : '';
  const body = cellHasText(c) ? `<code>${esc(cellText(c))}</code>` : esc(c.verdict);
  return `<td class="v-${c.verdict}"${title}><span class="sym">${CELL_SYMBOL[c.verdict]}</span> ${body}</td>`;
}

function row(r: MatrixRow): string {
  const verdicts = [...new Set(r.cells.map((c) => c.verdict))].join(' ');
  return (
    `<tr data-family="${esc(r.family)}" data-verdicts="${esc(verdicts)}" data-differs="${rowDiffers(r)}">` +
    `<td><code>${esc(r.rule)}</code><br><small>${esc(r.title)}</small></td><td>${esc(r.family)}</td>` +
    `<td>${esc(r.level)}</td><td><code>${esc(r.expected)}</code></td>${r.cells.map(cell).join('')}</tr>`
  );
}

function targetsTable(matrix: CompareMatrix): string {
  const head = ['#', 'target', 'verdict', 'profile', 'seed', 'tool', 'finished', ...CELL_VERDICTS]
    .map((h) => `<th>${esc(h)}</th>`)
    .join('');
  const body = matrix.targets
    .map(
      (t, i) =>
        `<tr><td>${i + 1}</td><td><code>${esc(t.label)}</code></td>` +
        `<td class="verdict-${t.verdict.status}">${VERDICT_ICON[t.verdict.status]} ${esc(t.verdict.sentence)}</td>` +
        `<td>${esc(t.profile)}</td><td>${t.seed}</td>` +
        `<td>${esc(t.toolVersion)}</td><td>${esc(t.finishedAt)}</td>` +
        CELL_VERDICTS.map((v) => `<td class="total-${v}">${t.totals[v]}</td>`).join('') +
        '</tr>',
    )
    .join('\n');
  return `<table id="totals"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function filters(matrix: CompareMatrix): string {
  const present = FAMILIES.filter((f) => matrix.rows.some((r) => r.family === f));
  const options = present.map((f) => `<option value="${esc(f)}">${esc(f)}</option>`).join('');
  const boxes = CELL_VERDICTS.map(
    (v) =>
      `<label class="v-${v}"><input type="checkbox" value="${v}" checked> <span class="sym">${CELL_SYMBOL[v]}</span> ${esc(v)}</label>`,
  ).join('\n');
  return [
    '<section id="filters">',
    `<label>Family <select id="family-filter"><option value="">all families</option>${options}</select></label>`,
    `<fieldset id="verdict-filter"><legend>Rules where some target is</legend>\n${boxes}\n</fieldset>`,
    '<label><input type="checkbox" id="differs-filter"> only rules where targets disagree</label>',
    `<p id="shown-count" aria-live="polite">${matrix.rows.length} of ${matrix.rows.length} rules shown</p>`,
    '</section>',
  ].join('\n');
}

/** Which targets were compared with a reference, and how often they disagreed (absent: none was). */
function differentialList(matrix: CompareMatrix): string {
  const items = matrix.targets.flatMap((t, i) =>
    t.differential === undefined
      ? []
      : [
          `<li>#${i + 1} compared with <code>${esc(t.differential.reference)}</code>: ${esc(t.differential.sentence)}</li>`,
        ],
  );
  return items.length === 0
    ? ''
    : `\n<h2>Differential runs</h2>\n<ul id="differential">\n${items.join('\n')}\n</ul>`;
}

/** One self-contained HTML page (inline CSS and JS, no network) with family and verdict filters. */
export function renderCompareHtml(input: CompareMatrix): string {
  const matrix = scrubData(input);
  const legend = CELL_VERDICTS.map(
    (v) =>
      `<li class="v-${v}"><span class="sym">${CELL_SYMBOL[v]}</span> <strong>${esc(v)}</strong>: ${esc(CELL_MEANING[v])}</li>`,
  ).join('\n');
  const head = ['rule', 'family', 'level', 'expected', ...matrix.targets.map((t) => t.label)]
    .map((h) => `<th>${esc(h)}</th>`)
    .join('');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Compatibility matrix: CreateSnapshotGroup</title>
<style>${COMPARE_CSS}</style>
</head>
<body>
<h1>Compatibility matrix: CreateSnapshotGroup</h1>
<p>${matrix.rows.length} rules, ${matrix.targets.length} targets.</p>
<h2>Targets</h2>
${targetsTable(matrix)}${differentialList(matrix)}
<h2>Legend</h2>
<ul class="legend">
${legend}
</ul>
<h2>Rules</h2>
${filters(matrix)}
<table id="matrix"><thead><tr>${head}</tr></thead><tbody>
${matrix.rows.map(row).join('\n')}
</tbody></table>
<script>${COMPARE_JS}</script>
</body>
</html>
`;
  return scrubText(html);
}
