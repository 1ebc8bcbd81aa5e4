import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH } from '../../lib/client/body-depth.js';
import { parseBody } from '../../lib/client/parse.js';
import { REDACTED, redactValue } from '../../lib/client/redact.js';
import type { RunReport } from '../../lib/runner/index.js';
import { removeDir, runCli, tempDir } from './cli.js';
import { deepAnswerTarget, deepJsonBody, deepXmlBody } from './deep-targets.js';
import type { LoopbackServer } from './loopback.js';

// Issue 14, item 6: a 20,000-deep array (40 KB) overflowed the recursive redaction and the run ended
// exit 3, as if the target were unreachable. A deep answer is a finding about the target (exit 1).
const opened: LoopbackServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(opened.map((server) => server.close()));
  for (const dir of dirs) removeDir(dir);
});

describe('an answer nested deeper than the bound is unparseable, never walked', () => {
  it('JSON: 20,000 levels are refused with the reason, 64 are read', () => {
    expect(parseBody(deepJsonBody(20_000))).toEqual({
      format: 'unparseable',
      reason: `JSON nested deeper than ${MAX_BODY_DEPTH} levels`,
    });
    expect(parseBody(deepJsonBody(MAX_BODY_DEPTH - 1)).format).toBe('json');
  });

  it('JSON: brackets inside strings (escaped quotes included) do not count as nesting', () => {
    const text = JSON.stringify({ Code: 'x', Message: `\\"${'['.repeat(10_000)}` });
    expect(parseBody(text)).toEqual({ format: 'json', value: JSON.parse(text) });
  });

  it('XML: 20,000 nested elements are refused with the reason, 60 are read', () => {
    const deep = parseBody(deepXmlBody(20_000));
    expect(deep.format).toBe('unparseable');
    expect(deep.format === 'unparseable' && deep.reason).toMatch(
      new RegExp(`^invalid XML: elements nested deeper than ${MAX_BODY_DEPTH} levels`),
    );
    expect(parseBody(deepXmlBody(60)).format).toBe('xml');
  });
});

describe('redactValue on a value of any depth', () => {
  it('copies 200,000 levels without overflowing the stack, masking secret-named fields at the bottom', () => {
    let value: unknown = { Signature: 'sig-value', Note: 'keep' };
    for (let i = 0; i < 200_000; i++) value = i % 2 === 0 ? [value] : { inner: value };
    let copy = redactValue(value);
    for (let i = 199_999; i >= 0; i--)
      copy = i % 2 === 0 ? (copy as unknown[])[0] : (copy as { inner: unknown }).inner;
    expect(copy).toEqual({ Signature: REDACTED, Note: 'keep' });
  });

  it('keeps a `__proto__` key as data, and the order of keys and items', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"polluted":true},"a":[3,2,{"SecurityToken":"t"}]}');
    const copy = redactValue(parsed) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['b', '__proto__', 'a']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy.a).toEqual([3, 2, { SecurityToken: REDACTED }]);
  });
});

describe.concurrent('ecs-conformance run against a target answering 20,000-deep bodies', () => {
  it.each(['json', 'xml'] as const)(
    '%s: exit 1 (a finding), not a crash',
    async (format) => {
      const target = await deepAnswerTarget(format);
      opened.push(target);
      const dir = tempDir('deep');
      dirs.push(dir);
      const only = ['--only', 'name.max-length,disk.exists', '--runs', '1'];
      const result = await runCli(['run', '--target', target.url, ...only, '--report-dir', dir], {
        cwd: dir,
      });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).not.toMatch(/RangeError|call stack/i);
      expect(result.stdout).toMatch(/verdict: NOT conformant \(2 failed, 0 inconclusive, \d+ passed/);
      const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as RunReport;
      for (const rule of report.rules) expect(rule.verdict).toBe('failed');
    },
    90_000,
  );
});
