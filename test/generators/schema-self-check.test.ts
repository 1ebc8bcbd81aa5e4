import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../lib/cases.js';
import { loadCatalogue } from '../../lib/spec/load.js';
import { requestSchema } from '../../lib/spec/openapi.js';
import { requestObjectOf } from '../../lib/spec/request-object.js';
import { BORROWS_FAULTS, casesFor } from './helpers.js';

// Issue 18's self-checks: the generators and the OpenAPI request schema agree. Every valid request
// validates; every single-fault request violates the schema exactly where its rule sits (the catalogue's
// `schema` pointers), or, for a rule the schema cannot express, not at all.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
const validate = ajv.compile(requestSchema('CreateSnapshotGroup'));
const rules = new Map(loadCatalogue().rules.map((r) => [r.id, r]));

/** The schema locations a request breaks, as ajv names them (`/properties/Name/maxLength`). */
function violations(c: Case): string[] {
  if (validate(requestObjectOf(c.request.params))) return [];
  const paths = (validate.errors ?? []).map((e) => e.schemaPath.replace(/^#/, ''));
  // A `not`/`anyOf` failure also reports the branches it tried: keep the keyword the rule names.
  return [...new Set(paths)].filter((p) => !paths.some((other) => other !== p && p.startsWith(`${other}/`)));
}

const { cases } = casesFor(3);
const createCases = cases.filter(
  (c) => c.request.action === 'CreateSnapshotGroup' && c.request.tamper === undefined,
);

describe('generated requests against the OpenAPI request schema', () => {
  it('every valid request validates', () => {
    const valid = createCases.filter((c) => c.expected.kind === 'success' && c.kind !== 'wire');
    expect(valid.length).toBeGreaterThan(30);
    const bad = valid
      .filter((c) => violations(c).length > 0)
      .map((c) => `${c.id}: ${violations(c).join(', ')}`);
    expect(bad).toEqual([]);
  });

  it('every single-fault request violates the schema exactly where its rule sits', () => {
    const faults = createCases.filter(
      (c) =>
        ['invalid', 'boundary', 'wire'].includes(c.kind) &&
        c.expected.kind !== 'success' &&
        rules.get(c.rule)?.schema,
    );
    expect(new Set(faults.map((c) => c.rule)).size).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const c of faults) {
      const allowed = rules.get(c.rule)?.schema ?? [];
      const found = violations(c);
      if (found.length === 0 || found.some((p) => !allowed.includes(p)))
        wrong.push(
          `${c.id} (${c.description}): ${found.join(', ') || 'valid'}; rule names ${allowed.join(', ')}`,
        );
    }
    expect(wrong).toEqual([]);
  });

  it('a fault the schema cannot express leaves the request valid', () => {
    const outside = createCases.filter(
      (c) =>
        c.kind === 'invalid' &&
        c.expected.kind !== 'success' &&
        rules.get(c.rule)?.schema === undefined &&
        // valid.error-body and state.no-side-effects borrow other rules' faults.
        !BORROWS_FAULTS.has(c.rule),
    );
    expect(new Set(outside.map((c) => c.rule)).size).toBeGreaterThan(10);
    const bad = outside
      .filter((c) => violations(c).length > 0)
      .map((c) => `${c.id}: ${violations(c).join(', ')}`);
    expect(bad).toEqual([]);
  });
});
