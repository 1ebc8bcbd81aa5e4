import { describe, expect, it } from 'vitest';
import {
  type DescribedGroup,
  MAX_NAMED_CASES,
  noSideEffectsFinding,
  type RefusalsOn,
  sideEffectsOf,
} from '../../lib/checks/index.js';

const group = (id: string, disks: string[], instanceId?: string): DescribedGroup => ({
  id,
  tags: [],
  snapshots: disks.map((sourceDiskId) => ({ sourceDiskId })),
  ...(instanceId !== undefined && { instanceId }),
});

const refusals = (entries: Record<string, RefusalsOn>): Map<string, RefusalsOn> =>
  new Map(Object.entries(entries));

const none = () => false;

describe('sideEffectsOf: the groups refused creates left behind', () => {
  it('blames a new unknown group on the refusals that named its disks', () => {
    const effects = sideEffectsOf({
      before: new Set(['ssg-old']),
      after: [group('ssg-old', ['d-1']), group('ssg-new', ['d-1', 'd-2'])],
      known: none,
      refusals: refusals({ 'd-1': { caseIds: ['a/invalid/0', 'b/invalid/3'], more: 2 } }),
    });
    expect(effects).toEqual([
      {
        group: group('ssg-new', ['d-1', 'd-2']),
        resources: ['d-1'],
        caseIds: ['a/invalid/0', 'b/invalid/3'],
        more: 2,
      },
    ]);
  });

  it('leaves alone groups listed before, groups the run made (deleted or not), and groups off refused resources', () => {
    const effects = sideEffectsOf({
      before: new Set(['ssg-there']),
      after: [group('ssg-there', ['d-1']), group('ssg-ours', ['d-1']), group('ssg-elsewhere', ['d-9'])],
      known: (id) => id === 'ssg-ours',
      refusals: refusals({ 'd-1': { caseIds: ['a/invalid/0'], more: 0 } }),
    });
    expect(effects).toEqual([]);
  });

  it('finds a group by its instance when it lists no snapshot, and judges a group listed twice once', () => {
    const onInstance = group('ssg-i', [], 'i-1');
    const effects = sideEffectsOf({
      before: new Set(),
      after: [onInstance, onInstance],
      known: none,
      refusals: refusals({ 'i-1': { caseIds: ['instance.status-usable/invalid/0'], more: 0 } }),
    });
    expect(effects.map((effect) => [effect.group.id, effect.resources])).toEqual([['ssg-i', ['i-1']]]);
  });

  it('names each refused case once, at most MAX_NAMED_CASES of them, and counts the rest', () => {
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, k) => `${prefix}/invalid/${k}`);
    const [effect] = sideEffectsOf({
      before: new Set(),
      after: [group('ssg-x', ['d-1', 'd-2'])],
      known: none,
      refusals: refusals({
        'd-1': { caseIds: ids('a', 3), more: 4 },
        // a/invalid/0 named both disks: named once.
        'd-2': { caseIds: ['a/invalid/0', ...ids('b', 3)], more: 1 },
      }),
    });
    expect(effect?.caseIds).toEqual([
      'a/invalid/0',
      'a/invalid/1',
      'a/invalid/2',
      'b/invalid/0',
      'b/invalid/1',
    ]);
    expect(effect?.caseIds).toHaveLength(MAX_NAMED_CASES);
    expect(effect?.more).toBe(4 + 1 + 1);
  });

  it('names first the refusals that named all of the group’s resources', () => {
    const [effect] = sideEffectsOf({
      before: new Set(),
      after: [group('ssg-x', ['d-1', 'd-2'])],
      known: none,
      refusals: refusals({
        'd-1': { caseIds: ['x/invalid/0', 'y/invalid/0'], more: 0 },
        'd-2': { caseIds: ['z/invalid/0', 'y/invalid/0'], more: 0 },
      }),
    });
    expect(effect?.caseIds).toEqual(['y/invalid/0', 'x/invalid/0', 'z/invalid/0']);
    expect(effect?.more).toBe(0);
  });

  it('writes a finding of state.no-side-effects under the first case, quoting the group and its disks', () => {
    const [effect] = sideEffectsOf({
      before: new Set(),
      after: [group('ssg-left', ['d-1', 'd-7'])],
      known: none,
      refusals: refusals({ 'd-1': { caseIds: ['name.min-length/invalid/0'], more: 0 } }),
    });
    if (effect === undefined) throw new Error('no side effect found');
    const finding = noSideEffectsFinding(effect, { regionId: 'cn-hangzhou', account: 'acct-main' });
    expect(finding).toMatchObject({
      rule: 'state.no-side-effects',
      check: 'refusedCreatesLeaveNothing',
      caseId: 'name.min-length/invalid/0',
    });
    expect(finding.message).toContain('ssg-left');
    expect(finding.message).toContain('name.min-length/invalid/0');
    expect(finding.actual).toContain('d-1, d-7');
    expect(finding.actual).toContain('name.min-length/invalid/0');
    expect(finding.actual).toContain('acct-main, cn-hangzhou');
  });

  it('bounds a group id of the target’s making', () => {
    const [effect] = sideEffectsOf({
      before: new Set(),
      after: [group(`ssg-${'x'.repeat(100_000)}`, ['d-1'])],
      known: none,
      refusals: refusals({ 'd-1': { caseIds: ['a/invalid/0'], more: 0 } }),
    });
    if (effect === undefined) throw new Error('no side effect found');
    const finding = noSideEffectsFinding(effect, { regionId: 'r', account: 'a' });
    expect(finding.message.length).toBeLessThan(5_000);
    expect(finding.actual.length).toBeLessThan(5_000);
  });
});
