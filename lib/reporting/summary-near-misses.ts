import type { RunReport } from '../runner/result.js';
import { sortedRules } from './format.js';
import { mdCode, mdTable, plural } from './markdown-text.js';

/** The fields in request order; a field a report names that is not listed here comes after, by name. */
const FIELD_ORDER = ['Name', 'Description', 'Tag.N.Key', 'Tag.N.Value'];

const byField = (a: string, b: string): number => {
  const rank = (field: string) =>
    FIELD_ORDER.includes(field) ? FIELD_ORDER.indexOf(field) : FIELD_ORDER.length;
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
};

/**
 * The near-miss phase (issue 16: over-strict targets): valid values right next to a forbidden word, per
 * rule and field, and what the target did with them. Undefined when no rule sent any.
 */
export function nearMissSection(report: RunReport): string | undefined {
  const rows = sortedRules(report.rules).flatMap((rule) =>
    Object.entries(rule.nearMisses ?? {})
      .sort(([a], [b]) => byField(a, b))
      .map(([field, count]) => ({ rule: rule.id, field, ...count })),
  );
  if (rows.length === 0) return undefined;
  const sent = rows.reduce((sum, r) => sum + r.sent, 0);
  const accepted = rows.reduce((sum, r) => sum + r.accepted, 0);
  const refused = rows.reduce((sum, r) => sum + r.refused, 0);
  const counts =
    `${plural(sent, 'near-miss value')} sent (a forbidden word later in the value, inside a longer word, ` +
    `cut short, or in another case): ${accepted} accepted, ${refused} refused, ${sent - accepted - refused} unanswered. ` +
    'A request carries several, so a refused one counts each of its near misses refused; ' +
    'each rule judges its own: one that must accept them fails on a refusal.';
  const table = mdTable(
    ['rule', 'field', 'sent', 'accepted', 'refused'],
    rows.map((r) => [
      mdCode(r.rule, true),
      mdCode(r.field, true),
      String(r.sent),
      String(r.accepted),
      String(r.refused),
    ]),
  );
  return `${counts}\n\n${table}`;
}
