import type { DifferentialReport, RunReport } from '../runner/result.js';
import { formatExpected } from './format.js';
import { mdCode, mdTable, mdText, plural } from './markdown-text.js';

/** The differential run's sentence: what the target was compared with, and how often they disagreed. */
export function differentialSentence(differential: DifferentialReport): string {
  const { compared, disagreeing, uncompared } = differential;
  const left =
    uncompared > 0 ? `; ${plural(uncompared, 'case')} not compared (no usable answer on one side)` : '';
  return `${plural(disagreeing, 'case')} of ${compared} compared disagreed with the reference${left}`;
}

/**
 * summary.md's differential section: the reference, the rules where the two sides disagreed (each
 * disagreement is also a finding of the rule, shown side by side under Failures), and the ambiguities the
 * reference settled: which of the answers a rule accepts it actually gave.
 */
export function differentialSection(report: RunReport): string | undefined {
  const differential = report.differential;
  if (differential === undefined) return undefined;
  const head = `Compared with the reference ${mdCode(differential.reference)}: ${mdText(differentialSentence(differential))}.`;
  const disagreeing = differential.rules.filter((r) => r.disagreeing > 0);
  const table =
    disagreeing.length === 0
      ? 'No disagreement.'
      : mdTable(
          ['rule', 'compared', 'disagreeing', 'not compared'],
          disagreeing.map((r) => [
            mdCode(r.rule, true),
            String(r.compared),
            String(r.disagreeing),
            String(r.uncompared),
          ]),
        );
  const expectedOf = new Map(report.rules.map((rule) => [rule.id, formatExpected(rule.expected)]));
  const settled = differential.rules.filter((r) => r.referenceAnswers !== undefined);
  const evidence =
    settled.length === 0
      ? []
      : [
          '### Ambiguities settled by evidence',
          'Rules whose expectation accepts several answers, and what the reference answered to their cases.',
          mdTable(
            ['rule', 'the catalogue accepts', 'the reference answered'],
            settled.map((r) => [
              mdCode(r.rule, true),
              mdCode(expectedOf.get(r.rule) ?? '', true),
              Object.entries(r.referenceAnswers ?? {})
                .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
                .map(([answer, count]) => `${mdCode(answer, true)} ×${count}`)
                .join(', '),
            ]),
          ),
        ];
  return [head, table, ...evidence].join('\n\n');
}
