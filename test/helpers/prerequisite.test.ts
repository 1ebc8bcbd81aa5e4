import { describe, expect, it, type TestContext, vi } from 'vitest';
import { needs } from './prerequisite.js';

const contextWith = () =>
  ({ skip: vi.fn(), task: { name: 'a test' } }) as unknown as TestContext & {
    skip: ReturnType<typeof vi.fn>;
  };
const MISSING = { present: false, reason: 'Chromium at /nowhere/chromium' };

describe('a test prerequisite', () => {
  it('missing: the test is skipped with the reason', () => {
    const context = contextWith();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    needs(context, MISSING, {});
    needs(context, MISSING, {});
    expect(context.skip).toHaveBeenCalledWith('skipped, missing prerequisite: Chromium at /nowhere/chromium');
    // Said on stderr once, where the default reporter shows it.
    expect(warn.mock.calls).toEqual([
      ['a test: skipped, missing prerequisite: Chromium at /nowhere/chromium'],
    ]);
    warn.mockRestore();
  });

  it('missing under CI=true: the test fails, naming it', () => {
    const context = contextWith();
    expect(() => needs(context, MISSING, { CI: 'true' })).toThrow(
      'missing prerequisite (CI=true, so this fails): Chromium at /nowhere/chromium',
    );
    expect(context.skip).not.toHaveBeenCalled();
  });

  it('present: the test runs, in CI or not', () => {
    const context = contextWith();
    needs(context, { present: true, reason: 'x' }, { CI: 'true' });
    needs(context, { present: true, reason: 'x' }, {});
    expect(context.skip).not.toHaveBeenCalled();
  });
});
