import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Enforces the layer table of ARCHITECTURE.md: who may import whom.
const root = resolve(import.meta.dirname, '..');

type Layer =
  | 'contracts'
  | 'spec'
  | 'client-sign'
  | 'client'
  | 'emulator'
  | 'generators'
  | 'checks'
  | 'runner-types'
  | 'engine'
  | 'reporting'
  | 'suites'
  | 'cli';

const CONTRACT_FILES = new Set([
  'lib/errors.ts',
  'lib/cases.ts',
  'lib/shown-text.ts',
  'lib/spec/world.ts',
  'lib/spec/catalogue.ts',
  'lib/checks/finding.ts',
  'lib/client/exchange.ts',
]);

function layerOf(file: string): Layer | undefined {
  if (CONTRACT_FILES.has(file)) return 'contracts';
  if (file === 'lib/runner/result.ts') return 'runner-types';
  const prefixes: Array<[string, Layer]> = [
    ['lib/spec/', 'spec'],
    ['lib/client/sign/', 'client-sign'],
    ['lib/client/', 'client'],
    ['emulator/', 'emulator'],
    ['generators/', 'generators'],
    ['lib/checks/', 'checks'],
    ['lib/runner/', 'engine'],
    ['lib/reporting/', 'reporting'],
    ['suites/', 'suites'],
    ['lib/cli/', 'cli'],
  ];
  return prefixes.find(([prefix]) => file.startsWith(prefix))?.[1];
}

const ALL: Layer[] = [
  'contracts',
  'spec',
  'client-sign',
  'client',
  'emulator',
  'generators',
  'checks',
  'runner-types',
  'engine',
  'reporting',
  'suites',
  'cli',
];

const MAY_IMPORT: Record<Layer, Layer[]> = {
  contracts: ['contracts'],
  spec: ['contracts', 'spec'],
  'client-sign': ['contracts', 'client-sign'],
  client: ['contracts', 'spec', 'client-sign', 'client'],
  emulator: ['contracts', 'spec', 'client-sign', 'emulator'],
  generators: ['contracts', 'spec', 'client-sign', 'client', 'generators'],
  checks: ['contracts', 'spec', 'client-sign', 'client', 'checks'],
  'runner-types': ['contracts', 'runner-types'],
  engine: ['contracts', 'spec', 'client-sign', 'client', 'generators', 'checks', 'runner-types', 'engine'],
  reporting: ['contracts', 'spec', 'client-sign', 'client', 'runner-types', 'reporting'],
  suites: ALL.filter((layer) => layer !== 'cli' && layer !== 'emulator'),
  cli: ALL,
};

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(abs, name);
    if (name === 'node_modules' || name === 'generated') return [];
    if (statSync(path).isDirectory()) return sourceFiles(relative(root, path));
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [relative(root, path)] : [];
  });
}

/** One import statement of a file: where from, which names, whether only types. */
interface ImportOf {
  target: string;
  names: string[];
  typeOnly: boolean;
  /** `import * as x`, a default import or a bare `import '...'`: what it uses cannot be listed. */
  opaque: boolean;
}

const STATEMENT =
  /import\s+(type\s+)?([^'";]*?)\s*from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*(?:\(\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;

/** The imports of a source text, names as imported (an `x as y` counts as x); `export ... from` too. */
function importsOf(text: string, file: string): ImportOf[] {
  const toTarget = (spec: string) =>
    relative(root, resolve(dirname(join(root, file)), spec)).replace(/\.js$/, '.ts');
  const reexports = [
    ...text.matchAll(/export\s+(type\s+)?(\*|\{[^}]*\})\s*from\s*['"](\.{1,2}\/[^'"]+)['"]/g),
  ];
  const out: ImportOf[] = [...text.matchAll(STATEMENT), ...reexports].map((m) => {
    const spec = (m[3] ?? m[4]) as string;
    const clause = (m[2] ?? '').trim();
    const braces = /\{([^}]*)\}/.exec(clause);
    const entries = (braces?.[1] ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    const names = entries.map((e) => e.replace(/^type\s+/, '').split(/\s+as\s+/)[0] as string);
    const outside = braces === null ? clause : clause.replace(braces[0], '').replace(/,/g, '').trim();
    return {
      target: toTarget(spec),
      names,
      typeOnly: m[1] !== undefined || (entries.length > 0 && entries.every((e) => e.startsWith('type '))),
      opaque: clause === '' || clause === '*' || outside !== '',
    };
  });
  return out;
}

/**
 * What the emulator may take from spec loading besides types: the world (its seed), never the rules
 * catalogue, the profiles or the whole spec (principle 1: it reads the page, not our oracle).
 */
const EMULATOR_SPEC_VALUES: Record<string, string[]> = { 'lib/spec/load.ts': ['loadWorld'] };

/** Imports by an emulator file of something under lib/spec/ that is not the world's types or loadWorld. */
function emulatorSpecViolations(file: string, text: string): string[] {
  return importsOf(text, file)
    .filter((i) => i.target.startsWith('lib/spec/') && i.target !== 'lib/spec/world.ts' && !i.typeOnly)
    .flatMap((i) => {
      const allowed = EMULATOR_SPEC_VALUES[i.target] ?? [];
      if (i.opaque) return [`${file} imports ${i.target} whole`];
      return i.names.filter((n) => !allowed.includes(n)).map((n) => `${file} imports ${n} from ${i.target}`);
    });
}

describe('architecture', () => {
  const files = ['lib', 'emulator', 'generators', 'suites'].flatMap(sourceFiles);

  it('finds the layers it polices', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(files.every((file) => layerOf(file) !== undefined)).toBe(true);
  });

  it('every import follows the layer table of ARCHITECTURE.md', () => {
    const violations = files.flatMap((file) => {
      const from = layerOf(file) as Layer;
      return importsOf(readFileSync(join(root, file), 'utf8'), file)
        .map((i) => i.target)
        .filter((target) => {
          const to = layerOf(target);
          return to !== undefined && !MAY_IMPORT[from].includes(to);
        })
        .map((target) => `${file} (${from}) imports ${target} (${layerOf(target)})`);
    });
    expect(violations).toEqual([]);
  });

  it('the emulator never reads the rules catalogue (principle 1)', () => {
    const emulatorFiles = sourceFiles('emulator');
    expect(emulatorFiles.length).toBeGreaterThan(5);
    const readers = emulatorFiles.filter((file) =>
      readFileSync(join(root, file), 'utf8').includes('rules.yaml'),
    );
    expect(readers).toEqual([]);
    // By name, not by text: loadCatalogue, loadSpec or loadProfile reach the catalogue without naming it.
    const violations = emulatorFiles.flatMap((file) =>
      emulatorSpecViolations(file, readFileSync(join(root, file), 'utf8')),
    );
    expect(violations).toEqual([]);
    // The one value it does take is seen, so the check reads the imports it guards.
    const cli = importsOf(readFileSync(join(root, 'emulator/cli.ts'), 'utf8'), 'emulator/cli.ts');
    expect(cli.find((i) => i.target === 'lib/spec/load.ts')?.names).toEqual(['loadWorld']);
  });

  it('reads imported names however they are written', () => {
    const file = 'emulator/cli.ts';
    const seen = (text: string) => emulatorSpecViolations(file, text);
    expect(seen("import { loadWorld } from '../lib/spec/load.js';")).toEqual([]);
    expect(seen("import type { Catalogue } from '../lib/spec/catalogue.js';")).toEqual([]);
    expect(seen("import { type Limits } from '../lib/spec/catalogue.js';")).toEqual([]);
    expect(seen("import { loadWorld, loadCatalogue as read } from '../lib/spec/load.js';")).toEqual([
      'emulator/cli.ts imports loadCatalogue from lib/spec/load.ts',
    ]);
    expect(seen("import {\n  loadSpec,\n} from '../lib/spec/load.js';")).toEqual([
      'emulator/cli.ts imports loadSpec from lib/spec/load.ts',
    ]);
    expect(seen("import * as spec from '../lib/spec/load.js';")).toEqual([
      'emulator/cli.ts imports lib/spec/load.ts whole',
    ]);
    expect(seen("const m = await import('../lib/spec/load.js');")).toEqual([
      'emulator/cli.ts imports lib/spec/load.ts whole',
    ]);
    expect(seen("export { loadCatalogue } from '../lib/spec/load.js';")).toEqual([
      'emulator/cli.ts imports loadCatalogue from lib/spec/load.ts',
    ]);
  });
});
