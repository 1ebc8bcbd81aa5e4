import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, isRepeatable } from '../../lib/client/client.js';
import { ToolError } from '../../lib/errors.js';
import { awkwardParams, TEST_CREDENTIALS } from './helpers/fixtures.js';
import { type Loopback, startLoopback } from './helpers/loopback.js';
import { param, receive, verifyReceived } from './helpers/receive.js';

const credentials = () => TEST_CREDENTIALS;
let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

const toolError = (fn: () => unknown): ToolError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ToolError) return error;
    throw error;
  }
  throw new Error('no ToolError thrown');
};

describe('createClient', () => {
  it('rejects bad targets with E_TARGET_URL naming them', () => {
    for (const target of ['not a url', 'ftp://example.com', 'https://h/?q=1', 'https://user:pw@h/', '']) {
      const error = toolError(() => createClient({ target, credentials }));
      expect(error.code).toBe('E_TARGET_URL');
      if (target !== '') expect(error.message).toContain(target);
    }
    expect(
      toolError(() => createClient({ target: 'ecs.cn-hangzhou.aliyuncs.com', credentials })).message,
    ).toContain('https://ecs.cn-hangzhou.aliyuncs.com');
  });

  it('validates options up front, naming the field', () => {
    const bad = toolError(() =>
      createClient({ target: server.url, credentials, transport: { connections: 0 } }),
    );
    expect(bad.code).toBe('E_USAGE');
    expect(bad.message).toContain('transport.connections');
    const retry = toolError(() =>
      createClient({ target: server.url, credentials, transport: { retry: { maxRetries: -1 } } }),
    );
    expect(retry.message).toContain('transport.retry.maxRetries');
  });

  it('sends a signed case with a fresh 32-hex nonce and the current time', async () => {
    const client = createClient({ target: server.url, credentials });
    const variant = { signature: 'v2', method: 'GET', body: 'query', format: 'XML' } as const;
    const first = await client.send({
      action: 'CreateSnapshotGroup',
      params: awkwardParams,
      transport: variant,
      account: 'main',
    });
    await client.send({
      action: 'CreateSnapshotGroup',
      params: awkwardParams,
      transport: variant,
      account: 'main',
    });
    expect(first.response?.status).toBe(200);
    expect(first.response?.parsed).toMatchObject({
      format: 'json',
      value: { SnapshotGroupId: 'ssg-captured0001' },
    });
    const [a, b] = server.captured.slice(-2).map((c) => receive(c.method, c.url, c.headers, c.body));
    if (a === undefined || b === undefined) throw new Error('not captured');
    expect(verifyReceived(a, TEST_CREDENTIALS.accessKeySecret)).toBe(true);
    expect(param(a.query, 'SignatureNonce')).toMatch(/^[0-9a-f]{32}$/);
    expect(param(a.query, 'SignatureNonce')).not.toBe(param(b.query, 'SignatureNonce'));
    const sentAt = Date.parse(param(a.query, 'Timestamp') ?? '');
    expect(Math.abs(sentAt - Date.now())).toBeLessThan(60_000);
    await client.close();
  });

  it('calls support operations the way the current SDK does', async () => {
    const client = createClient({ target: server.url, credentials });
    const exchange = await client.call('DescribeSnapshotGroups', [['RegionId', 'cn-hangzhou']], 'main');
    expect(exchange.response?.status).toBe(200);
    const last = server.captured.at(-1);
    expect(last?.method).toBe('POST');
    expect(last?.headers['x-acs-action']).toBe('DescribeSnapshotGroups');
    expect(last?.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 /);
    await client.close();
  });

  it('reports an unreachable target as a failure naming it', async () => {
    const gone = await startLoopback();
    await gone.close();
    const client = createClient({ target: gone.url, credentials });
    const exchange = await client.call('DescribeSnapshotGroups', [['RegionId', 'cn-hangzhou']], 'main');
    expect(exchange.failure?.code).toBe('E_TARGET_UNREACHABLE');
    expect(exchange.failure?.message).toContain(gone.url);
    expect(exchange.request.url.startsWith(gone.url)).toBe(true);
    await client.close();
  });
});

describe('isRepeatable', () => {
  const transport = { signature: 'v3', method: 'POST', body: 'query', format: 'JSON' } as const;
  const req = (action: string, params: Array<[string, string]>) => ({
    action,
    params,
    transport,
    account: 'a',
  });
  it('re-sends look-ups and token-protected creates only', () => {
    expect(isRepeatable(req('DescribeSnapshotGroups', [['RegionId', 'cn-hangzhou']]))).toBe(true);
    expect(isRepeatable(req('CreateSnapshotGroup', [['ClientToken', 'abc']]))).toBe(true);
    expect(isRepeatable(req('CreateSnapshotGroup', [['RegionId', 'cn-hangzhou']]))).toBe(false);
    expect(isRepeatable(req('DeleteSnapshotGroup', [['SnapshotGroupId', 'ssg-1']]))).toBe(false);
  });

  it('never re-sends a request signed with a fixed nonce: a retry would meet its own first attempt', () => {
    const tamper = { kind: 'nonce', value: 'n-1' } as const;
    expect(isRepeatable({ ...req('DescribeSnapshotGroups', [['RegionId', 'cn-hangzhou']]), tamper })).toBe(
      false,
    );
    expect(isRepeatable({ ...req('CreateSnapshotGroup', [['ClientToken', 'abc']]), tamper })).toBe(false);
  });
});
