import type { CompareMatrix, MatrixCell } from './compare.js';
import { CELL_VERDICTS, cellHasText, cellText } from './compare.js';
import { CELL_ICON, CELL_MEANING } from './compare-legend.js';
import { mdCode, mdTable, mdText } from './markdown-text.js';
import { scrubData, scrubText } from './scrub.js';
import { VERDICT_ICON } from './verdict.js';

const mdCell = (cell: MatrixCell): string =>
  cellHasText(cell)
    ? `${CELL_ICON[cell.verdict]} ${mdCode(cellText(cell), true)}`
    : `${CELL_ICON[cell.verdict]} ${cell.verdict}`;

/** The compatibility matrix as GitHub-flavoured Markdown. */
export function renderCompareMarkdown(input: CompareMatrix): string {
  const matrix = scrubData(input);
  const targets = mdTable(
    ['#', 'target', 'verdict', 'profile', 'seed', 'tool', 'finished', ...CELL_VERDICTS],
    matrix.targets.map((t, i) => [
      String(i + 1),
      mdCode(t.label, true),
      `${VERDICT_ICON[t.verdict.status]} ${mdText(t.verdict.sentence)}`,
      mdText(t.profile),
      String(t.seed),
      mdText(t.toolVersion),
      mdText(t.finishedAt),
      ...CELL_VERDICTS.map((v) => String(t.totals[v])),
    ]),
  );
  const rules = mdTable(
    ['rule', 'family', 'level', 'expected', ...matrix.targets.map((_, i) => `#${i + 1}`)],
    matrix.rows.map((row) => [
      mdCode(row.rule, true),
      mdText(row.family),
      mdText(row.level),
      mdCode(row.expected, true),
      ...row.cells.map(mdCell),
    ]),
  );
  const legend = CELL_VERDICTS.map((v) => `- ${CELL_ICON[v]} **${v}**: ${CELL_MEANING[v]}`).join('\n');
  const differential = matrix.targets.flatMap((t, i) =>
    t.differential === undefined
      ? []
      : [`- #${i + 1} compared with ${mdCode(t.differential.reference)}: ${mdText(t.differential.sentence)}`],
  );
  const parts = [
    '# Compatibility matrix: CreateSnapshotGroup',
    `${matrix.rows.length} rules, ${matrix.targets.length} targets.`,
    '## Targets',
    targets,
    ...(differential.length > 0 ? ['## Differential runs', differential.join('\n')] : []),
    '## Legend',
    legend,
    '## Rules',
    rules,
  ];
  return scrubText(`${parts.join('\n\n')}\n`);
}
