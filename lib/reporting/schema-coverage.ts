import type { RuleResult, SchemaKeywordCoverage } from '../runner/result.js';
import type { Catalogue } from '../spec/catalogue.js';
import { requestKeywords } from '../spec/schema-keywords.js';

/**
 * Every keyword of the OpenAPI request schema, with the rules that name it and what the run's sampled
 * cases did with it: broke it, or sat exactly on its bound. Computed here from the rule results, as the
 * error-table coverage is, so that shards add up.
 */
export function schemaCoverage(
  catalogue: Pick<Catalogue, 'rules'>,
  results: readonly RuleResult[],
): SchemaKeywordCoverage[] {
  return requestKeywords().map(({ location, bound }) => {
    let violated = 0;
    let atEdge = 0;
    for (const result of results) {
      const count = result.schema?.[location];
      violated += count?.violated ?? 0;
      atEdge += count?.atEdge ?? 0;
    }
    const rules = catalogue.rules.filter((rule) => rule.schema?.includes(location)).map((rule) => rule.id);
    return { location, rules, violated, atEdge, bounded: bound !== undefined };
  });
}
