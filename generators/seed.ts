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

/** Drawn per chunk of `streamSeeded`: a window of drafts held at once, and few replays of the seed. */
const STREAM_CHUNK = 100;

/**
 * `sampleSeeded`, drawn a chunk at a time as it is taken: the same values in the same order (fast-check's
 * replay `path` starts the seeded stream at an index), without holding `count` of them.
 */
export function* streamSeeded<T>(arbitrary: fc.Arbitrary<T>, seed: number, count: number): Generator<T> {
  for (let start = 0; start < count; start += STREAM_CHUNK) {
    const numRuns = Math.min(STREAM_CHUNK, count - start);
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
