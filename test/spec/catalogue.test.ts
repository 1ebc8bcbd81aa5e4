import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ErrorPair, Expected, Rule } from '../../lib/spec/catalogue.js';
import { loadCatalogue } from '../../lib/spec/load.js';
import { schemaOf } from '../../lib/spec/load-validate.js';
import { everyTestNeeds } from '../helpers/prerequisite.js';
import {
  haveReferences,
  openapiErrorPairs,
  pageErrorLines,
  REFERENCES,
  readPage,
  readProtocol,
  repoRoot,
} from './fixtures/references.js';
import { readContract, type Shape, schemaShape } from './fixtures/ts-shapes.js';

const catalogue = loadCatalogue();
const byId = new Map(catalogue.rules.map((rule) => [rule.id, rule]));

/** Rules added beyond the skeleton, each with its reason. */
const ADDED_RULES: string[] = [
  // Issue 8: a robustness probe (success-or-documented-4xx) where ambiguity name-letters leaves the outcome
  // open, so that a 5xx on a Name with non-ASCII letters is caught.
  'name.non-ascii-letters',
  // Issue 16: judged on every refused create of the run (ambiguity refusal-creates-nothing).
  'state.no-side-effects',
  // Issue 16.2: the support family, DescribeSnapshotGroups' filters and paging and DeleteSnapshotGroup's
  // refusals (protocol.md section 5).
  'support.describe-snapshot-group-id-filter',
  'support.describe-instance-id-filter',
  'support.describe-status-filter',
  'support.describe-name-filter',
  'support.describe-tag-filter',
  'support.describe-max-results',
  'support.describe-next-token',
  'support.delete-unknown-refused',
  'support.delete-deleted-refused',
  // Issue 16.3: a robustness probe (success-or-documented-4xx) where ambiguity forbidden-word-case leaves the
  // outcome open: a forbidden word in another case (ACS:x, Https://) accepted and stored as sent, or refused.
  'valid.forbidden-word-other-case',
];

/**
 * Codes no document gives, settled by an ambiguity instead: DeleteSnapshotGroup's refusal of a group it
 * does not have (protocol.md section 5 names no error of it).
 */
const SETTLED_UNDOCUMENTED: Record<string, string> = {
  'support.delete-unknown-refused': 'delete-not-found-code',
  'support.delete-deleted-refused': 'delete-not-found-code',
};

/** sha256 of JSON.stringify(parse(skeleton)) for the skeleton as committed before 0a66a9c dropped it. */
const SKELETON_DIGEST = '6c244c51a98e31fb71900f3dbd31ac7325c208673a6db275918076ce14c7f321';

type SkeletonEntry = { expected?: Expected; 'same-as'?: string; level?: 'must' | 'should' };
const skeletonFile = join(import.meta.dirname, 'fixtures', 'skeleton.contract.yaml');
const skeleton = parse(readFileSync(skeletonFile, 'utf8')) as Record<string, Record<string, SkeletonEntry>>;
const skeletonRules = Object.entries(skeleton).flatMap(([family, rules]) =>
  Object.entries(rules).map(([id, entry]) => {
    const expected = entry.expected ?? rules[entry['same-as'] ?? '']?.expected;
    return { id, family, expected, level: entry.level ?? 'must' };
  }),
);

const pairsOf = (expected: Expected): ErrorPair[] =>
  expected.kind === 'error' ? [expected] : expected.kind === 'one-of' ? expected.alternatives : [];

describe('rules catalogue', () => {
  it('loads and validates against spec/rules.schema.json', () => {
    expect(catalogue.operation).toBe('CreateSnapshotGroup');
    expect(catalogue.rules.length).toBe(skeletonRules.length + ADDED_RULES.length);
  });

  it('the skeleton copy is the skeleton as it was when dropped (commit 0a66a9c)', () => {
    // The original spec/rules.skeleton.yaml is gone, so the copy is pinned to a digest of its content
    // taken from `git show 0a66a9c^:spec/rules.skeleton.yaml`: editing the copy fails here.
    const digest = createHash('sha256').update(JSON.stringify(skeleton)).digest('hex');
    expect(Object.keys(skeleton).length).toBeGreaterThan(0);
    expect(digest).toBe(SKELETON_DIGEST);
  });

  it('keeps every skeleton rule id, family, level and expected outcome', () => {
    for (const want of skeletonRules) {
      const rule = byId.get(want.id);
      expect(rule, want.id).toBeDefined();
      expect({ id: want.id, family: rule?.family, level: rule?.level, expected: rule?.expected }).toEqual(
        want,
      );
    }
    const extra = catalogue.rules.map((r) => r.id).filter((id) => !skeletonRules.some((s) => s.id === id));
    expect(extra).toEqual(ADDED_RULES);
  });

  it('settles the ambiguities named by protocol.md section 6 and the brief', () => {
    const ids = catalogue.ambiguities.map((a) => a.id);
    for (const id of [
      'name-code',
      'description-code',
      'non-essd-code',
      'duplicate-rows',
      'missing-paramter-spelling',
      'dynamic-codes',
      'deleted-404-500',
      'client-token-undocumented',
      'belongs-to-instance-no-code',
      'error-precedence',
      'name-letters',
      'length-in-characters',
      'idempotent-mismatch-status',
      'idempotency-same-parameters',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('preconditions keep the valid selectors, except for the one fault of a disk-state or instance-account rule', () => {
    const valid = byId.get('valid.success-body') as Rule;
    // Changes that break no rule: more disks, all of them usable, instant access available, a detached disk.
    const harmless = new Set([
      'disk.status="Available"',
      'disk.instance=null',
      'instance.diskCount={"gte":1}',
      'instance.diskCount={"gte":2}',
      'instance.allDisksUsable=true',
      'region.instantAccessSupported=true',
    ]);
    const changes = (rule: Rule): string[] =>
      (['account', 'region', 'instance', 'disk'] as const).flatMap((resource) => {
        const own = rule.precondition[resource];
        if (own === undefined) return [];
        const keys = new Set([...Object.keys(valid.precondition[resource] ?? {}), ...Object.keys(own)]);
        return [...keys]
          .filter(
            (key) =>
              key in own && JSON.stringify(own[key]) !== JSON.stringify(valid.precondition[resource]?.[key]),
          )
          .map((key) => `${resource}.${key}=${JSON.stringify(own[key])}`)
          .filter((change) => !harmless.has(change));
      });
    for (const rule of catalogue.rules) {
      const changed = changes(rule);
      if (rule.family === 'disk-state' || rule.family === 'instance-account') {
        expect(changed.length, `${rule.id} must break something`).toBeGreaterThan(0);
        expect(changed.length, `${rule.id} breaks one thing: ${changed.join(', ')}`).toBeLessThanOrEqual(2);
      } else {
        expect(changed, rule.id).toEqual([]);
      }
    }
  });
});

describe('catalogue against the reference documents', () => {
  everyTestNeeds(REFERENCES);
  const page = haveReferences ? readPage() : '';
  const protocol = haveReferences ? readProtocol() : '';
  const lines = pageErrorLines(page);

  it('every quote is an exact substring of its document', () => {
    const missing = catalogue.rules.filter(
      (rule) => !(rule.source.document === 'api-doc' ? page : protocol).includes(rule.source.quote),
    );
    expect(missing.map((r) => r.id)).toEqual([]);
  });

  it('maps all 54 error rows, verbatim and in page order', () => {
    expect(lines).toHaveLength(54);
    expect(catalogue.errorRows).toHaveLength(54);
    catalogue.errorRows.forEach((row, i) => {
      expect(row.row).toBe(i + 1);
      expect(`${row.status}${row.code}${row.message}${row.description}`).toBe(lines[i]);
      expect(row.rules.length > 0 !== (row.notReachable !== undefined), `row ${row.row}`).toBe(true);
    });
  });

  it("each mapped row's (code, status) is among the expected outcomes of its rules", () => {
    for (const row of catalogue.errorRows) {
      for (const id of row.rules) {
        const expected = byId.get(id)?.expected as Expected;
        const hit = pairsOf(expected).some(
          (p) =>
            p.status === row.status &&
            (p.codeMatch === 'prefix' ? row.code.startsWith(p.code) : p.code === row.code),
        );
        expect(hit, `row ${row.row} ${row.code} -> ${id}`).toBe(true);
      }
    }
  });

  it('every expected (code, status) is documented: a page row, or a protocol.md / OpenAPI common code', () => {
    const openapi = openapiErrorPairs();
    const section4 = protocol.slice(protocol.indexOf('## 4.'), protocol.indexOf('## 5.'));
    for (const rule of catalogue.rules) {
      const settledBy = SETTLED_UNDOCUMENTED[rule.id];
      if (settledBy !== undefined) {
        expect(
          catalogue.ambiguities.map((a) => a.id),
          rule.id,
        ).toContain(settledBy);
        expect(rule.note, rule.id).toContain(`(ambiguity ${settledBy})`);
        continue;
      }
      for (const pair of pairsOf(rule.expected)) {
        const onPage = lines.some((l) => l.startsWith(`${pair.status}${pair.code}`));
        const inProtocol = section4.includes(`\`${pair.code}\``);
        expect(onPage || inProtocol, `${rule.id}: ${pair.code} ${pair.status}`).toBe(true);
        if (openapi !== undefined) {
          const documented = openapi.some((o) => o.code === pair.code && o.status === pair.status);
          expect(documented, `${rule.id}: ${pair.code} ${pair.status} in the OpenAPI x-error-codes`).toBe(
            true,
          );
        }
      }
    }
  });
});

describe('rules.schema.json and profile.schema.json mirror lib/spec/catalogue.ts', () => {
  const { interfaces, unions } = readContract(join(repoRoot, 'lib', 'spec', 'catalogue.ts'));
  const rules = schemaOf('rules') as { $defs: Record<string, object> } & object;
  const profile = schemaOf('profile') as { properties: Record<string, object> } & object;
  const flat = (shape: Shape | undefined): Record<string, boolean> =>
    Object.fromEntries(Object.entries(shape ?? {}).map(([k, v]) => [k, v.optional]));
  const pairs: Array<[string, object]> = [
    ['Catalogue', rules],
    ['Rule', rules.$defs.rule as object],
    ['Source', rules.$defs.source as object],
    ['Precondition', rules.$defs.precondition as object],
    ['ErrorPair', rules.$defs.errorPair as object],
    ['ErrorRow', rules.$defs.errorRow as object],
    ['Ambiguity', rules.$defs.ambiguity as object],
    ['ProfileFile', profile],
  ];
  it.each(pairs)('%s', (name, schema) => {
    expect(flat(schemaShape(schema))).toEqual(flat(interfaces[name]));
  });

  it('Limits: a profile file may overlay each of them, and only them', () => {
    const overlay = flat(schemaShape(profile.properties.limits as object));
    const limits = Object.keys(interfaces.Limits ?? {});
    expect(limits.length).toBeGreaterThan(0);
    expect(overlay).toEqual(Object.fromEntries(limits.map((key) => [key, true])));
  });

  it('the family enum is the Family union', () => {
    expect((rules.$defs.family as { enum: string[] }).enum).toEqual(unions.Family);
  });
});
