import { describe, expect, it } from 'vitest';
import { loadProfile, loadSpec } from '../../lib/spec/load.js';
import { readOpenApiFile } from '../../lib/spec/openapi-document.js';
import { requestLimits, requestLimitsOf } from '../../lib/spec/request-limits.js';
import { charsetOf, expandClass, literalWordsOf } from '../../lib/spec/schema-patterns.js';
import { name64Tags12 } from './fixtures/edited-spec.js';

describe('schema patterns read back as data', () => {
  it('character classes expand to their characters, ranges and escapes included', () => {
    expect(expandClass('A-Ca-c0-2._:-', 'test')).toBe('ABCabc012._:-');
    expect(expandClass('\\x00-\\x7F', 'test')).toHaveLength(128);
  });
  it('a pattern per position: first and rest', () => {
    expect(charsetOf('^[A-Za-z][A-Za-z0-9._:-]*$', 'Name')).toEqual({
      first: expandClass('A-Za-z', 't'),
      rest: expandClass('A-Za-z0-9._:-', 't'),
    });
  });
  it('literal words with optional characters, anchored or not', () => {
    expect(literalWordsOf('^https?://', 'x')).toEqual({ anchored: true, words: ['http://', 'https://'] });
    expect(literalWordsOf('acs:', 'x')).toEqual({ anchored: false, words: ['acs:'] });
  });
  it('a pattern of another shape is a spec error naming it', () => {
    expect(() => literalWordsOf('^(a|b)', 'Tag')).toThrowError(
      /Tag: pattern \^\(a\|b\) is not a literal word/,
    );
    expect(() => charsetOf('^\\w+$', 'Name')).toThrowError(/Name: pattern/);
  });
});

describe('requestLimits: the page’s limits, read from the OpenAPI description', () => {
  const limits = requestLimits();
  it('lengths, characters, forbidden prefixes and infixes, ranges, lists', () => {
    expect(limits.name).toMatchObject({
      minLength: 2,
      maxLength: 128,
      forbiddenPrefixes: ['http://', 'https://'],
    });
    expect(limits.name.charset?.first).toMatch(/^A.*z$/);
    expect(limits.description).toMatchObject({ minLength: 2, maxLength: 256, forbiddenInfixes: [] });
    expect(limits.tagKey).toMatchObject({
      minLength: 1,
      maxLength: 128,
      forbiddenPrefixes: ['acs:', 'aliyun'],
      forbiddenInfixes: ['http://', 'https://'],
    });
    expect(limits.tagValue).toMatchObject({ minLength: 0, maxLength: 128, forbiddenPrefixes: ['acs:'] });
    expect(limits.clientToken).toMatchObject({ maxLength: 64 });
    expect(limits.clientToken.charset?.rest).toHaveLength(128);
    expect(limits.retentionDays).toMatchObject({ minimum: 1, maximum: 65535 });
    expect(limits.limits).toEqual({ maxDisks: 16, maxDiskIndex: 16, maxTotalSizeGiB: 32768, maxTags: 20 });
  });

  it('profiles overlay them: doc-2024 changes nothing, sdk-7.11 raises the disk limits only', () => {
    expect(loadProfile('doc-2024').limits).toEqual(limits.limits);
    expect(loadProfile('sdk-7.11').limits).toEqual({
      ...limits.limits,
      maxDisks: 128,
      maxDiskIndex: 128,
      maxTotalSizeGiB: 262144,
    });
    expect(loadProfile('sdk-7.11').request.name).toEqual(limits.name);
  });

  it('an edited description moves them (Name up to 64 characters, 12 tags)', () => {
    const file = name64Tags12();
    const edited = requestLimitsOf(readOpenApiFile(file));
    expect(edited.name.maxLength).toBe(64);
    expect(edited.limits.maxTags).toBe(12);
    expect(edited.description.maxLength).toBe(256);
    const spec = loadSpec({ openapi: file });
    expect(spec.profile.request.name.maxLength).toBe(64);
    expect(spec.profile.limits.maxTags).toBe(12);
  });
});
