import { describe, expect, it } from 'vitest';
import { generateCases } from '../../generators/index.js';
import type { Case } from '../../lib/cases.js';
import { loadSpec } from '../../lib/spec/load.js';
import { name64Tags12 } from '../spec/fixtures/edited-spec.js';

// Issue 18: the OpenAPI description drives the generators. Edit it (Name at most 64 characters, at most
// 12 tags, as a future version might say) and the boundary and fault cases move with it.
const param = (c: Case, name: string): string | undefined => c.request.params.find(([n]) => n === name)?.[1];
const tagCount = (c: Case): number => c.request.params.filter(([n]) => /^Tag\.\d+\.Key$/.test(n)).length;
const casesOf = (cases: Case[], rule: string): Case[] => cases.filter((c) => c.rule === rule);

describe('cases follow an edited OpenAPI description', () => {
  const shipped = generateCases({ ...loadSpec(), seed: 7 }).cases;
  const edited = generateCases({ ...loadSpec({ openapi: name64Tags12() }), seed: 7 }).cases;

  it('name.max-length: the boundary case sends 65 characters instead of 129', () => {
    const lengths = (cases: Case[]) =>
      casesOf(cases, 'name.max-length')
        .filter((c) => c.kind === 'boundary')
        .map((c) => param(c, 'Name')?.length);
    expect(lengths(shipped)).toEqual([129]);
    expect(lengths(edited)).toEqual([65]);
    // Random cases too: longer than 64, and none of 129 or more is needed to break it.
    const random = casesOf(edited, 'name.max-length').map((c) => param(c, 'Name')?.length ?? 0);
    expect(random.length).toBeGreaterThan(1);
    expect(Math.min(...random)).toBe(65);
    expect(Math.max(...random)).toBeLessThanOrEqual(128);
  });

  it('tag.max-count: 13 tags instead of 21', () => {
    const counts = (cases: Case[]) =>
      casesOf(cases, 'tag.max-count')
        .filter((c) => c.kind === 'boundary')
        .map(tagCount);
    expect(counts(shipped)).toEqual([21]);
    expect(counts(edited)).toEqual([13]);
  });

  it('the accepted boundaries: a Name of 64 characters and 12 tags', () => {
    const accepted = casesOf(edited, 'valid.boundaries-accepted');
    expect(accepted.map((c) => param(c, 'Name')?.length)).toContain(64);
    expect(accepted.map((c) => param(c, 'Name')?.length ?? 0).every((n) => n <= 64)).toBe(true);
    expect(Math.max(...accepted.map(tagCount))).toBe(12);
    expect(Math.max(...casesOf(shipped, 'valid.boundaries-accepted').map(tagCount))).toBe(20);
  });

  it('every other rule draws within the edited limits: no valid case sends a longer Name or more tags', () => {
    const valid = edited.filter((c) => c.expected.kind === 'success');
    expect(valid.length).toBeGreaterThan(20);
    for (const c of valid) {
      expect(param(c, 'Name')?.length ?? 0).toBeLessThanOrEqual(64);
      expect(tagCount(c)).toBeLessThanOrEqual(12);
    }
  });
});
