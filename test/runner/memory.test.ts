import { describe, expect, it } from 'vitest';
import type { Case } from '../../lib/cases.js';
import type { CheckContext } from '../../lib/checks/index.js';
import type { Exchange } from '../../lib/client/exchange.js';
import { RunFacts } from '../../lib/runner/memory.js';

const transport = { signature: 'v3', method: 'POST', body: 'query', format: 'JSON' } as const;
const aCase: Case = {
  id: 'r/invalid/0',
  rule: 'r',
  kind: 'invalid',
  request: { action: 'CreateSnapshotGroup', params: [], transport, account: 'a' },
  expected: { kind: 'documented-4xx' },
  disks: [],
  description: 'x',
};
const answer = (requestId: string): Exchange => ({
  request: { method: 'POST', url: 'http://127.0.0.1/', headers: {}, body: '' },
  response: {
    status: 400,
    headers: {},
    rawBody: '',
    truncated: false,
    parsed: { format: 'json', value: { RequestId: requestId, Code: 'InvalidParameter' } },
  },
  retries: [],
  timing: { startedAt: '', durationMs: 1 },
});

describe('RunFacts', () => {
  it('remembers RequestIds up to its limit, forgetting the oldest first', () => {
    const facts = new RunFacts(2);
    for (const id of ['A', 'B', 'C']) {
      const ctx = { case: aCase, exchange: answer(id), preludeExchanges: [], run: facts } as CheckContext;
      facts.record(ctx);
    }
    expect([...facts.requestIds.keys()]).toEqual(['B', 'C']);
  });

  it('keeps exactly the last ones however often the limit is passed, in the order they came', () => {
    const facts = new RunFacts(3);
    const ids = Array.from({ length: 11 }, (_, i) => `id-${i}`);
    for (const id of ids) {
      const ctx = { case: aCase, exchange: answer(id), preludeExchanges: [], run: facts } as CheckContext;
      facts.record(ctx);
    }
    expect([...facts.requestIds.keys()]).toEqual(['id-8', 'id-9', 'id-10']);
    expect(facts.requestIds.get('id-10')).toEqual({ caseId: aCase.id });
  });
});
