import { describe, expect, it } from 'vitest';
import { generateCases } from '../../generators/index.js';
import { type Case, type CaseRequest, preludeGroupId } from '../../lib/cases.js';
import { casesFor, defaultSpec, verdictOf } from './helpers.js';

/** The support family's cases (issue 16.2): what each Describe asks, what each prelude makes. */
const { world, profile, catalogue } = defaultSpec();
const supportRules = catalogue.rules.filter((rule) => rule.family === 'support').map((rule) => rule.id);
const DESCRIBE_FILTERS: Record<string, RegExp> = {
  'support.describe-snapshot-group-id-filter': /^SnapshotGroupId\.\d+$/,
  'support.describe-instance-id-filter': /^InstanceId$/,
  'support.describe-status-filter': /^Status\.\d+$/,
  'support.describe-name-filter': /^Name$/,
  'support.describe-tag-filter': /^Tag\.\d+\.(Key|Value)$/,
  'support.describe-max-results': /^MaxResults$/,
  'support.describe-next-token': /^MaxResults$/,
};

const param = (request: CaseRequest, name: string): string | undefined =>
  request.params.find(([key]) => key === name)?.[1];
const creates = (c: Case): CaseRequest[] =>
  (c.prelude ?? []).filter((p) => p.action === 'CreateSnapshotGroup');
const diskOf = (id: string | undefined) => world.disks.find((disk) => disk.id === id);

describe.each([1, 2])('support cases of the default run, seed %i', (seed) => {
  const cases = casesFor(seed).cases.filter((c) => c.rule.startsWith('support.'));
  const byRule = (rule: string) => cases.filter((c) => c.rule === rule);

  it('covers each rule of the family with a handful of cases', () => {
    expect(supportRules).toHaveLength(9);
    for (const rule of supportRules) {
      const count = byRule(rule).length;
      expect(count, rule).toBeGreaterThanOrEqual(2);
      expect(count, rule).toBeLessThanOrEqual(4);
    }
  });

  it('makes its groups with valid creates, in one region, on the disks it declares', () => {
    for (const c of cases.filter((x) => x.request.action === 'DescribeSnapshotGroups')) {
      const made = creates(c);
      expect(made.length, c.id).toBeGreaterThanOrEqual(2);
      for (const create of made) {
        expect([...verdictOf(world, profile, { ...c, request: create, prelude: [] }).broken], c.id).toEqual(
          [],
        );
        expect(param(create, 'RegionId'), c.id).toBe(param(c.request, 'RegionId'));
        expect(create.transport, c.id).toEqual(c.request.transport);
      }
      const disks = made.map((create) => param(create, 'DiskId.1'));
      expect(new Set(disks).size, c.id).toBe(made.length);
      expect([...c.disks].sort(), c.id).toEqual([...disks].sort());
      expect(new Set(made.map((create) => param(create, 'Tag.1.Value'))).size, c.id).toBe(made.length);
      expect(c.expected, c.id).toEqual({ kind: 'success' });
    }
  });

  it('asks each Describe by the filter its rule names, and walks pages for the paging rules', () => {
    for (const [rule, pattern] of Object.entries(DESCRIBE_FILTERS)) {
      for (const c of byRule(rule)) {
        expect(c.request.action, c.id).toBe('DescribeSnapshotGroups');
        expect(
          c.request.params.some(([name]) => pattern.test(name)),
          c.id,
        ).toBe(true);
        expect(c.walkPages === true, c.id).toBe(rule.endsWith('max-results') || rule.endsWith('next-token'));
      }
    }
  });

  it('leaves a group of its own out of each filter, so that an ignored filter lists it', () => {
    for (const c of byRule('support.describe-name-filter')) {
      const names = creates(c).map((create) => param(create, 'Name'));
      expect(new Set(names).size, c.id).toBe(names.length);
      expect(
        names.filter((name) => name === param(c.request, 'Name')),
        c.id,
      ).toHaveLength(1);
    }
    for (const c of byRule('support.describe-instance-id-filter')) {
      const instance = param(c.request, 'InstanceId');
      const [first, ...others] = creates(c);
      expect(param(first as CaseRequest, 'InstanceId'), c.id).toBe(instance);
      expect(diskOf(param(first as CaseRequest, 'DiskId.1'))?.instance, c.id).toBe(instance);
      for (const other of others) {
        expect(param(other, 'InstanceId'), c.id).toBeUndefined();
        expect(diskOf(param(other, 'DiskId.1'))?.instance, c.id).not.toBe(instance);
      }
    }
    for (const c of byRule('support.describe-status-filter')) {
      expect(param(c.request, 'Status.1'), c.id).toBe('failed');
    }
    const [fixedIds] = byRule('support.describe-snapshot-group-id-filter');
    expect(fixedIds?.request.params.filter(([name]) => name.startsWith('SnapshotGroupId.'))).toEqual([
      ['SnapshotGroupId.1', preludeGroupId(0)],
    ]);
  });

  it('deletes an unknown id without a prelude, and a deleted group after deleting it once', () => {
    for (const c of byRule('support.delete-unknown-refused')) {
      expect(c.prelude, c.id).toBeUndefined();
      expect(c.request.action, c.id).toBe('DeleteSnapshotGroup');
      expect(param(c.request, 'SnapshotGroupId'), c.id).toMatch(/^ssg-[0-9a-f]{20}$/);
      expect(c.expected, c.id).toEqual({
        kind: 'error',
        code: 'InvalidSnapshotGroupId.NotFound',
        status: 404,
      });
    }
    for (const c of byRule('support.delete-deleted-refused')) {
      expect(
        c.prelude?.map((p) => p.action),
        c.id,
      ).toEqual(['CreateSnapshotGroup', 'DeleteSnapshotGroup']);
      expect(param(c.prelude?.[1] as CaseRequest, 'SnapshotGroupId'), c.id).toBe(preludeGroupId(0));
      expect(param(c.request, 'SnapshotGroupId'), c.id).toBe(preludeGroupId(0));
      expect(c.disks.length, c.id).toBeGreaterThan(0);
    }
  });
});

describe('support cases scale modestly with --runs', () => {
  it('adds one Describe case per three runs and one delete case per run', () => {
    const count = (runs: number) => {
      const { cases } = generateCases({ ...defaultSpec(), seed: 1, runs, only: ['support'] });
      return {
        describe: cases.filter((c) => c.rule === 'support.describe-name-filter').length,
        deleted: cases.filter((c) => c.rule === 'support.delete-deleted-refused').length,
      };
    };
    expect(count(3)).toEqual({ describe: 2, deleted: 4 });
    expect(count(9)).toEqual({ describe: 4, deleted: 10 });
  });
});
