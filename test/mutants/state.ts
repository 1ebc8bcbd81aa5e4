import {
  type CreateContext,
  type EmulatorState,
  groupView,
  type SnapshotGroup,
  selectDisks,
} from '../../emulator/index.js';
import type { Disk } from '../../lib/spec/world.js';
import type { Mutant } from './types.js';

/** The group is stored after `change`: what DescribeSnapshotGroups later shows differs from the request. */
const storedAs = (change: (group: SnapshotGroup) => SnapshotGroup) => ({
  storeGroup: (state: EmulatorState, group: SnapshotGroup) => state.insertGroup(change(group)),
});

/** DescribeSnapshotGroups lists each group after `change`: what is stored is right, what is read is not. */
const listedAs = (change: (snapshots: Array<Record<string, unknown>>) => Array<Record<string, unknown>>) => ({
  groupView: (group: SnapshotGroup, nowMs: number) => {
    const view = groupView(group, nowMs);
    const snapshots = (view.Snapshots as { Snapshot: Array<Record<string, unknown>> }).Snapshot;
    return { ...view, Snapshots: { Snapshot: change(snapshots) } } as typeof view;
  },
});

/** Disks of the same instance as the first selected one that the selection left out. */
const siblingsLeftOut = (ctx: CreateContext, selected: Disk[]): Disk[] => {
  const instanceId = selected[0]?.instance;
  if (instanceId === undefined || instanceId === null) return [];
  return ctx.state.world.attachedTo(instanceId).filter((disk) => !selected.some((s) => s.id === disk.id));
};

/** What a successful create leaves behind: the disks in the group and the attributes stored. */
export const STATE_MUTANTS: Mutant[] = [
  {
    id: 'state.tags-not-stored',
    family: 'state',
    description: 'Tags are accepted but not stored: DescribeSnapshotGroups shows none.',
    seams: storedAs((group) => ({ ...group, tags: [] })),
  },
  {
    id: 'state.tag-values-not-stored',
    family: 'state',
    description: 'Tag keys are stored, their values are not.',
    seams: storedAs((group) => ({ ...group, tags: group.tags.map((tag) => ({ ...tag, value: '' })) })),
  },
  {
    id: 'state.name-not-stored',
    family: 'state',
    description: 'The Name is accepted but not stored.',
    seams: storedAs(({ name: _name, ...group }) => group),
  },
  {
    id: 'state.description-truncated',
    family: 'state',
    description: 'The Description is stored cut to 128 characters.',
    seams: storedAs((group) =>
      group.description === undefined
        ? group
        : { ...group, description: [...group.description].slice(0, 128).join('') },
    ),
  },
  {
    id: 'state.resource-group-ignored',
    family: 'state',
    description:
      "A given ResourceGroupId is ignored: the group lands in the account's default resource group.",
    seams: storedAs((group) => ({ ...group, resourceGroupId: '' })),
  },
  {
    id: 'state.instance-id-not-stored',
    family: 'state',
    description: 'A group created by InstanceId does not record the instance.',
    seams: storedAs(({ instanceId: _instanceId, ...group }) => group),
  },
  {
    id: 'state.instant-access-not-stored',
    family: 'state',
    description: 'InstantAccess=true is accepted but the snapshots are stored without instant access.',
    seams: storedAs((group) => ({
      ...group,
      snapshots: group.snapshots.map(({ instantAccessRetentionDays: _days, ...snapshot }) => ({
        ...snapshot,
        instantAccess: false,
      })),
    })),
  },
  {
    id: 'state.retention-days-not-stored',
    family: 'state',
    description: 'InstantAccessRetentionDays is accepted but not stored.',
    seams: storedAs((group) => ({
      ...group,
      snapshots: group.snapshots.map(({ instantAccessRetentionDays: _days, ...snapshot }) => snapshot),
    })),
  },
  {
    id: 'state.group-not-stored',
    family: 'state',
    description: 'The create answers a SnapshotGroupId but stores nothing.',
    seams: { storeGroup: () => undefined },
  },
  {
    id: 'select.one-disk-too-many',
    family: 'state',
    description: 'The group also holds another disk of the instance of its first disk.',
    seams: {
      selectDisks: (ctx) => {
        const selected = selectDisks(ctx);
        const extra = siblingsLeftOut(ctx, selected)[0];
        return extra === undefined ? selected : [...selected, extra];
      },
    },
  },
  {
    id: 'select.one-disk-too-few',
    family: 'state',
    description: 'The group of two or more disks leaves out the last one.',
    seams: {
      selectDisks: (ctx) => {
        const selected = selectDisks(ctx);
        return selected.length > 1 ? selected.slice(0, -1) : selected;
      },
    },
  },
  {
    id: 'select.exclude-ignored',
    family: 'state',
    description: 'ExcludeDiskId.N is accepted but ignored: the excluded disks are in the group.',
    seams: { selectDisks: (ctx) => selectDisks({ ...ctx, excludedDisks: [] }) },
  },
  {
    id: 'select.system-disk-left-out',
    family: 'state',
    description: 'A group created by InstanceId holds only the data disks, not the system disk.',
    seams: {
      selectDisks: (ctx) => {
        const selected = selectDisks(ctx);
        return ctx.diskIds.length > 0 ? selected : selected.filter((disk) => disk.type !== 'system');
      },
    },
  },
  {
    id: 'delete.answers-success-keeps-group',
    family: 'state',
    description: 'DeleteSnapshotGroup answers Success with its progress set, but the group stays.',
    seams: { removeGroup: () => undefined },
  },
  {
    id: 'describe.instant-access-not-listed',
    family: 'state',
    description: 'InstantAccess is stored, but DescribeSnapshotGroups lists every snapshot without it.',
    seams: listedAs((snapshots) =>
      snapshots.map((snapshot) => ({ ...snapshot, InstantAccess: false, InstantAccessRetentionDays: 0 })),
    ),
  },
  {
    id: 'describe.last-snapshot-not-listed',
    family: 'state',
    description: 'DescribeSnapshotGroups lists a group of two or more snapshots without the last one.',
    seams: listedAs((snapshots) => (snapshots.length > 1 ? snapshots.slice(0, -1) : snapshots)),
  },
];
