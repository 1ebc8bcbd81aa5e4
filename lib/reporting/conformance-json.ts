import type { RunReport } from '../runner/result.js';
import { canonicalReport } from './canonical.js';
import { validateReport } from './schemas.js';
import { scrubData, scrubText } from './scrub.js';

/** conformance.json: the canonical, scrubbed report, checked against spec/report.schema.json. */
export function renderConformanceJson(report: RunReport): string {
  const clean = canonicalReport(scrubData(report));
  validateReport(clean);
  return scrubText(`${JSON.stringify(clean, null, 2)}\n`);
}
