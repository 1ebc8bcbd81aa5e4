/**
 * Runs `task` on every item with at most `width` in flight, keeping results in input order. Each run is
 * a whole conformance run against its own emulator: a small width (2-4) keeps two cores busy without
 * starving the in-process servers.
 */
export async function inPool<T, R>(
  items: readonly T[],
  width: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
  return results;
}
