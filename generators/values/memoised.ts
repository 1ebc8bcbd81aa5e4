/**
 * An arbitrary factory that builds once per distinct arguments. Arbitraries are immutable, and
 * factories called inside `chain` (once per draw) spent more building fast-check's string and record
 * arbitraries than drawing from them. Arguments must be JSON data; a run has few distinct ones.
 */
export function memoised<A extends unknown[], T>(make: (...args: A) => T): (...args: A) => T {
  const made = new Map<string, T>();
  return (...args: A): T => {
    const key = JSON.stringify(args);
    let found = made.get(key);
    if (found === undefined) {
      found = make(...args);
      made.set(key, found);
    }
    return found;
  };
}
