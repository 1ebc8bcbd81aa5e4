import { describe, expect, it } from 'vitest';
import { generateCases } from '../../generators/index.js';
import type { Case } from '../../lib/cases.js';
import { casesFor, defaultSpec } from './helpers.js';

const param = (c: Case, name: string) => c.request.params.find(([n]) => n === name)?.[1];
const lengthOf = (c: Case, name: string) => [...(param(c, name) ?? '')].length;
const tagsOf = (c: Case) => c.request.params.filter(([n]) => /^Tag\.[^.]+\.Key$/.test(n));
const diskCount = (c: Case) => c.request.params.filter(([n]) => n.startsWith('DiskId.')).length;
const totalSize = (c: Case) => {
  const { world } = defaultSpec();
  return c.request.params
    .filter(([n]) => n.startsWith('DiskId.'))
    .reduce((sum, [, id]) => sum + (world.disks.find((d) => d.id === id)?.sizeGiB ?? 0), 0);
};

/** The boundary probes the issue asks for, each as (rule, predicate on a case of that rule). */
const BOUNDARIES: Array<[string, string, (c: Case) => boolean]> = [
  ['Name of 1', 'name.min-length', (c) => lengthOf(c, 'Name') === 1],
  ['Name of 2', 'valid.boundaries-accepted', (c) => lengthOf(c, 'Name') === 2],
  ['Name of 128', 'valid.boundaries-accepted', (c) => lengthOf(c, 'Name') === 128],
  ['Name of 129', 'name.max-length', (c) => lengthOf(c, 'Name') === 129],
  ['Description of 1', 'description.min-length', (c) => lengthOf(c, 'Description') === 1],
  ['Description of 2', 'valid.boundaries-accepted', (c) => lengthOf(c, 'Description') === 2],
  ['Description of 256', 'valid.boundaries-accepted', (c) => lengthOf(c, 'Description') === 256],
  ['Description of 257', 'description.max-length', (c) => lengthOf(c, 'Description') === 257],
  ['16 disks', 'valid.boundaries-accepted', (c) => diskCount(c) === 16],
  ['17 disks', 'disk-ids.max-count', (c) => diskCount(c) === 17],
  ['exactly 32768 GiB', 'valid.boundaries-accepted', (c) => totalSize(c) === 32768],
  [
    'just over 32768 GiB',
    'disk-ids.max-total-size',
    (c) => totalSize(c) > 32768 && totalSize(c) < 32768 + 100,
  ],
  ['20 tags', 'valid.boundaries-accepted', (c) => tagsOf(c).length === 20],
  ['21 tags', 'tag.max-count', (c) => tagsOf(c).length === 21],
  ['tag key of 128', 'valid.boundaries-accepted', (c) => tagsOf(c).some(([, k]) => k.length === 128)],
  ['tag key of 129', 'tag.key-max-length', (c) => tagsOf(c).some(([, k]) => k.length === 129)],
  [
    'tag value of 128',
    'valid.boundaries-accepted',
    (c) => c.request.params.some(([n, v]) => n.endsWith('.Value') && v.length === 128),
  ],
  [
    'tag value of 129',
    'tag.value-max-length',
    (c) => c.request.params.some(([n, v]) => n.endsWith('.Value') && v.length === 129),
  ],
  ['retention 0', 'retention-days.range', (c) => param(c, 'InstantAccessRetentionDays') === '0'],
  ['retention 1', 'valid.boundaries-accepted', (c) => param(c, 'InstantAccessRetentionDays') === '1'],
  ['retention 65535', 'valid.boundaries-accepted', (c) => param(c, 'InstantAccessRetentionDays') === '65535'],
  ['retention 65536', 'retention-days.range', (c) => param(c, 'InstantAccessRetentionDays') === '65536'],
  ['Name http://', 'name.no-url-prefix', (c) => param(c, 'Name')?.startsWith('http://') === true],
  ['Name https://', 'name.no-url-prefix', (c) => param(c, 'Name')?.startsWith('https://') === true],
  [
    'Description http://',
    'description.no-url-prefix',
    (c) => param(c, 'Description')?.startsWith('http://') === true,
  ],
  [
    'Description https://',
    'description.no-url-prefix',
    (c) => param(c, 'Description')?.startsWith('https://') === true,
  ],
  ['tag key acs:', 'tag.key-reserved-prefix', (c) => tagsOf(c).some(([, k]) => k.startsWith('acs:'))],
  ['tag key aliyun', 'tag.key-reserved-prefix', (c) => tagsOf(c).some(([, k]) => k.startsWith('aliyun'))],
  [
    'tag value acs:',
    'tag.value-reserved-prefix',
    (c) => c.request.params.some(([n, v]) => n.endsWith('.Value') && v.startsWith('acs:')),
  ],
  ['DiskId.0', 'disk-ids.index-range', (c) => param(c, 'DiskId.0') !== undefined],
  ['DiskId.17', 'disk-ids.index-range', (c) => param(c, 'DiskId.17') !== undefined],
];

describe('determinism', () => {
  it('gives the same cases for the same seed, byte for byte', () => {
    const again = generateCases({ ...defaultSpec(), seed: 1 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(casesFor(1)));
  });

  it('gives other random cases for another seed, the same deterministic ones', () => {
    const a = casesFor(1).cases;
    const b = casesFor(2).cases;
    const random = (cases: Case[]) =>
      cases.filter((c) => c.kind === 'multi-fault' || /\/(invalid|valid)\/[3-9]$/.test(c.id));
    expect(JSON.stringify(random(a))).not.toBe(JSON.stringify(random(b)));
    const fixed = (cases: Case[]) =>
      cases.filter((c) => c.kind === 'boundary').map((c) => JSON.stringify(c.request.params));
    expect(fixed(b)).toEqual(fixed(a));
  });

  it('gives stable, unique ids: rule/kind/index', () => {
    const ids = casesFor(1).cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of casesFor(1).cases)
      expect(c.id).toMatch(new RegExp(`^${c.rule.replace(/\./g, '\\.')}/${c.kind}/\\d+$`));
  });
});

describe.each([1, 2, 12345])('boundary coverage phase, seed %i', (seed) => {
  const { cases } = seed === 12345 ? generateCases({ ...defaultSpec(), seed, runs: 0 }) : casesFor(seed);
  it.each(BOUNDARIES)('holds %s', (_what, rule, probe) => {
    expect(cases.some((c) => c.rule === rule && probe(c))).toBe(true);
  });
});
