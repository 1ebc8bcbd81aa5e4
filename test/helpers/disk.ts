import type { Disk } from '../../lib/spec/world.js';

/**
 * A disk that meets every precondition of the page (an ESSD, in use or once attached, used, healthy),
 * placed where `where` says; tests and benchmarks override one attribute to make it break one rule.
 */
export const healthyDisk = (
  where: Pick<Disk, 'id' | 'account' | 'region' | 'zone' | 'instance'>,
  overrides: Partial<Disk> = {},
): Disk => ({
  ...where,
  category: 'cloud_essd',
  sizeGiB: 40,
  type: 'data',
  status: where.instance === null ? 'Available' : 'In_use',
  multiAttach: false,
  encrypted: false,
  everAttached: true,
  everUsed: true,
  expired: false,
  transferring: false,
  snapshotInProgress: false,
  unfinishedSnapshots: 0,
  statusInvalid: false,
  ...overrides,
});
