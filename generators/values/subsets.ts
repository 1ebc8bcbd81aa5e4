import fc from 'fast-check';

/** fast-check's subarrays with the bounds clamped to the list (it throws on a maxLength beyond it). */
export function subsetOf<T>(
  items: readonly T[],
  min: number,
  max: number,
  shuffled = false,
): fc.Arbitrary<T[]> {
  const maxLength = Math.max(0, Math.min(max, items.length));
  const minLength = Math.min(min, maxLength);
  const list = [...items];
  return shuffled
    ? fc.shuffledSubarray(list, { minLength, maxLength })
    : fc.subarray(list, { minLength, maxLength });
}
