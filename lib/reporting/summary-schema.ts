import type { RunReport, SchemaKeywordCoverage } from '../runner/result.js';
import { mdCode, mdTable, plural } from './markdown-text.js';

/** Both sides of a keyword: broken by a case, and (for a bound) sat on exactly by one. */
const bothSides = (k: SchemaKeywordCoverage): boolean => k.violated > 0 && (!k.bounded || k.atEdge > 0);

const side = (count: number): string => (count > 0 ? `✅ ${count}` : '⚪ 0');

/**
 * The request schema's keywords that a rule names, and what the run's sampled cases did with each; the
 * others (a wire value is always text, so a string `type` cannot be broken) are counted, not listed.
 */
export function schemaCoverageSection(report: RunReport): string | undefined {
  const keywords = report.schemaCoverage;
  if (keywords === undefined || keywords.length === 0) return undefined;
  const named = keywords.filter((k) => k.rules.length > 0);
  const covered = named.filter(bothSides).length;
  const counts =
    `${covered} of ${plural(named.length, 'keyword')} that rules name exercised on both sides ` +
    `(broken, and sat on exactly where it is a bound); ${keywords.length - named.length} more keywords no rule names. ` +
    'Counted on the first cases of each kind of every rule.';
  const table = mdTable(
    ['keyword', 'rules', 'broken', 'at its bound'],
    named.map((k) => [
      mdCode(k.location, true),
      k.rules.map((id) => mdCode(id, true)).join(', '),
      side(k.violated),
      k.bounded ? side(k.atEdge) : '–',
    ]),
  );
  return `${counts}\n\n${table}`;
}
