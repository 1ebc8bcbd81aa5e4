import { describe, expect, it } from 'vitest';
import { ALL_TRANSPORTS, generateCases } from '../../generators/index.js';
import type { Case } from '../../lib/cases.js';
import { ToolError } from '../../lib/errors.js';
import { loadProfile } from '../../lib/spec/load.js';
import { casesFor, defaultSpec, verdictOf } from './helpers.js';
import { smallWorld } from './world-fixture.js';

const key = (t: Case['request']['transport']) => `${t.signature} ${t.method} ${t.body} ${t.format}`;

describe('coverage of the catalogue', () => {
  it('gives cases to every rule of the default world, and lists none as not covered', () => {
    const { cases, notCovered } = casesFor(1);
    expect(notCovered).toEqual([]);
    const covered = new Set(cases.map((c) => c.rule));
    expect([...covered].sort()).toEqual(
      defaultSpec()
        .catalogue.rules.map((r) => r.id)
        .sort(),
    );
  });

  it('lists every rule a poor world cannot reach, with a reason, and never drops one silently', () => {
    const { catalogue, profile } = defaultSpec();
    const world = smallWorld();
    const { cases, notCovered } = generateCases({ catalogue, profile, world, seed: 1 });
    const covered = new Set(cases.map((c) => c.rule));
    const listed = new Set(notCovered.map((n) => n.rule));
    for (const rule of catalogue.rules)
      expect(covered.has(rule.id) !== listed.has(rule.id), rule.id).toBe(true);
    for (const rule of [
      'disk.category-essd',
      'account.balance',
      'retention-days.range',
      'disk-ids.same-zone',
      'disk-ids.max-count',
      'instance.has-disks',
      'state.instant-access-stored',
    ]) {
      expect(listed.has(rule), rule).toBe(true);
    }
    for (const n of notCovered) expect(n.reason.length, n.rule).toBeGreaterThan(10);
    // What it can reach it still reaches, and correctly.
    expect(covered.has('name.max-length')).toBe(true);
    expect(covered.has('region.instant-access-supported')).toBe(true);
    for (const c of cases.filter((x) => x.expected.kind === 'success')) {
      expect([...verdictOf(world, profile, c).broken], c.id).toEqual([]);
    }
  });

  it('reports the count and capacity rules not covered under the SDK profile in the default world', () => {
    const { catalogue, world } = defaultSpec();
    const { notCovered, gaps } = generateCases({
      catalogue,
      world,
      profile: loadProfile('sdk-7.11'),
      seed: 1,
      runs: 1,
    });
    expect(notCovered.map((n) => n.rule).sort()).toEqual(['disk-ids.max-count', 'disk-ids.max-total-size']);
    expect(gaps.map((g) => g.rule)).toContain('valid.boundaries-accepted');
  });

  it('keeps successful creates to a few dozen, spread over many disks', () => {
    const successes = casesFor(1).cases.filter(
      (c) =>
        c.expected.kind === 'success' ||
        c.expectGroup !== undefined ||
        c.prelude?.some((p) => p.action === 'CreateSnapshotGroup'),
    );
    // 13 of them are idempotency.parameter-mismatch's first requests, one per parameter varied (issue 19),
    // 6 valid.boundaries-accepted's near misses of the forbidden words and 4 valid.forbidden-word-other-case
    // probes (issue 16), and 18 of the support
    // family (issue 16.2): 14 Describe cases, each making two or three groups first, and 4 deletes of a
    // deleted group.
    expect(successes.length).toBeLessThanOrEqual(94);
    const perDisk = new Map<string, number>();
    for (const c of successes) for (const d of c.disks) perDisk.set(d, (perDisk.get(d) ?? 0) + 1);
    expect(perDisk.size).toBeGreaterThanOrEqual(20);
    expect(Math.max(...perDisk.values())).toBeLessThanOrEqual(15);
  });
});

describe('transports', () => {
  it('spreads cases over all 12 variants by default, each rule over several', () => {
    const { cases } = casesFor(1);
    const seen = new Set(cases.map((c) => key(c.request.transport)));
    expect(seen.size).toBe(12);
    expect(ALL_TRANSPORTS).toHaveLength(12);
    const variants = cases
      .filter((c) => c.rule === 'valid.transport-variants')
      .map((c) => key(c.request.transport));
    expect(new Set(variants).size).toBe(12);
    const withPrelude = cases.filter((x) => (x.prelude ?? []).length > 0);
    expect(withPrelude.length).toBeGreaterThanOrEqual(15);
    for (const c of withPrelude) {
      for (const p of c.prelude ?? []) expect(p.transport).toEqual(c.request.transport);
    }
  });

  it('narrows every case to the variants asked for', () => {
    const only = ALL_TRANSPORTS.filter((t) => t.signature === 'v2' && t.method === 'GET');
    const { cases } = generateCases({ ...defaultSpec(), seed: 1, runs: 1, transports: only });
    expect(new Set(cases.map((c) => key(c.request.transport)))).toEqual(new Set(only.map(key)));
    expect(cases.filter((c) => c.rule === 'valid.transport-variants')).toHaveLength(2);
  });
});

describe('options', () => {
  it('selects rules by id or family, with the ids and content of a full run', () => {
    const { cases } = generateCases({ ...defaultSpec(), seed: 1, only: ['name.min-length', 'protocol'] });
    const rules = new Set(cases.map((c) => c.rule));
    expect(rules.has('name.min-length')).toBe(true);
    expect(rules.has('protocol.nonce-unique')).toBe(true);
    expect([...rules].every((r) => r === 'name.min-length' || r.startsWith('protocol.'))).toBe(true);
    const full = new Map(casesFor(1).cases.map((c) => [c.id, c]));
    for (const c of cases) expect(c).toEqual(full.get(c.id));
  });

  it('rejects bad options with a usage error naming the field', () => {
    const spec = defaultSpec();
    const usage = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ToolError ? `${e.code} ${e.message}` : 'other';
      }
      return 'none';
    };
    expect(usage(() => generateCases({ ...spec, seed: 1.5 }))).toMatch(/^E_USAGE .*seed/);
    expect(usage(() => generateCases({ ...spec, seed: 1, runs: -1 }))).toMatch(/^E_USAGE .*runs/);
    expect(usage(() => generateCases({ ...spec, seed: 1, only: ['nope'] }))).toMatch(/^E_USAGE .*only/);
    expect(usage(() => generateCases({ ...spec, seed: 1, transports: [] }))).toMatch(/^E_USAGE .*transports/);
    expect(usage(() => generateCases({ ...spec, seed: 1, account: 'nobody' }))).toMatch(/^E_USAGE .*account/);
  });

  it('adds `runs` random cases per rule, a third of them (rounded up) where cases create groups', () => {
    const count = (runs: number, rule: string) =>
      generateCases({ ...defaultSpec(), seed: 1, runs, only: [rule] }).cases.length;
    expect(count(5, 'name.max-length') - count(0, 'name.max-length')).toBe(5);
    expect(count(5, 'state.disk-form-snapshots') - count(0, 'state.disk-form-snapshots')).toBe(2);
  });
});
