import type { Disk, Instance } from '../../lib/spec/world.js';
import type { WorldIndex } from '../world/index.js';

/** The four ways the page lets a request name its disks; 'none' names none (target.required). */
export type TargetForm = 'disks' | 'instance' | 'instance-disks' | 'exclude' | 'none';

/** Which disks a request names, and the disks a success would snapshot. */
export interface Target {
  form: TargetForm;
  account: string;
  region: string;
  zone: string;
  instanceId?: string;
  diskIds?: string[];
  excludeIds?: string[];
  disks: string[];
}

export function disksTarget(disks: readonly Disk[]): Target {
  const first = disks[0] as Disk;
  const ids = disks.map((d) => d.id);
  return {
    form: 'disks',
    account: first.account,
    region: first.region,
    zone: first.zone,
    diskIds: ids,
    disks: ids,
  };
}

export function instanceTarget(index: WorldIndex, instance: Instance, exclude: readonly Disk[] = []): Target {
  const excluded = new Set(exclude.map((d) => d.id));
  const kept = index
    .disksOf(instance.id)
    .map((d) => d.id)
    .filter((id) => !excluded.has(id));
  const base = {
    account: instance.account,
    region: instance.region,
    zone: instance.zone,
    instanceId: instance.id,
  };
  return exclude.length === 0
    ? { form: 'instance', ...base, disks: kept }
    : { form: 'exclude', ...base, excludeIds: [...excluded], disks: kept };
}

export function instanceDisksTarget(instance: Instance, disks: readonly Disk[]): Target {
  const ids = disks.map((d) => d.id);
  return {
    form: 'instance-disks',
    account: instance.account,
    region: instance.region,
    zone: instance.zone,
    instanceId: instance.id,
    diskIds: ids,
    disks: ids,
  };
}
