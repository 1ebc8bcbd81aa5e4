import fc from 'fast-check';

/** FNV-1a over the parts: a stable 32-bit seed per (run seed, rule, purpose), independent of `only`. */
export function deriveSeed(seed: number, ...parts: string[]): number {
  let hash = 0x811c9dc5;
  const text = `${seed}\u0000${parts.join('\u0000')}`;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** Values drawn from an arbitrary, reproducible from the seed alone (fast-check's own seeded runner). */
export function sampleSeeded<T>(arbitrary: fc.Arbitrary<T>, seed: number, count: number): T[] {
  if (count <= 0) return [];
  return fc.sample(arbitrary, { seed, numRuns: count });
}

/**
 * Drawn per chunk of `streamSeeded`: the first chunk, then twice the previous one up to the largest. Each
 * chunk after the first replays the seeded stream up to its start (fast-check's `path` jumps the random
 * generator once per value skipped), so fixed chunks of 100 cost count²/200 jumps per rule: at
 * `--runs 10000` that was 500,000 jumps a rule, a cost per case growing with `runs`. Doubling chunks skip
 * about count²/(2 × largest) values at most, and a chunk of drafts held at once stays a few MiB.
 */
const FIRST_CHUNK = 100;
const LARGEST_CHUNK = 1_000;

/**
 * `sampleSeeded`, drawn a chunk at a time as it is taken: the same values in the same order (fast-check's
 * replay `path` starts the seeded stream at an index), without holding `count` of them.
 */
export function* streamSeeded<T>(arbitrary: fc.Arbitrary<T>, seed: number, count: number): Generator<T> {
  for (
    let start = 0, chunk = FIRST_CHUNK;
    start < count;
    start += chunk, chunk = Math.min(chunk * 2, LARGEST_CHUNK)
  ) {
    const numRuns = Math.min(chunk, count - start);
    yield* start === 0
      ? fc.sample(arbitrary, { seed, numRuns })
      : fc.sample(arbitrary, { seed, numRuns, path: String(start) });
  }
}

/** A deterministic token (ClientToken, nonce) from a seed: hex, `length` characters. */
export function seededHex(seed: number, length: number, ...parts: string[]): string {
  let out = '';
  for (let i = 0; out.length < length; i += 1) {
    out += (deriveSeed(seed, ...parts, String(i)) >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
