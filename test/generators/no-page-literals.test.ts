import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../spec/fixtures/references.js';

/**
 * Issue 18: every limit of the page that a generator uses comes from the OpenAPI description
 * (lib/spec/request-limits.ts), none is written again in generators/. These are the page's distinctive
 * numbers (lengths, ranges, sizes, each with its neighbour across the bound) and its reserved words.
 */
const PAGE_NUMBERS = ['64', '65', '128', '129', '256', '257', '65535', '65536', '32768', '262144'];
const PAGE_WORDS = ["'acs:'", "'aliyun'", 'http://', 'https://'];

/** Source lines without comments: a comment may quote the page. */
function codeLines(file: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  let inBlock = false;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      let code = line;
      if (inBlock) {
        const end = code.indexOf('*/');
        if (end < 0) return;
        code = code.slice(end + 2);
        inBlock = false;
      }
      code = code.replace(/\/\*.*?\*\//g, '');
      const start = code.indexOf('/*');
      if (start >= 0) {
        inBlock = true;
        code = code.slice(0, start);
      }
      code = code.replace(/\/\/.*$/, '');
      out.push([index + 1, code]);
    });
  return out;
}

describe('generators/ holds no limit of the page as a literal', () => {
  const dir = join(repoRoot, 'generators');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));

  it('scans every generator file', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('no page number and no reserved word in code', () => {
    const found: string[] = [];
    for (const file of files) {
      for (const [line, code] of codeLines(file)) {
        const hit = pageLiteralIn(code);
        if (hit !== undefined) found.push(`${file.slice(repoRoot.length + 1)}:${line}: ${hit}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the scan finds such a literal where there is one, and not in a comment or a longer number', () => {
    expect(pageLiteralIn('fc.integer({ min: 1, max: 65535 })')).toBe('65535');
    expect(pageLiteralIn("repeatTo(129, 'TagKey129-')")).toBe('129');
    expect(pageLiteralIn("fc.constantFrom('acs:', 'aliyun')")).toBe("'acs:'");
    expect(pageLiteralIn('const STREAM_CHUNK = 1280;')).toBeUndefined();
    expect(pageLiteralIn('value.toString(16)')).toBeUndefined();
  });
});

const NUMBER = new RegExp(`(?<![\\w.])(${PAGE_NUMBERS.join('|')})(?![\\w.])`);
const pageLiteralIn = (code: string): string | undefined =>
  NUMBER.exec(code)?.[1] ?? PAGE_WORDS.find((word) => code.includes(word));
