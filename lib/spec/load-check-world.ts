import { known, type Problem } from './load-problems.js';
import type { World } from './world.js';

/** Cross-references and invariants of a world that its JSON Schema cannot express. */
export function worldProblems(world: World): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  duplicates(world.accounts, 'accounts', 'id', add);
  duplicates(world.accounts, 'accounts', 'accessKeyId', add);
  duplicates(world.regions, 'regions', 'id', add);
  duplicates(world.instances, 'instances', 'id', add);
  duplicates(world.disks, 'disks', 'id', add);

  const accounts = new Set(world.accounts.map((a) => a.id));
  const regions = new Map(world.regions.map((r) => [r.id, r]));
  const zoneOwner = new Map<string, string>();
  world.regions.forEach((region, r) => {
    region.zones.forEach((zone, z) => {
      const owner = zoneOwner.get(zone);
      if (owner !== undefined)
        add(`/regions/${r}/zones/${z}`, `zone '${zone}' is already a zone of region '${owner}'`);
      else zoneOwner.set(zone, region.id);
    });
  });
  const placed = (path: string, item: { account: string; region: string; zone: string }): void => {
    if (!accounts.has(item.account))
      add(
        `${path}/account`,
        `account '${item.account}' is not in /accounts (known: ${known([...accounts])})`,
      );
    const region = regions.get(item.region);
    if (region === undefined)
      add(
        `${path}/region`,
        `region '${item.region}' is not in /regions (known: ${known([...regions.keys()])})`,
      );
    else if (!region.zones.includes(item.zone))
      add(
        `${path}/zone`,
        `zone '${item.zone}' is not a zone of region '${region.id}' (its zones: ${known(region.zones)})`,
      );
  };
  world.instances.forEach((instance, i) => {
    placed(`/instances/${i}`, instance);
  });
  const instances = new Map(world.instances.map((i) => [i.id, i]));
  const systemDisks = new Map<string, string>();
  world.disks.forEach((disk, d) => {
    const path = `/disks/${d}`;
    placed(path, disk);
    if (disk.encrypted !== (disk.kmsKeyState !== undefined))
      add(
        `${path}/kmsKeyState`,
        disk.encrypted ? 'an encrypted disk needs kmsKeyState' : 'only an encrypted disk has kmsKeyState',
      );
    if (disk.status === 'In_use' && disk.instance === null)
      add(`${path}/instance`, 'an In_use disk must name its instance');
    if (disk.status === 'Available' && disk.instance !== null)
      add(`${path}/instance`, 'an Available disk is unattached: instance must be null');
    if (disk.instance === null) return;
    const instance = instances.get(disk.instance);
    if (instance === undefined) {
      add(
        `${path}/instance`,
        `instance '${disk.instance}' is not in /instances (known: ${known([...instances.keys()])})`,
      );
      return;
    }
    for (const key of ['account', 'region', 'zone'] as const) {
      if (instance[key] !== disk[key])
        add(
          `${path}/${key}`,
          `is '${disk[key]}' but its instance '${instance.id}' has ${key} '${instance[key]}'`,
        );
    }
    if (disk.type === 'system') {
      const other = systemDisks.get(instance.id);
      if (other !== undefined)
        add(`${path}/type`, `instance '${instance.id}' already has system disk '${other}'`);
      else systemDisks.set(instance.id, disk.id);
    }
  });
  return problems;
}

function duplicates<T>(
  items: readonly T[],
  list: string,
  key: keyof T & string,
  add: (p: string, m: string) => void,
): void {
  const seen = new Map<unknown, number>();
  items.forEach((item, i) => {
    const value = item[key];
    const first = seen.get(value);
    if (first !== undefined)
      add(`/${list}/${i}/${key}`, `duplicate ${key} '${String(value)}' (first at /${list}/${first})`);
    else seen.set(value, i);
  });
}
