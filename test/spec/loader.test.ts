import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ToolError } from '../../lib/errors.js';
import type { Catalogue } from '../../lib/spec/catalogue.js';
import {
  applyProfile,
  loadCatalogue,
  loadProfile,
  loadSpec,
  loadWorld,
  parseWorld,
  profileNames,
} from '../../lib/spec/load.js';
import { packagePath, specPackageRoot } from '../../lib/spec/load-paths.js';
import { repoRoot } from './fixtures/references.js';

const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);

/** The E_CONFIG message of a load that must fail. */
function configError(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).code).toBe('E_CONFIG');
    return (error as ToolError).message;
  }
  throw new Error('expected the load to fail with E_CONFIG');
}

describe('loadSpec and defaults', () => {
  it('finds spec/ and fixtures/ from the package root', () => {
    expect(specPackageRoot()).toBe(repoRoot);
    expect(packagePath('spec')).toBe(join(repoRoot, 'spec'));
  });

  it('loads the default catalogue, doc-2024 profile and default world', () => {
    const spec = loadSpec();
    expect(spec.profile.name).toBe('doc-2024');
    expect(spec.profile.limits).toEqual({
      maxDisks: 16,
      maxDiskIndex: 16,
      maxTotalSizeGiB: 32768,
      maxTags: 20,
    });
    expect(spec.world.name).toBe('default');
    expect(spec.catalogue.rules.length).toBeGreaterThan(80);
  });

  it('loads the sdk-7.11 profile by name and a profile by file', () => {
    expect(profileNames()).toEqual(['doc-2024', 'sdk-7.11']);
    expect(loadProfile('sdk-7.11').limits).toEqual({
      maxDisks: 128,
      maxDiskIndex: 128,
      maxTotalSizeGiB: 262144,
      maxTags: 20,
    });
    expect(loadSpec({ profile: fixture('override.profile.yaml') }).profile.name).toBe('override');
  });

  it('applyProfile replaces expected outcomes and appends notes of overridden rules only', () => {
    const catalogue = loadCatalogue();
    const rules = applyProfile(catalogue, loadProfile(fixture('override.profile.yaml')));
    const name = rules.find((r) => r.id === 'name.min-length');
    expect(name?.expected).toEqual({ kind: 'error', code: 'InvalidParameter.Name', status: 400 });
    expect(name?.note).toContain('[override] This target answers InvalidParameter.Name only.');
    const untouched = rules.find((r) => r.id === 'name.max-length');
    expect(untouched).toBe(catalogue.rules.find((r) => r.id === 'name.max-length'));
    const sdk = applyProfile(catalogue, loadProfile('sdk-7.11'));
    expect(sdk.find((r) => r.id === 'disk-ids.max-count')?.note).toContain('[sdk-7.11]');
    expect(() =>
      applyProfile(catalogue, { ...loadProfile(), overrides: { 'no.such-rule': { note: 'x' } } }),
    ).toThrow(/no\.such-rule/);
  });
});

describe('malformed files are rejected with the file, the path and what is wrong', () => {
  it.each([
    ['bad-enum.world.yaml', '/disks/1/category', /must be one of: cloud, cloud_efficiency, .*cloud_essd/],
    ['missing-field.world.yaml', '/instances/0', /missing required property 'status'/],
    ['unknown-key.world.yaml', '/accounts/0/balance', /unknown property \(allowed: id, accessKeyId/],
    ['dangling-instance.world.yaml', '/disks/1/instance', /instance 'i-missing01' is not in \/instances/],
    [
      'foreign-zone.world.yaml',
      '/instances/0/zone',
      /zone 'cn-shanghai-e' is not a zone of region 'cn-hangzhou'/,
    ],
    ['duplicate-id.world.yaml', '/disks/1/id', /duplicate id 'd-small01'/],
  ])('%s', (name, path, what) => {
    const message = configError(() => loadWorld(fixture(name)));
    expect(message).toContain(`fixtures/${name}`);
    expect(message).toContain(`at ${path}:`);
    expect(message).toMatch(what);
    expect(message).toMatch(new RegExp(`${name}:\\d+:\\d+ at `));
  });

  it('a small valid world loads', () => {
    expect(loadWorld(fixture('small.world.yaml')).disks).toHaveLength(2);
  });

  it('bad YAML syntax names the file and the line', () => {
    const message = configError(() => loadWorld(fixture('bad-syntax.world.yaml')));
    expect(message).toMatch(/bad-syntax\.world\.yaml:1\d:\d+: not valid YAML/);
  });

  it('a missing file names the path', () => {
    expect(configError(() => loadWorld('test/spec/fixtures/no-such.world.yaml'))).toBe(
      'World file test/spec/fixtures/no-such.world.yaml: cannot read it (no such file)',
    );
    expect(configError(() => loadCatalogue('/nonexistent/rules.yaml'))).toContain('/nonexistent/rules.yaml');
    expect(configError(() => loadProfile('/nonexistent/my.profile.yaml'))).toMatch(
      /^Profile file \/nonexistent\/my\.profile\.yaml: cannot read it/,
    );
  });

  it('an unknown profile name lists the shipped ones', () => {
    expect(configError(() => loadProfile('doc-2099'))).toMatch(
      /'doc-2099' is not shipped \(known: doc-2024, sdk-7\.11\)/,
    );
  });

  it('profiles: wrong type, unknown expected kind, override of a rule the catalogue lacks', () => {
    expect(configError(() => loadProfile(fixture('bad-limits.profile.yaml')))).toMatch(
      /bad-limits\.profile\.yaml:4:\d+ at \/limits\/maxDisks: must be integer/,
    );
    expect(configError(() => loadProfile(fixture('bad-expected.profile.yaml')))).toMatch(
      /at \/overrides\/name\.min-length\/expected\/kind: must be one of: success, error, one-of, documented-4xx, success-or-documented-4xx, success-or-one-of/,
    );
    expect(configError(() => loadSpec({ profile: fixture('unknown-override.profile.yaml') }))).toMatch(
      /unknown-override\.profile\.yaml:7:\d+ at \/overrides\/name\.no-such-rule: names rule 'name\.no-such-rule', which the catalogue does not have \(rules of that area: name\.min-length/,
    );
  });

  it('alternatives at one path are joined with "or"', () => {
    const text = readFileSync(fixture('small.world.yaml'), 'utf8').replace(
      'instance: i-small01, multiAttach',
      'instance: 5, multiAttach',
    );
    expect(configError(() => parseWorld(text, 'inline.yaml'))).toMatch(
      /at \/disks\/0\/instance: must be string or must be null/,
    );
  });

  it('worlds given as text are checked the same way', () => {
    expect(
      configError(() => parseWorld('name: x\naccounts: []\nregions: []\ninstances: []\n', 'inline.yaml')),
    ).toMatch(/inline\.yaml:1:1 at \/: missing required property 'disks'/);
  });
});

describe('malformed catalogues', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-conformance-catalogue-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const good = (): Catalogue => parse(stringify(loadCatalogue())) as Catalogue;
  const write = (name: string, catalogue: Catalogue): string => {
    const file = join(dir, name);
    writeFileSync(file, stringify(catalogue));
    return file;
  };

  it.each<[string, (c: Catalogue) => void, string, RegExp]>([
    [
      'dup.yaml',
      (c) => c.rules.push({ ...(c.rules[0] as Catalogue['rules'][number]) }),
      '/rules/96/id',
      /duplicate rule id 'region\.required'/,
    ],
    [
      'row.yaml',
      (c) => c.errorRows[0]?.rules.push('disk-ids.no-such'),
      '/errorRows/0/rules/1',
      /rule 'disk-ids\.no-such' is not in \/rules/,
    ],
    [
      'attr.yaml',
      (c) => Object.assign(c.rules[0]?.precondition.disk ?? {}, { everused: true }),
      '/rules/0/precondition/disk/everused',
      /'everused' is not an attribute of a world disk \(allowed: id, account/,
    ],
    [
      'enum.yaml',
      (c) => Object.assign(c.rules[0]?.precondition.disk ?? {}, { category: 'cloud_esd' }),
      '/rules/0/precondition/disk/category',
      /"cloud_esd" is not one of: cloud, cloud_efficiency/,
    ],
    [
      'kind.yaml',
      (c) => Object.assign(c.rules[0] as object, { expected: { kind: 'maybe' } }),
      '/rules/0/expected/kind',
      /must be one of: success, error, one-of, documented-4xx, success-or-documented-4xx, success-or-one-of/,
    ],
    [
      'quote.yaml',
      (c) => Object.assign(c.rules[0]?.source ?? {}, { quote: undefined }),
      '/rules/0/source',
      /missing required property 'quote'/,
    ],
    [
      'id.yaml',
      (c) => Object.assign(c.rules[0] as object, { id: 'Region Required' }),
      '/rules/0/id',
      /does not match/,
    ],
    [
      'note.yaml',
      (c) => Object.assign(c.rules[0] as object, { note: 'See (ambiguity no-such-thing).' }),
      '/rules/0/note',
      /ambiguity 'no-such-thing'/,
    ],
    [
      'reach.yaml',
      (c) => c.errorRows[18]?.rules.push('disk.exists'),
      '/errorRows/18/rules',
      /must NOT have more than 0 items/,
    ],
    [
      'level.yaml',
      (c) => Object.assign(c.rules[1] as object, { level: 'may' }),
      '/rules/1/level',
      /must be one of: must, should/,
    ],
    [
      'key.yaml',
      (c) => Object.assign(c.rules[2] as object, { sameAs: 'name.min-length' }),
      '/rules/2/sameAs',
      /unknown property \(allowed: id, family, title/,
    ],
    [
      'match.yaml',
      (c) => Object.assign(c.rules[0]?.precondition.disk ?? {}, { sizeGiB: { gte: 'big' } }),
      '/rules/0/precondition/disk/sizeGiB/gte',
      /must be number/,
    ],
    [
      'status.yaml',
      (c) => Object.assign(c.rules[0] as object, { expected: { kind: 'error', code: 'MissingParameter' } }),
      '/rules/0/expected',
      /missing required property 'status'/,
    ],
    [
      'schema.yaml',
      (c) => Object.assign(c.rules[0] as object, { schema: ['/properties/Nmae/maxLength'] }),
      '/rules/0/schema/0',
      /'\/properties\/Nmae\/maxLength' is not a location of the OpenAPI request schema/,
    ],
  ])('%s', (name, damage, path, what) => {
    const catalogue = good();
    damage(catalogue);
    const message = configError(() => loadCatalogue(write(name, catalogue)));
    expect(message).toContain(name);
    expect(message).toContain(`at ${path}:`);
    expect(message).toMatch(what);
  });
});
