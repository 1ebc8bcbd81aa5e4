import { describe, expect, it } from 'vitest';
import type { Case, CaseRequest } from '../../lib/cases.js';
import { freshenCase } from '../../lib/runner/freshen.js';

const transport = { signature: 'v2', method: 'POST', body: 'form', format: 'JSON' } as const;
const request = (params: CaseRequest['params'], tamper?: CaseRequest['tamper']): CaseRequest => ({
  action: 'CreateSnapshotGroup',
  params,
  transport,
  account: 'acct-main',
  ...(tamper && { tamper }),
});
const base = (req: CaseRequest, prelude?: CaseRequest[]): Case => ({
  id: 'r/valid/0',
  rule: 'r',
  kind: 'idempotency',
  request: req,
  expected: { kind: 'success' },
  disks: [],
  description: 'x',
  ...(prelude && { prelude }),
});
const token = (c: Case, req: CaseRequest = c.request) => req.params.find(([n]) => n === 'ClientToken')?.[1];

describe('freshenCase', () => {
  const token40 = `ct-${'a'.repeat(37)}`;
  const replay = base(request([['ClientToken', token40]]), [request([['ClientToken', token40]])]);

  it('gives a token a new value of the same length, equal in prelude and main request', () => {
    const fresh = freshenCase(replay, 'salt-1');
    expect(token(fresh)).not.toBe(token40);
    expect(token(fresh)).toHaveLength(40);
    expect(token(fresh, fresh.prelude?.[0])).toBe(token(fresh));
    expect(token(fresh)?.startsWith('ct-')).toBe(true);
  });

  it('differs between executions and is stable for one salt', () => {
    expect(token(freshenCase(replay, 'a'))).not.toBe(token(freshenCase(replay, 'b')));
    expect(token(freshenCase(replay, 'a'))).toBe(token(freshenCase(replay, 'a')));
    expect(token(freshenCase(replay))).not.toBe(token(freshenCase(replay)));
  });

  it('keeps different tokens different (a mismatch case stays a mismatch of parameters, not tokens)', () => {
    const two = base(request([['ClientToken', 'tok-one']]), [request([['ClientToken', 'tok-two']])]);
    const fresh = freshenCase(two, 's');
    expect(token(fresh)).not.toBe(token(fresh, fresh.prelude?.[0]));
    expect(token(fresh)).toHaveLength(7);
  });

  it('gives every execution its own token: 10,000 executions, 10,000 distinct printable ASCII values', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const value = token(freshenCase(replay)) ?? '';
      expect(value).toMatch(/^ct-a{25}[0-9a-f]{12}$/);
      seen.add(value);
    }
    expect(seen.size).toBe(10_000);
  });

  it('leaves deliberately malformed tokens alone', () => {
    for (const bad of ['x'.repeat(65), 'tøken-ünïcode', '']) {
      expect(token(freshenCase(base(request([['ClientToken', bad]])), 's'))).toBe(bad);
    }
  });

  it('renews a reused nonce in both the prelude and the main request', () => {
    const nonce = 'f'.repeat(32);
    const reuse = base(request([], { kind: 'nonce', value: nonce }), [
      request([], { kind: 'nonce', value: nonce }),
    ]);
    const fresh = freshenCase(reuse, 's');
    expect(fresh.request.tamper).toEqual(fresh.prelude?.[0]?.tamper);
    expect(fresh.request.tamper).not.toEqual({ kind: 'nonce', value: nonce });
  });
});
