import { describe, expect, it } from 'vitest';
import type { CaseRequest } from '../../lib/cases.js';
import { curlLine, parseReplayArgs, replayCommand, shellQuote } from '../../lib/client/replay.js';
import { buildHttpRequest } from '../../lib/client/wire.js';
import { shellSplit } from '../helpers/shell-split.js';
import { awkwardParams, caseRequest, context } from './helpers/fixtures.js';

const request: CaseRequest = caseRequest(
  { signature: 'v3', method: 'POST', body: 'form', format: 'XML' },
  {
    params: [...awkwardParams, ['Odd=Name', "it's"], ['DiskId.17', '']],
    tamper: { kind: 'add-after-signing', name: 'X', value: "a'b" },
  },
);

describe('replay command', () => {
  it('round-trips a request through the command line', () => {
    const line = replayCommand('https://ecs.cn-hangzhou.aliyuncs.com', request, {
      world: 'fixtures/my world.yaml',
    });
    expect(line.startsWith('npx ecs-conformance replay --target https://ecs.cn-hangzhou.aliyuncs.com')).toBe(
      true,
    );
    const words = shellSplit(line);
    expect(words.slice(0, 3)).toEqual(['npx', 'ecs-conformance', 'replay']);
    const parsed = parseReplayArgs(words.slice(3));
    expect(parsed.target).toBe('https://ecs.cn-hangzhou.aliyuncs.com');
    expect(parsed.world).toBe('fixtures/my world.yaml');
    expect(parsed.request.transport).toEqual(request.transport);
    expect(parsed.request.tamper).toEqual(request.tamper);
    expect(new Set(parsed.request.params.map((p) => p.join('\u0000')))).toEqual(
      new Set(request.params.map((p) => p.join('\u0000'))),
    );
  });

  it('rejects bad arguments with E_USAGE naming them', () => {
    const base = [
      '--target',
      't',
      '--action',
      'A',
      '--account',
      'main',
      '--signature',
      'v2',
      '--method',
      'GET',
      '--body',
      'query',
      '--format',
      'JSON',
    ];
    expect(parseReplayArgs(base).request.params).toEqual([]);
    expect(() => parseReplayArgs([...base.slice(0, -1), 'YAML'])).toThrow(
      /--format must be one of JSON, XML/,
    );
    expect(() => parseReplayArgs(base.slice(2))).toThrow(/--target is required/);
    expect(() => parseReplayArgs([...base, '--param', 'novalue'])).toThrow(/NAME=VALUE/);
    expect(() => parseReplayArgs([...base, '--tamper', '{"kind":"nope"}'])).toThrow(/unknown kind/);
    expect(() => parseReplayArgs([...base, '--bogus', 'x'])).toThrow(
      expect.objectContaining({ code: 'E_USAGE' }),
    );
  });
});

describe('curl line', () => {
  it('is shell-escaped, redacted and says it cannot be sent as is', () => {
    const sent = buildHttpRequest(request, context());
    const line = curlLine(sent);
    const signature = /Signature=([0-9a-f]{64})/.exec(sent.headers.authorization ?? '')?.[1] ?? 'missing';
    expect(line).not.toContain(signature);
    expect(line).toContain('Signature=***');
    expect(line).toContain('# not sendable as is');
    const words = shellSplit(line.slice(0, line.indexOf('  #')));
    expect(words[0]).toBe('curl');
    expect(words).toContain(sent.url);
    expect(words[words.indexOf('--data-binary') + 1]).toBe(sent.body);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
