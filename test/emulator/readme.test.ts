import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CREATE_STEPS } from '../../emulator/index.js';

describe('emulator/README.md', () => {
  it('lists the CreateSnapshotGroup steps in the order the code runs them', () => {
    const readme = readFileSync(new URL('../../emulator/README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| (\d+) \| `([^`]+)` \|/gm)].map((m) => m[2]);
    expect(documented).toEqual(CREATE_STEPS.map((step) => step.name));
  });
});
