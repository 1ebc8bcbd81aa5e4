import { describe, expect, it } from 'vitest';
import { checkShardSet } from '../../lib/cli/merge-command.js';
import { ToolError } from '../../lib/errors.js';

const attempt = (names: string[]): ToolError | undefined => {
  try {
    checkShardSet('/blobs', names);
    return undefined;
  } catch (error) {
    return error as ToolError;
  }
};

describe('merge checks it has the blob file of every shard', () => {
  it('accepts one complete run', () => {
    expect(attempt(['blob-2-3.json', 'blob-1-3.json', 'blob-3-3.json', 'notes.txt'])).toBeUndefined();
    expect(attempt(['blob-1-1.json'])).toBeUndefined();
  });

  it('names the missing shard, as a usage error', () => {
    const error = attempt(['blob-1-3.json', 'blob-2-3.json']);
    expect(error).toBeInstanceOf(ToolError);
    expect(error?.code).toBe('E_USAGE');
    expect(error?.message).toMatch(/results of shard 3\/3 missing/);
    expect(attempt(['blob-2-4.json', 'blob-4-4.json'])?.message).toMatch(/shard 1\/4, 3\/4 missing/);
  });

  it('refuses blob files of runs split differently, and files that are not a shard’s', () => {
    expect(attempt(['blob-1-2.json', 'blob-2-2.json', 'blob-1-3.json'])?.message).toMatch(
      /2 ways and 3 ways/,
    );
    expect(attempt(['blob-1-2.json', 'blob-2-2.json', 'other.json'])?.message).toMatch(/other\.json/);
    expect(attempt(['blob-1-2.json', 'blob-2-2.json', 'blob-3-2.json'])?.message).toMatch(/no shard 3\/2/);
  });
});
