/**
 * Which rules of the catalogue a request breaks in a world: a second reading of the catalogue and the
 * API page, written for the tests and on purpose sharing no code with generators/ (nor the emulator).
 * It reads the wire parameters as a target would, not the generators' typed inputs.
 */
import type { CaseRequest } from '../../lib/cases.js';
import type { Profile } from '../../lib/spec/catalogue.js';
import type { Account, Disk, World } from '../../lib/spec/world.js';
import { attributeFaults } from './rule-evaluator-attributes.js';

export { UNSETTLED } from './rule-evaluator-attributes.js';

export interface Exchange {
  request: CaseRequest;
  /** Requests accepted before it (idempotency replays, nonce reuse). */
  prelude?: CaseRequest[];
  concurrent?: boolean;
}

export interface Verdict {
  broken: Set<string>;
  /** The disks a success would snapshot (undefined when the target cannot be resolved). */
  snapshots?: string[];
}

export function evaluate(world: World, profile: Profile, exchange: Exchange): Verdict {
  const broken = new Set<string>();
  const { request } = exchange;
  protocolFaults(exchange, broken);
  const account = world.accounts.find((a) => a.id === request.account);
  if (account === undefined) {
    broken.add('protocol.access-key-known');
    return { broken };
  }
  if (request.action !== 'CreateSnapshotGroup') return { broken };
  if (!account.authorized) broken.add('account.authorized');
  if (!account.balanceSufficient) broken.add('account.balance');
  if (!account.snapshotServiceEnabled) broken.add('account.snapshot-service');
  if (!account.whitelisted) broken.add('account.whitelisted');

  const params = request.params;
  const all = (name: string) => params.filter(([n]) => n === name).map(([, v]) => v);
  const one = (name: string): string | undefined => all(name)[0];
  for (const fault of attributeFaults(params, account, profile)) broken.add(fault);
  idempotencyFaults(exchange, broken);

  const regionId = one('RegionId');
  const region = world.regions.find((r) => r.id === regionId);
  if (regionId === undefined || regionId === '') broken.add('region.required');
  else if (region === undefined) broken.add('region.not-found');
  else if (!region.snapshotGroupSupported) broken.add('region.snapshot-group-supported');
  if (region !== undefined && one('InstantAccess') === 'true' && !region.instantAccessSupported) {
    broken.add('region.instant-access-supported');
  }

  const diskEntries = indexed(params, 'DiskId');
  const excludeEntries = indexed(params, 'ExcludeDiskId');
  const instanceId = one('InstanceId');
  indexFaults(diskEntries, profile, broken);
  indexFaults(excludeEntries, profile, broken);
  if (diskEntries.length > 0 && excludeEntries.length > 0) broken.add('disk-ids.exclude-conflict');
  if (diskEntries.length === 0 && (instanceId === undefined || instanceId === ''))
    broken.add('target.required');
  // Without a region the target cannot be looked up: nothing below can be judged.
  if (region === undefined || broken.has('target.required')) return { broken };

  const owned = (d: Disk) => d.account === account.id && d.region === region.id;
  const instance =
    instanceId === undefined
      ? undefined
      : world.instances.find(
          (i) => i.id === instanceId && i.account === account.id && i.region === region.id,
        );
  if (instanceId !== undefined && instance === undefined) broken.add('instance.exists');

  let snapshots: Disk[] = [];
  if (diskEntries.length > 0) {
    for (const { value } of diskEntries) {
      const disk = world.disks.find((d) => d.id === value && owned(d));
      if (disk === undefined) broken.add('disk.exists');
      else if (!snapshots.includes(disk)) snapshots.push(disk);
    }
    if (new Set(snapshots.map((d) => d.zone)).size > 1) broken.add('disk-ids.same-zone');
    if (instance !== undefined && snapshots.some((d) => d.instance !== instance.id)) {
      broken.add('disk-ids.belong-to-instance');
    }
  } else if (instance !== undefined) {
    const excluded = new Set(excludeEntries.map((e) => e.value));
    const attached = world.disks.filter((d) => d.instance === instance.id);
    if (attached.length === 0) broken.add('instance.has-disks');
    snapshots = attached.filter((d) => !excluded.has(d.id));
  }
  if (instance !== undefined) instanceState(instance.status, instance.lockedForSecurity, broken);
  if (snapshots.length > profile.limits.maxDisks) broken.add('disk-ids.max-count');
  if (snapshots.reduce((s, d) => s + d.sizeGiB, 0) > profile.limits.maxTotalSizeGiB) {
    broken.add('disk-ids.max-total-size');
  }
  if (snapshots.length > account.quotas.snapshots) broken.add('account.snapshot-quota');
  for (const disk of snapshots) diskState(world, account, disk, broken);
  return { broken, snapshots: snapshots.map((d) => d.id) };
}

interface Entry {
  index: string;
  value: string;
}

function indexed(params: CaseRequest['params'], list: string): Entry[] {
  const prefix = `${list}.`;
  return params
    .filter(([n]) => n.startsWith(prefix))
    .map(([n, value]) => ({ index: n.slice(prefix.length), value }));
}

/** The page: "Valid values of N: 1 to 16" (the profile's maxDiskIndex); one parameter per index. */
function indexFaults(entries: Entry[], profile: Profile, broken: Set<string>): void {
  const indices = entries.map((e) => e.index);
  if (new Set(indices).size < indices.length) broken.add('disk-ids.duplicate-index');
  // Catalogue note on disk-ids.max-count: more disks than the limit, sent as DiskId.1..N, break the
  // count rule, not the index range ("N within maxDiskIndex where possible").
  const gapless = indices.every((index, at) => index === String(at + 1));
  const tooMany = entries.length > profile.limits.maxDisks;
  for (const index of indices) {
    if (!/^[1-9][0-9]*$/.test(index)) broken.add('disk-ids.index-range');
    else if (Number(index) > profile.limits.maxDiskIndex && !(gapless && tooMany))
      broken.add('disk-ids.index-range');
  }
}

function instanceState(status: string, locked: boolean, broken: Set<string>): void {
  if (status !== 'Running' && status !== 'Stopped') broken.add('instance.status-usable');
  if (locked) broken.add('instance.not-locked');
}

function diskState(world: World, account: Account, disk: Disk, broken: Set<string>): void {
  if (disk.category !== 'cloud_essd') broken.add('disk.category-essd');
  if (disk.status !== 'In_use' && disk.status !== 'Available') broken.add('disk.status-usable');
  if (!disk.everAttached) broken.add('disk.ever-attached');
  if (!disk.everUsed) broken.add('disk.ever-used');
  if (disk.expired) broken.add('disk.not-expired');
  if (disk.transferring) broken.add('disk.not-transferring');
  if (disk.snapshotInProgress) broken.add('disk.no-snapshot-in-progress');
  if (disk.unfinishedSnapshots >= account.quotas.unfinishedSnapshotsPerDisk)
    broken.add('disk.unfinished-snapshots-quota');
  if (disk.statusInvalid) broken.add('disk.status-valid');
  if (disk.multiAttach) broken.add('disk.not-multi-attach');
  if (disk.encrypted && disk.kmsKeyState === 'Disabled') broken.add('disk.kms-key-enabled');
  if (disk.encrypted && disk.kmsKeyState === 'Unauthorized') broken.add('disk.kms-authorized');
  if (disk.encrypted && disk.kmsKeyState === 'NotTagged') broken.add('disk.kms-key-tagged');
  const host = disk.instance === null ? undefined : world.instances.find((i) => i.id === disk.instance);
  if (host !== undefined) instanceState(host.status, host.lockedForSecurity, broken);
}

const ISO_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const isRealTimestamp = (value: string): boolean => {
  if (!ISO_SECONDS.test(value)) return false;
  const parsed = new Date(value);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().replace('.000Z', 'Z') === value;
};

function protocolFaults({ request, prelude }: Exchange, broken: Set<string>): void {
  const t = request.tamper;
  if (!['GET', 'POST'].includes(request.transport.method)) broken.add('protocol.http-method');
  if (t === undefined) return;
  if (t.kind === 'signature-char' || t.kind === 'wrong-secret' || t.kind === 'add-after-signing') {
    broken.add('protocol.signature-valid');
  }
  if (t.kind === 'unknown-access-key') broken.add('protocol.access-key-known');
  // A timestamp fixed in a case cannot be "now": a well-formed one is stale.
  if (t.kind === 'timestamp')
    broken.add(isRealTimestamp(t.value) ? 'protocol.timestamp-fresh' : 'protocol.timestamp-format');
  // Rendered at send time from the current clock: fresh, but never in the documented format.
  if (t.kind === 'timestamp-format') broken.add('protocol.timestamp-format');
  if (
    t.kind === 'nonce' &&
    (prelude ?? []).some((p) => p.tamper?.kind === 'nonce' && p.tamper.value === t.value)
  ) {
    broken.add('protocol.nonce-unique');
  }
  const expectedMethod = request.transport.signature === 'v2' ? 'HMAC-SHA1' : 'ACS3-HMAC-SHA256';
  if (t.kind === 'signature-method' && t.value !== expectedMethod) broken.add('protocol.signature-method');
  if (t.kind === 'omit') {
    if (t.name === 'Action') broken.add('protocol.action-present');
    else if (t.name === 'Version') broken.add('protocol.version-valid');
    else broken.add('protocol.signature-present');
  }
  if (t.kind === 'version' && t.value !== '2014-05-26') broken.add('protocol.version-valid');
  if (t.kind === 'action' && t.value !== 'CreateSnapshotGroup') broken.add('protocol.action-known');
  if (t.kind === 'method' && !['GET', 'POST'].includes(t.method)) broken.add('protocol.http-method');
}

function idempotencyFaults({ request, prelude, concurrent }: Exchange, broken: Set<string>): void {
  const token = request.params.find(([n]) => n === 'ClientToken')?.[1];
  if (token === undefined) return;
  const key = (r: CaseRequest) => JSON.stringify([...r.params].sort(([a], [b]) => a.localeCompare(b)));
  for (const earlier of prelude ?? []) {
    if (earlier.action !== request.action) continue;
    if (earlier.params.find(([n]) => n === 'ClientToken')?.[1] !== token) continue;
    if (key(earlier) !== key(request)) broken.add('idempotency.parameter-mismatch');
    else if (concurrent === true) broken.add('idempotency.processing');
  }
}
