import { describe, expect, it } from 'vitest';
import { formatExpected } from '../../lib/reporting/format.js';

describe('formatExpected', () => {
  it('renders every expectation kind', () => {
    expect(formatExpected({ kind: 'success' })).toBe('success');
    expect(
      formatExpected({ kind: 'error', code: 'QuotaExceed.Tags', status: 403, codeMatch: 'prefix' }),
    ).toBe('QuotaExceed.Tags* 403');
    expect(
      formatExpected({
        kind: 'one-of',
        alternatives: [
          { code: 'A', status: 400 },
          { code: 'B', status: 404 },
        ],
      }),
    ).toBe('A 400 or B 404');
    expect(formatExpected({ kind: 'documented-4xx' })).toBe('a documented 4xx error');
    expect(formatExpected({ kind: 'success-or-documented-4xx' })).toBe('success or a documented 4xx error');
  });
});
