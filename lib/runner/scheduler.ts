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
  /**
   * Items taken from the iterable ahead of the oldest not started, at most: a stream is then held
   * a window at a time. Default every item (an array is held anyway).
   */
  lookAhead?: number;
}

/**
 * Runs items with bounded concurrency, in order except that an item waits (without holding a slot)
 * while its locks are taken. A waiting exclusive item reserves its keys against later sharers, so a
 * create is not starved by the refusals queued behind it. Resolves when nothing is in flight.
 * `notStarted` is what was taken from `items` and not started; the rest of an iterator stays in it.
 */
export function runScheduled<T>(items: Iterable<T>, c: ScheduleConstraints<T>): Promise<{ notStarted: T[] }> {
  const source = items[Symbol.iterator]();
  const lookAhead = c.lookAhead ?? Number.POSITIVE_INFINITY;
  let exhausted = false;
  let pending: Array<T | undefined> = [];
  let first = 0;
  // Started items leave holes; the window is compacted once they outnumber what it holds.
  const refill = () => {
    if (first > 64 && first * 2 > pending.length) {
      pending = pending.slice(first);
      first = 0;
    }
    while (!exhausted && pending.length - first < lookAhead) {
      const next = source.next();
      if (next.done === true) exhausted = true;
      else pending.push(next.value);
    }
  };
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
        try {
          refill();
        } catch (error) {
          // A stream that throws (a generator bug) fails the run like a case that throws.
          failure ??= { error };
        }
      }
      if (!failure && !c.stopped()) {
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
