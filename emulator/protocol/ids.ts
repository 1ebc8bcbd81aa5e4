import { randomFillSync, randomUUID } from 'node:crypto';

/** RequestIds in the page's examples are uppercase UUIDs (8-4-4-4-12 hex). */
export const newRequestId = (): string => randomUUID().toUpperCase();

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** The page's ids are a prefix and 20 lower-case alphanumerics (`ssg-j6ciyh3k52qp7ovm****`). */
const ID_LENGTH = 20;

// Random bytes are drawn in blocks: one randomFillSync per 4 KiB instead of one per id.
const POOL = Buffer.alloc(4096);
let poolOffset = POOL.length;

const randomSuffix = (): string => {
  if (poolOffset + ID_LENGTH > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  let out = '';
  // 256 is not a multiple of 36: the slight bias is irrelevant for ids that only need to be unique.
  for (let i = 0; i < ID_LENGTH; i += 1) out += ALPHABET[(POOL[poolOffset + i] as number) % ALPHABET.length];
  poolOffset += ID_LENGTH;
  return out;
};

export const newSnapshotGroupId = (): string => `ssg-${randomSuffix()}`;
export const newSnapshotId = (): string => `s-${randomSuffix()}`;
