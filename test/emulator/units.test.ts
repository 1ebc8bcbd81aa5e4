import { describe, expect, it } from 'vitest';
import { parseList } from '../../emulator/actions/lists.js';
import { ParamBag, parseUrlEncoded } from '../../emulator/http/params.js';
import { resolveOptions } from '../../emulator/options.js';
import { NonceStore } from '../../emulator/protocol/nonce-store.js';
import { checkTimestamp } from '../../emulator/protocol/timestamp.js';
import { toXml } from '../../emulator/protocol/xml.js';
import type { WireParams } from '../../lib/cases.js';
import { ToolError } from '../../lib/errors.js';
import { testWorld } from './world-fixture.js';

describe('parseUrlEncoded', () => {
  it('decodes strictly, keeps order and duplicates, reads + as a space', () => {
    const out: WireParams = [];
    expect(parseUrlEncoded('a=1&b=x+y%2Bz&a=2&&flag&%E4%B8%AD=%F0%9F%98%80', out)).toBeUndefined();
    expect(out).toEqual([
      ['a', '1'],
      ['b', 'x y+z'],
      ['a', '2'],
      ['flag', ''],
      ['中', '😀'],
    ]);
  });
  it.each(['a=%', 'a=%4', 'a=%zz', 'a=%FF', '%ED%A0%80=x'])('refuses %s', (text) => {
    expect(parseUrlEncoded(text, [])?.code).toBe('InvalidParameter');
  });
  it('refuses more than 1,000 parameters', () => {
    const text = Array.from({ length: 1001 }, (_, i) => `p${i}=1`).join('&');
    expect(parseUrlEncoded(text, [])?.code).toBe('InvalidParameter');
  });
});

describe('parseList', () => {
  const bag = (params: WireParams) => new ParamBag(params);
  it('orders by N, keeps gaps, ignores other shapes', () => {
    const parsed = parseList(
      bag([
        ['DiskId.10', 'ten'],
        ['DiskId.2', 'two'],
        ['DiskId.1.Foo', 'ignored'],
        ['DiskIds.1', 'ignored'],
      ]),
      'DiskId',
    );
    expect(parsed).toEqual({
      ok: true,
      entries: [
        { index: 2, value: 'two', fields: {} },
        { index: 10, value: 'ten', fields: {} },
      ],
    });
  });
  it('reads object lists by field', () => {
    const parsed = parseList(
      bag([
        ['Tag.2.Value', 'v'],
        ['Tag.1.Key', 'k'],
        ['Tag.2.Key', 'k2'],
        ['Tag.1.Other', 'x'],
      ]),
      'Tag',
      ['Key', 'Value'],
    );
    expect(parsed).toEqual({
      ok: true,
      entries: [
        { index: 1, fields: { Key: 'k' } },
        { index: 2, fields: { Key: 'k2', Value: 'v' } },
      ],
    });
  });
  it.each([['DiskId.0'], ['DiskId.01'], ['DiskId.x'], ['DiskId.'], ['DiskId.-1']])('refuses %s', (name) => {
    expect(parseList(bag([[name, 'd']]), 'DiskId').ok).toBe(false);
  });
  it('refuses a repeated entry', () => {
    expect(
      parseList(
        bag([
          ['DiskId.1', 'a'],
          ['DiskId.1', 'a'],
        ]),
        'DiskId',
      ).ok,
    ).toBe(false);
  });
});

describe('checkTimestamp', () => {
  const now = Date.parse('2024-02-29T12:00:00Z');
  it.each([
    ['2024-02-29T12:00:00Z', 'ok'],
    ['2024-02-29T12:15:00Z', 'ok'],
    ['2024-02-29T11:45:00Z', 'ok'],
    ['2024-02-29T12:15:01Z', 'expired'],
    ['2024-02-29T11:44:59Z', 'expired'],
    ['2023-02-29T12:00:00Z', 'malformed'],
    ['2024-02-29T24:00:00Z', 'malformed'],
    ['2024-02-29T12:00:00.000Z', 'malformed'],
    ['2024-02-29 12:00:00Z', 'malformed'],
    ['', 'malformed'],
  ])('%s is %s', (value, verdict) => {
    expect(checkTimestamp(value, now)).toBe(verdict);
  });
});

describe('NonceStore', () => {
  it('accepts a nonce once within the window, and forgets it after two generations', () => {
    const store = new NonceStore(1000);
    expect(store.useOnce('k\na', 0)).toBe(true);
    expect(store.useOnce('k\na', 500)).toBe(false);
    expect(store.useOnce('k\na', 1500)).toBe(false);
    expect(store.useOnce('k\nb', 1500)).toBe(true);
    expect(store.useOnce('k\na', 3100)).toBe(true);
  });
  it('holds many nonces compactly and exactly', () => {
    const store = new NonceStore();
    for (let i = 0; i < 50_000; i += 1) expect(store.useOnce(`n${i}`, 0)).toBe(true);
    expect(store.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(store.useOnce(`n${i}`, 0)).toBe(false);
  });
});

describe('toXml', () => {
  it('escapes markup, repeats arrays and replaces characters XML cannot carry', () => {
    expect(toXml('R', { A: 'a<b>&"\'', L: { I: [1, true] }, N: undefined, C: 'x\u0001y' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><R><A>a&lt;b&gt;&amp;&quot;&apos;</A><L><I>1</I><I>true</I></L><C>x\uFFFDy</C></R>',
    );
  });
});

describe('resolveOptions', () => {
  it('applies the page limits and defaults', () => {
    const opts = resolveOptions({ world: testWorld() });
    expect(opts.limits).toEqual({ maxDisks: 16, maxDiskIndex: 16, maxTotalSizeGiB: 32768, maxTags: 20 });
    expect([opts.host, opts.port, opts.snapshotDurationMs, opts.idempotentProcessingMs]).toEqual([
      '127.0.0.1',
      0,
      0,
      0,
    ]);
  });
  it.each([
    [{ port: 70000 }, /port/],
    [{ snapshotDurationMs: -1 }, /snapshotDurationMs/],
    [{ limits: { maxDisks: 0, maxDiskIndex: 16, maxTotalSizeGiB: 1, maxTags: 1 } }, /limits.maxDisks/],
  ])('names the bad field %#', (bad, message) => {
    expect(() => resolveOptions({ world: testWorld(), ...bad })).toThrow(message);
    expect(() => resolveOptions({ world: testWorld(), ...bad })).toThrow(ToolError);
  });
});
