import type { Disk } from '../../lib/spec/world.js';

/**
 * Disks whose sizes add up to exactly `total`, using as few disks as possible and at most `maxCount`;
 * undefined when none do. Dynamic programming over sums (the world's disks are few).
 */
export function disksSummingTo(disks: readonly Disk[], total: number, maxCount: number): Disk[] | undefined {
  const picks = fewestDisksPerSum(disks, total);
  const chosen = picks.get(total);
  return chosen !== undefined && chosen.length <= maxCount ? chosen : undefined;
}

/** The smallest sum strictly above `limit` that at most `maxCount` disks reach, and those disks. */
export function disksJustOver(disks: readonly Disk[], limit: number, maxCount: number): Disk[] | undefined {
  const largest = disks.reduce((m, d) => Math.max(m, d.sizeGiB), 0);
  const picks = fewestDisksPerSum(disks, limit + largest);
  const over = [...picks.entries()]
    .filter(([sum, chosen]) => sum > limit && chosen.length <= maxCount)
    .sort(([a], [b]) => a - b);
  return over[0]?.[1];
}

/** For every reachable sum up to `ceiling`, the fewest disks reaching it (first found in world order). */
function fewestDisksPerSum(disks: readonly Disk[], ceiling: number): Map<number, Disk[]> {
  let best = new Map<number, Disk[]>([[0, []]]);
  for (const disk of disks) {
    const next = new Map(best);
    for (const [sum, chosen] of best) {
      const reached = sum + disk.sizeGiB;
      if (reached > ceiling) continue;
      const known = next.get(reached);
      if (known === undefined || known.length > chosen.length + 1) next.set(reached, [...chosen, disk]);
    }
    best = next;
  }
  best.delete(0);
  return best;
}
