import type { Account, Disk, Instance, Region, World } from '../../lib/spec/world.js';

/** Read-only lookups over the seed world. The world object itself is never mutated. */
export class WorldIndex {
  readonly accountsByKeyId = new Map<string, Account>();
  readonly regions = new Map<string, Region>();
  private readonly instances = new Map<string, Instance>();
  private readonly disks = new Map<string, Disk>();
  private readonly disksByInstance = new Map<string, Disk[]>();

  constructor(readonly world: World) {
    for (const account of world.accounts) this.accountsByKeyId.set(account.accessKeyId, account);
    for (const region of world.regions) this.regions.set(region.id, region);
    for (const instance of world.instances) this.instances.set(instance.id, instance);
    for (const disk of world.disks) {
      this.disks.set(disk.id, disk);
      if (disk.instance === null) continue;
      const attached = this.disksByInstance.get(disk.instance);
      if (attached) attached.push(disk);
      else this.disksByInstance.set(disk.instance, [disk]);
    }
  }

  /** An instance is visible only to its account, in its region. */
  instance(accountId: string, regionId: string, id: string): Instance | undefined {
    const found = this.instances.get(id);
    return found && found.account === accountId && found.region === regionId ? found : undefined;
  }

  disk(accountId: string, regionId: string, id: string): Disk | undefined {
    const found = this.disks.get(id);
    return found && found.account === accountId && found.region === regionId ? found : undefined;
  }

  /** Any instance by id, for the state of the instance an attached disk belongs to. */
  instanceById(id: string): Instance | undefined {
    return this.instances.get(id);
  }

  /** The disks attached to an instance, in the world's order. */
  attachedTo(instanceId: string): readonly Disk[] {
    return this.disksByInstance.get(instanceId) ?? [];
  }
}
