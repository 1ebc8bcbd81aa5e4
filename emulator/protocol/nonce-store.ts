import { MAX_CLOCK_SKEW_MS } from './timestamp.js';

/**
 * A set of 53-bit fingerprints in a Float64Array (open addressing, 0 = empty slot). About 16 bytes per
 * nonce instead of a string and a map entry: 200,000 requests inside one validity window stay cheap.
 */
class FingerprintSet {
  private slots = new Float64Array(1024);
  private used = 0;

  get size(): number {
    return this.used;
  }

  has(fp: number): boolean {
    const mask = this.slots.length - 1;
    for (let i = fp % this.slots.length; ; i = (i + 1) & mask) {
      const slot = this.slots[i];
      if (slot === fp) return true;
      if (slot === 0) return false;
    }
  }

  add(fp: number): void {
    if ((this.used + 1) * 2 > this.slots.length) this.grow();
    this.place(this.slots, fp);
    this.used += 1;
  }

  private place(slots: Float64Array, fp: number): void {
    const mask = slots.length - 1;
    let i = fp % slots.length;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = fp;
  }

  private grow(): void {
    const bigger = new Float64Array(this.slots.length * 2);
    for (const fp of this.slots) if (fp !== 0) this.place(bigger, fp);
    this.slots = bigger;
  }
}

/** FNV-1a over UTF-16 units with the given basis: fast, and good enough to spread non-adversarial keys. */
const fnv1a = (key: string, basis: number): number => {
  let hash = basis;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

/**
 * 32 + 21 bits from two differently seeded hashes: an integer a double holds exactly. A false "nonce used"
 * needs two keys of one access key to collide on all 53 bits; keys are recorded only once their request's
 * signature is valid, so nobody can aim at someone else's nonce.
 */
const fingerprint = (key: string): number => {
  const fp = fnv1a(key, 0x811c9dc5) * 0x200000 + (fnv1a(key, 0x050c5d1f) & 0x1fffff);
  return fp === 0 ? 1 : fp;
};

/**
 * Nonces seen within the validity window. A request's timestamp may be up to 15 minutes ahead and is
 * accepted until 15 minutes after it, so a nonce must be remembered for 30 minutes after first use: two
 * generations of that length are kept, and memory stays bounded by the request rate.
 */
export class NonceStore {
  private current = new FingerprintSet();
  private previous = new FingerprintSet();
  private startedAt: number | undefined;

  constructor(private readonly generationMs = 2 * MAX_CLOCK_SKEW_MS) {}

  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** True when `key` is fresh (and from now on remembered); false when it was seen within the window. */
  useOnce(key: string, nowMs: number): boolean {
    this.rotate(nowMs);
    const fp = fingerprint(key);
    if (this.current.has(fp) || this.previous.has(fp)) return false;
    this.current.add(fp);
    return true;
  }

  private rotate(nowMs: number): void {
    if (this.startedAt === undefined) this.startedAt = nowMs;
    const age = nowMs - this.startedAt;
    if (age < this.generationMs) return;
    this.previous = age >= 2 * this.generationMs ? new FingerprintSet() : this.current;
    this.current = new FingerprintSet();
    this.startedAt = nowMs;
  }
}
