import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_EXPANSION, parseYamlText } from '../../lib/spec/load-yaml.js';

/** Nine levels of ten aliases each: 10^9 leaves once expanded, from a dozen lines. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level <= 9; level++) {
    const previous = `*a${level - 1}`;
    lines.push(`a${level}: &a${level} [${Array(10).fill(previous).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('YAML files are read with a bound on alias expansion (issue 14.9)', () => {
  it('an alias bomb is a configuration error naming the file, not an exhausted process', () => {
    expect(() => parseYamlText(aliasBomb(), 'bomb.world.yaml', 'World')).toThrowError(
      expect.objectContaining({
        code: 'E_CONFIG',
        message: expect.stringMatching(
          /^World file bomb\.world\.yaml: its aliases expand to more than 10000 nodes/,
        ),
      }),
    );
  });

  it('a world that reuses a template on many disks still loads', () => {
    const disks = Array.from({ length: 2_000 }, (_, i) => `  - {id: d-${i}, spec: *essd}`).join('\n');
    const text = `template: &essd {category: cloud_essd, sizeGiB: 40}\ndisks:\n${disks}\n`;
    const parsed = parseYamlText(text, 'big.world.yaml', 'World').data as {
      disks: Array<{ spec: { category: string } }>;
    };
    expect(parsed.disks).toHaveLength(2_000);
    expect(parsed.disks[1_999]?.spec.category).toBe('cloud_essd');
    expect(MAX_ALIAS_EXPANSION).toBeGreaterThanOrEqual(2_000);
  });
});
