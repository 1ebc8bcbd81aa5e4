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

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

function relativeImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const target = relative(root, resolve(dirname(join(root, file)), match[1] as string));
    return target.replace(/\.js$/, '.ts');
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
      return relativeImports(file)
        .filter((target) => {
          const to = layerOf(target);
          return to !== undefined && !MAY_IMPORT[from].includes(to);
        })
        .map((target) => `${file} (${from}) imports ${target} (${layerOf(target)})`);
    });
    expect(violations).toEqual([]);
  });

  it('the emulator never reads the rules catalogue (principle 1)', () => {
    const readers = sourceFiles('emulator').filter((file) =>
      readFileSync(join(root, file), 'utf8').includes('rules.yaml'),
    );
    expect(readers).toEqual([]);
  });
});
