import type { RunReport } from '../runner/result.js';
import { canonicalReport } from './canonical.js';
import { validateReport } from './schemas.js';
import { scrubData, scrubText } from './scrub.js';
import { runVerdict } from './verdict.js';

/**
 * conformance.json: the canonical, scrubbed report, checked against spec/report.schema.json, with the
 * run's verdict and its sentence (decided afresh from the rules, whatever a report read back said).
 */
export function renderConformanceJson(report: RunReport): string {
  const clean = canonicalReport(scrubData(report));
  const { status, sentence } = runVerdict(clean);
  const withVerdict = { ...clean, verdict: { status, sentence } };
  validateReport(withVerdict);
  return scrubText(`${JSON.stringify(withVerdict, null, 2)}\n`);
}
