import { describe, expect, it } from 'vitest';
import { copyData } from '../../generators/copy-data.js';

describe('copyData (a case’s own copy of its expectation)', () => {
  const expected = {
    kind: 'one-of',
    alternatives: [{ code: 'InvalidParameter', status: 400, codeMatch: 'exact', note: undefined }],
    nested: { list: [1, 'two', null, [true]] },
  };

  it('copies plain data as structuredClone does', () => {
    expect(copyData(expected)).toStrictEqual(structuredClone(expected));
    expect(copyData('text')).toBe('text');
    expect(copyData(null)).toBeNull();
  });

  it('shares no object or array with the original', () => {
    const copy = copyData(expected);
    expect(copy).not.toBe(expected);
    expect(copy.alternatives).not.toBe(expected.alternatives);
    expect(copy.alternatives[0]).not.toBe(expected.alternatives[0]);
    expect(copy.nested.list[3]).not.toBe(expected.nested.list[3]);
    (copy.nested.list[3] as boolean[]).push(false);
    expect(expected.nested.list[3]).toEqual([true]);
  });
});
