import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../lib/spec/catalogue.js';
import { loadCatalogue, loadProfile, loadWorld } from '../../lib/spec/load.js';
import { schemaOf } from '../../lib/spec/load-validate.js';
import { findResources, groupByZone, matches, matchValue, USABLE_DISK } from '../../lib/spec/select.js';
import { repoRoot } from './fixtures/references.js';
import { readContract, type Shape, schemaShape } from './fixtures/ts-shapes.js';

const world = loadWorld();
const catalogue = loadCatalogue();
const limits = loadProfile().limits;
const rule = (id: string): Rule => catalogue.rules.find((r) => r.id === id) as Rule;
const usable = findResources(world, rule('valid.success-body').precondition);

describe('select: Match semantics', () => {
  it('literals, not, in, gte, lte; a missing attribute reads as null', () => {
    expect(matchValue('a', 'a')).toBe(true);
    expect(matchValue('a', 'b')).toBe(false);
    expect(matchValue(undefined, null)).toBe(true);
    expect(matchValue(undefined, { in: [null, 'Enabled'] })).toBe(true);
    expect(matchValue('Disabled', { in: [null, 'Enabled'] })).toBe(false);
    expect(matchValue('cloud', { not: 'cloud_essd' })).toBe(true);
    expect(matchValue('cloud_essd', { not: 'cloud_essd' })).toBe(false);
    expect(matchValue(16, { gte: 16 })).toBe(true);
    expect(matchValue(15, { gte: 16 })).toBe(false);
    expect(matchValue('16', { gte: 16 })).toBe(false);
    expect(matchValue(1, { lte: 1 })).toBe(true);
    expect(matchValue(2, { lte: 1 })).toBe(false);
  });

  it('dotted keys walk into nested objects', () => {
    const account = { quotas: { snapshots: 1 } };
    expect(matches(account, { 'quotas.snapshots': { lte: 1 } })).toBe(true);
    expect(matches(account, { 'quotas.snapshots': { gte: 16 } })).toBe(false);
    expect(matches(account, { 'quotas.missing.deeper': null })).toBe(true);
    expect(matches(account, undefined)).toBe(true);
  });

  it('findResources returns disk combos with derived attributes, instance combos, or account x region', () => {
    const noDisk = findResources(world, rule('instance.has-disks').precondition);
    expect(noDisk.map((c) => c.instance?.id)).toEqual(['i-bp1hnodisk']);
    expect(noDisk[0]).toMatchObject({ instance: { diskCount: 0 }, account: { id: 'acct-main' } });
    const quota = findResources(world, rule('disk.unfinished-snapshots-quota').precondition);
    expect(quota.map((c) => c.disk?.id)).toEqual(['d-bp1badunfinished']);
    const bare = findResources(world, { description: 'any', account: { id: 'acct-main' } });
    expect(bare).toHaveLength(world.regions.length);
  });

  it("USABLE_DISK is the catalogue's valid disk selector", () => {
    expect(rule('valid.success-body').precondition.disk).toEqual(USABLE_DISK);
  });
});

describe('default world', () => {
  it('triggers every rule of the catalogue (no rule without candidates)', () => {
    const uncovered = catalogue.rules.filter((r) => findResources(world, r.precondition).length === 0);
    expect(uncovered.map((r) => r.id)).toEqual([]);
  });

  it('holds maxDisks + 1 usable disks in one zone, within the size limit, for the count rule', () => {
    const zones = [...groupByZone(usable).values()].map((group) => group.map((c) => c.disk?.sizeGiB ?? 0));
    const big = zones.find((sizes) => sizes.length > limits.maxDisks) ?? [];
    expect(big.length).toBeGreaterThan(limits.maxDisks);
    const smallest = [...big].sort((a, b) => a - b).slice(0, limits.maxDisks + 1);
    expect(smallest.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(limits.maxTotalSizeGiB);
    const largest = [...big].sort((a, b) => b - a).slice(0, limits.maxDisks);
    expect(largest.reduce((a, b) => a + b, 0)).toBeGreaterThan(limits.maxTotalSizeGiB);
    // Some set of at most maxDisks usable disks adds up to exactly the limit (the inclusive boundary).
    const reachable = new Map<number, number>([[0, 0]]);
    for (const size of big) {
      for (const [sum, count] of [...reachable]) {
        const next = sum + size;
        if (
          next <= limits.maxTotalSizeGiB &&
          count < limits.maxDisks &&
          (reachable.get(next) ?? Infinity) > count + 1
        )
          reachable.set(next, count + 1);
      }
    }
    expect(reachable.has(limits.maxTotalSizeGiB)).toBe(true);
  });

  it('has usable disks of one account and region in two zones, and two usable instances in one zone', () => {
    const zonesOf = new Map<string, Set<string>>();
    for (const c of usable) {
      const key = `${c.account.id}/${c.region.id}`;
      zonesOf.set(key, (zonesOf.get(key) ?? new Set()).add(c.disk?.zone ?? ''));
    }
    expect([...zonesOf.values()].some((zones) => zones.size >= 2)).toBe(true);
    const instancesPerZone = [...groupByZone(usable).values()].map(
      (g) => new Set(g.map((c) => c.instance?.id)).size,
    );
    expect(Math.max(...instancesPerZone)).toBeGreaterThanOrEqual(2);
  });

  it('has a disk per other category, per refused status and per KMS key state', () => {
    const categories = new Set(world.disks.map((d) => d.category));
    const statuses = new Set(world.disks.map((d) => d.status));
    const kms = new Set(world.disks.map((d) => d.kmsKeyState));
    const { unions } = readContract(join(repoRoot, 'lib', 'spec', 'world.ts'));
    expect([...categories].sort()).toEqual([...(unions.DiskCategory ?? [])].sort());
    expect([...statuses].sort()).toEqual([...(unions.DiskStatus ?? [])].sort());
    for (const state of unions.KmsKeyState ?? []) expect(kms).toContain(state);
    const instanceStatuses = new Set(world.instances.map((i) => i.status));
    expect([...instanceStatuses].sort()).toEqual([...(unions.InstanceStatus ?? [])].sort());
  });

  it('gives each account-level fault its own account, with acct-main first and in good standing', () => {
    expect(world.accounts[0]?.id).toBe('acct-main');
    expect(
      findResources(world, rule('valid.success-body').precondition).every(
        (c) => c.account.id === 'acct-main',
      ),
    ).toBe(true);
    const faultAccounts = [
      'account.balance',
      'account.snapshot-service',
      'account.whitelisted',
      'account.authorized',
      'account.snapshot-quota',
    ].map((id) => new Set(findResources(world, rule(id).precondition).map((c) => c.account.id)));
    for (const accounts of faultAccounts) expect(accounts.size).toBe(1);
    expect(new Set(faultAccounts.map((a) => [...a][0])).size).toBe(faultAccounts.length);
    expect(world.accounts.every((a) => a.accessKeyId.startsWith('LTAI5tConformance'))).toBe(true);
  });

  it('the example real-account world is valid too', () => {
    const example = loadWorld(join(repoRoot, 'fixtures', 'example.real-account.world.yaml'));
    expect(example.accounts[0]?.accessKeyId).toBe('from-environment');
    expect(findResources(example, rule('valid.success-body').precondition).length).toBeGreaterThan(1);
    expect(findResources(example, rule('disk.category-essd').precondition).length).toBe(1);
  });
});

describe('world.schema.json mirrors lib/spec/world.ts', () => {
  const { interfaces, unions } = readContract(join(repoRoot, 'lib', 'spec', 'world.ts'));
  const schema = schemaOf('world') as {
    $defs: Record<string, { properties: Record<string, { enum?: string[] }> }>;
  };
  const flat = (shape: Shape | undefined): Record<string, boolean> =>
    Object.fromEntries(Object.entries(shape ?? {}).map(([k, v]) => [k, v.optional]));
  it.each([
    ['World', schema],
    ['Account', schema.$defs.account],
    ['Region', schema.$defs.region],
    ['Instance', schema.$defs.instance],
    ['Disk', schema.$defs.disk],
  ] as Array<[string, object]>)('%s', (name, objectSchema) => {
    expect(flat(schemaShape(objectSchema))).toEqual(flat(interfaces[name]));
  });

  it('Account.quotas', () => {
    expect(flat(schemaShape(schema.$defs.account as object).quotas?.members)).toEqual(
      flat(interfaces.Account?.quotas?.members),
    );
  });

  it('enums are the unions', () => {
    expect(schema.$defs.disk?.properties.category?.enum).toEqual(unions.DiskCategory);
    expect(schema.$defs.disk?.properties.status?.enum).toEqual(unions.DiskStatus);
    expect(schema.$defs.disk?.properties.kmsKeyState?.enum).toEqual(unions.KmsKeyState);
    expect(schema.$defs.instance?.properties.status?.enum).toEqual(unions.InstanceStatus);
  });
});
