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

/**
 * The same, for factories whose first argument is a large shared object (the request's limits): keyed by
 * that object's identity, so that no call pays for serialising it; the other arguments as above.
 */
export function memoisedOn<O extends object, A extends unknown[], T>(
  make: (shared: O, ...args: A) => T,
): (shared: O, ...args: A) => T {
  const made = new WeakMap<O, Map<string, T>>();
  return (shared: O, ...args: A): T => {
    let forShared = made.get(shared);
    if (forShared === undefined) {
      forShared = new Map();
      made.set(shared, forShared);
    }
    const key = JSON.stringify(args);
    let found = forShared.get(key);
    if (found === undefined) {
      found = make(shared, ...args);
      forShared.set(key, found);
    }
    return found;
  };
}
