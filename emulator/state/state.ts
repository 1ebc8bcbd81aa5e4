import type { World } from '../../lib/spec/world.js';
import { NonceStore } from '../protocol/nonce-store.js';
import type { SnapshotGroup } from './group.js';
import { TokenStore } from './tokens.js';
import { WorldIndex } from './world-index.js';

/**
 * Everything the emulator remembers: the seed world (read-only), the groups created since, the snapshot
 * quota they hold, idempotency tokens and recent nonces. Mutations are synchronous, so a check followed by
 * an insert in the same tick is atomic.
 */
export class EmulatorState {
  readonly world: WorldIndex;
  readonly nonces = new NonceStore();
  readonly tokens = new TokenStore();
  private readonly groups = new Map<string, SnapshotGroup>();
  private readonly groupsByDisk = new Map<string, Set<SnapshotGroup>>();
  private readonly busyUntil = new Map<string, number>();
  private readonly heldByAccount = new Map<string, number>();
  private lastSeq = 0;

  constructor(world: World) {
    this.world = new WorldIndex(world);
  }

  nextSeq(): number {
    this.lastSeq += 1;
    return this.lastSeq;
  }

  get groupCount(): number {
    return this.groups.size;
  }

  /** Groups in creation order. */
  allGroups(): IterableIterator<SnapshotGroup> {
    return this.groups.values();
  }

  group(id: string): SnapshotGroup | undefined {
    return this.groups.get(id);
  }

  /** Snapshots the account holds through groups created here (consumes `quotas.snapshots`). */
  snapshotsHeld(accountId: string): number {
    return this.heldByAccount.get(accountId) ?? 0;
  }

  /** A group created here that holds the disk is still progressing. */
  diskCreatingSnapshot(diskId: string, nowMs: number): boolean {
    return nowMs < (this.busyUntil.get(diskId) ?? Number.NEGATIVE_INFINITY);
  }

  /** The latest completion among the disk's groups: O(1) for the check every create makes. */
  private recomputeBusyUntil(diskId: string): void {
    let latest = Number.NEGATIVE_INFINITY;
    for (const group of this.groupsByDisk.get(diskId) ?? []) latest = Math.max(latest, group.completesAt);
    if (latest === Number.NEGATIVE_INFINITY) this.busyUntil.delete(diskId);
    else this.busyUntil.set(diskId, latest);
  }

  insertGroup(group: SnapshotGroup): void {
    this.groups.set(group.id, group);
    for (const snapshot of group.snapshots) {
      const onDisk = this.groupsByDisk.get(snapshot.diskId);
      if (onDisk) onDisk.add(group);
      else this.groupsByDisk.set(snapshot.diskId, new Set([group]));
      const busy = this.busyUntil.get(snapshot.diskId) ?? Number.NEGATIVE_INFINITY;
      if (group.completesAt > busy) this.busyUntil.set(snapshot.diskId, group.completesAt);
    }
    this.heldByAccount.set(group.accountId, this.snapshotsHeld(group.accountId) + group.snapshots.length);
    const token = group.clientToken;
    if (token) {
      this.tokens.set(group.accountId, token.value, {
        state: 'done',
        fingerprint: token.fingerprint,
        groupId: group.id,
      });
    }
  }

  /** Frees the group's snapshot quota and forgets its ClientToken; undefined when there is no such group. */
  removeGroup(id: string): SnapshotGroup | undefined {
    const group = this.groups.get(id);
    if (!group) return undefined;
    this.groups.delete(id);
    for (const snapshot of group.snapshots) {
      const onDisk = this.groupsByDisk.get(snapshot.diskId);
      onDisk?.delete(group);
      if (onDisk?.size === 0) this.groupsByDisk.delete(snapshot.diskId);
      if (this.busyUntil.get(snapshot.diskId) === group.completesAt) this.recomputeBusyUntil(snapshot.diskId);
    }
    this.heldByAccount.set(group.accountId, this.snapshotsHeld(group.accountId) - group.snapshots.length);
    if (group.clientToken) this.tokens.delete(group.accountId, group.clientToken.value);
    return group;
  }
}
