import type { RunReport } from '../runner/result.js';
import { canonicalReport } from './canonical.js';
import { scrubData, scrubText } from './scrub.js';
import { errorRowsSection, leftBehindSection, openRulesSection } from './summary-coverage.js';
import { differentialSection } from './summary-differential.js';
import { failureSections } from './summary-failures.js';
import { familySections } from './summary-families.js';
import { runFacts, totalsTable, verdictLine } from './summary-header.js';
import { nearMissSection } from './summary-near-misses.js';
import { schemaCoverageSection } from './summary-schema.js';
import { transportCoverageSection } from './summary-transports.js';

/** summary.md: what a person reads first, and what lands in the GitHub job summary. */
export function renderSummaryMarkdown(report: RunReport): string {
  const clean = canonicalReport(scrubData(report));
  const failures = failureSections(clean);
  const open = openRulesSection(clean);
  const schema = schemaCoverageSection(clean);
  const transports = transportCoverageSection(clean);
  const nearMisses = nearMissSection(clean);
  const differential = differentialSection(clean);
  const parts = [
    '# ecs-conformance: CreateSnapshotGroup',
    verdictLine(clean),
    runFacts(clean),
    '## Totals',
    totalsTable(clean),
    ...(differential ? ['## Differential run', differential] : []),
    '## Rules by family',
    ...familySections(clean),
    ...(failures.length > 0 ? ['## Failures', ...failures] : []),
    ...(open ? ['## Not covered, skipped or inconclusive', open] : []),
    "## Documented errors (the page's error table)",
    errorRowsSection(clean),
    ...(schema ? ['## Request schema keywords (the OpenAPI description)', schema] : []),
    ...(transports ? ['## Transport coverage', transports] : []),
    ...(nearMisses ? ['## Near misses (valid values next to a forbidden word)', nearMisses] : []),
    '## Left behind',
    leftBehindSection(clean),
  ];
  return scrubText(`${parts.join('\n\n')}\n`);
}
