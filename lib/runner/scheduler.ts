/** What an item holds while it runs: exclusive keys alone, shared keys with other sharers only. */
export interface Locks {
  exclusive: readonly string[];
  shared: readonly string[];
}

export interface ScheduleConstraints<T> {
  concurrency: number;
  /** Disk ids a case holds: a create holds its disks alone; a case expected to be refused shares them. */
  locks: (item: T) => Locks;
  run: (item: T) => Promise<void>;
  /** Checked before each start: once true, nothing more starts and in-flight items finish. */
  stopped: () => boolean;
}

/**
 * Runs items with bounded concurrency, in order except that an item waits (without holding a slot)
 * while its locks are taken. A waiting exclusive item reserves its keys against later sharers, so a
 * create is not starved by the refusals queued behind it. Resolves when nothing is in flight.
 */
export function runScheduled<T>(
  items: readonly T[],
  c: ScheduleConstraints<T>,
): Promise<{ notStarted: T[] }> {
  const pending: Array<T | undefined> = [...items];
  let first = 0;
  let running = 0;
  let failure: { error: unknown } | undefined;
  const exclusive = new Set<string>();
  const shared = new Map<string, number>();

  const take = ({ exclusive: alone, shared: together }: Locks) => {
    for (const key of alone) exclusive.add(key);
    for (const key of together) shared.set(key, (shared.get(key) ?? 0) + 1);
  };
  const release = ({ exclusive: alone, shared: together }: Locks) => {
    for (const key of alone) exclusive.delete(key);
    for (const key of together) {
      const left = (shared.get(key) ?? 1) - 1;
      if (left === 0) shared.delete(key);
      else shared.set(key, left);
    }
  };

  return new Promise((resolve, reject) => {
    const finish = () => {
      if (failure) reject(failure.error);
      else resolve({ notStarted: pending.filter((item): item is T => item !== undefined) });
    };
    const start = (index: number, item: T, locks: Locks) => {
      pending[index] = undefined;
      running += 1;
      take(locks);
      Promise.resolve()
        .then(() => c.run(item))
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          running -= 1;
          release(locks);
          dispatch();
        });
    };
    const dispatch = () => {
      if (!failure && !c.stopped()) {
        while (first < pending.length && pending[first] === undefined) first += 1;
        const reserved = new Set<string>();
        for (let index = first; index < pending.length && running < c.concurrency; index++) {
          const item = pending[index];
          if (item === undefined) continue;
          const locks = c.locks(item);
          const free =
            locks.exclusive.every((key) => !exclusive.has(key) && !shared.has(key) && !reserved.has(key)) &&
            locks.shared.every((key) => !exclusive.has(key) && !reserved.has(key));
          if (free) start(index, item, locks);
          else for (const key of locks.exclusive) reserved.add(key);
        }
      }
      if (running === 0) finish();
    };
    dispatch();
  });
}
