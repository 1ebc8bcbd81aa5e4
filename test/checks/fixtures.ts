import type { Case, CaseRequest, TransportVariant } from '../../lib/cases.js';
import {
  type CheckContext,
  EMPTY_RUN_MEMORY,
  type GroupState,
  type RunMemory,
} from '../../lib/checks/index.js';
import type { Exchange } from '../../lib/client/exchange.js';
import { parseBody } from '../../lib/client/parse.js';
import type { Expected } from '../../lib/spec/catalogue.js';

/** Hand-made exchanges and cases: the checks are pure, so no server is needed. */
export const JSON_VARIANT: TransportVariant = {
  signature: 'v3',
  method: 'POST',
  body: 'query',
  format: 'JSON',
};
export const XML_VARIANT: TransportVariant = { signature: 'v2', method: 'GET', body: 'query', format: 'XML' };

let counter = 0;
/** A fresh uppercase UUID-shaped RequestId. */
export function requestId(): string {
  counter += 1;
  return `0000${counter.toString(16).toUpperCase().padStart(4, '0')}-1ABB-4D92-B496-1A3D20EC0697`;
}

export function request(
  params: CaseRequest['params'] = [
    ['RegionId', 'cn-hangzhou'],
    ['DiskId.1', 'd-1'],
  ],
  overrides: Partial<CaseRequest> = {},
): CaseRequest {
  return { action: 'CreateSnapshotGroup', params, transport: JSON_VARIANT, account: 'main', ...overrides };
}

export function makeCase(overrides: Partial<Case> & { expected: Expected }): Case {
  return {
    id: `${overrides.rule ?? 'name.max-length'}/invalid/0`,
    rule: 'name.max-length',
    kind: 'invalid',
    request: request(),
    disks: ['d-1'],
    description: 'a hand-made case',
    ...overrides,
  };
}

export function exchangeOf(status: number, rawBody: string, contentType: string): Exchange {
  return {
    request: { method: 'POST', url: 'http://127.0.0.1:1/', headers: {}, body: '' },
    response: {
      status,
      headers: { 'content-type': contentType },
      rawBody,
      truncated: false,
      parsed: parseBody(rawBody),
    },
    retries: [],
    timing: { startedAt: new Date(0).toISOString(), durationMs: 1 },
  };
}

export const json = (
  status: number,
  body: Record<string, unknown>,
  contentType = 'application/json;charset=utf-8',
) => exchangeOf(status, JSON.stringify(body), contentType);

export const xml = (
  status: number,
  root: string,
  children: Record<string, string>,
  contentType = 'text/xml;charset=utf-8',
) =>
  exchangeOf(
    status,
    `<?xml version="1.0" encoding="UTF-8"?><${root}>${Object.entries(children)
      .map(([name, value]) => `<${name}>${value}</${name}>`)
      .join('')}</${root}>`,
    contentType,
  );

export const created = (groupId = 'ssg-abc123', id = requestId()) =>
  json(200, { RequestId: id, SnapshotGroupId: groupId });

export const error = (status: number, code: string, id = requestId()) =>
  json(status, {
    RequestId: id,
    HostId: 'ecs.aliyuncs.com',
    Code: code,
    Message: 'nope',
    Recommend: 'https://api.alibabacloud.com/troubleshoot?q=x',
  });

export const transportFailure = (): Exchange => ({
  request: { method: 'POST', url: 'http://127.0.0.1:1/', headers: {}, body: '' },
  failure: { code: 'E_TARGET_UNREACHABLE', message: 'connect ECONNREFUSED' },
  retries: [],
  timing: { startedAt: new Date(0).toISOString(), durationMs: 1 },
});

export function ctx(
  c: Case,
  exchange: Exchange,
  extra: { prelude?: Exchange[]; state?: GroupState; run?: RunMemory } = {},
): CheckContext {
  return {
    case: c,
    exchange,
    preludeExchanges: extra.prelude ?? [],
    run: extra.run ?? EMPTY_RUN_MEMORY,
    ...(extra.state && { state: extra.state }),
  };
}

export const NAME_EXPECTED: Expected = {
  kind: 'one-of',
  alternatives: [
    { code: 'InvalidParameter.Name', status: 400 },
    { code: 'InvalidSnapshotName.Malformed', status: 400 },
  ],
};
