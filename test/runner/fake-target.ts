import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the fake target saw it. */
export interface Seen {
  action: string;
  params: URLSearchParams;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** Hold the answer this long (to make requests overlap). */
  delayMs?: number;
  /** Drop the connection instead of answering: the work is done, the answer is lost. */
  drop?: boolean;
}

export interface FakeBehaviour {
  /** Answers a CreateSnapshotGroup; default: creates the group from its DiskId.N. */
  create?: (seen: Seen, target: FakeTarget) => Answer | undefined;
  /** Answers any request before the default handling (a deliberately wrong target). */
  any?: (seen: Seen) => Answer | undefined;
  createDelayMs?: number;
  /** Creates the group, then drops the connection: the create's answer is lost on the way back. */
  loseAnswer?: (seen: Seen) => boolean;
}

export interface FakeGroup {
  id: string;
  disks: string[];
  name?: string;
  /** As DescribeSnapshotGroups shows it: to the second, UTC (not listed when absent). */
  creationTime?: string;
}

export interface FakeTarget {
  url: string;
  seen: Seen[];
  groups: Map<string, FakeGroup>;
  /** Every group ever created. */
  created: string[];
  /** Largest number of creates in flight at once; disks where an accepted create overlapped another create. */
  maxCreatesInFlight: number;
  sharedDiskInFlight: string[];
  close(): Promise<void>;
}

export const requestId = (): string => randomUUID().toUpperCase();

export const errorBody = (code: string): Record<string, unknown> => ({
  RequestId: requestId(),
  HostId: 'ecs.aliyuncs.com',
  Code: code,
  Message: `${code} (fake target)`,
});

async function read(req: IncomingMessage): Promise<Seen> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://fake');
  const params = new URLSearchParams(url.search);
  for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
    params.append(name, value);
  const header = req.headers['x-acs-action'];
  const action = (typeof header === 'string' ? header : undefined) ?? params.get('Action') ?? '';
  return { action, params };
}

const disksOf = (params: URLSearchParams): string[] =>
  [...params.entries()].filter(([name]) => name.startsWith('DiskId.')).map(([, value]) => value);

/** A loopback stand-in for a target, conformant by default, instrumented for the runner's tests. */
export async function startFakeTarget(behaviour: FakeBehaviour = {}): Promise<FakeTarget> {
  const inFlight = new Map<string, number>();
  const readers = new Map<string, number>();
  let createsInFlight = 0;
  const target: FakeTarget = {
    url: '',
    seen: [],
    groups: new Map(),
    created: [],
    maxCreatesInFlight: 0,
    sharedDiskInFlight: [],
    close: async () => {},
  };

  const createGroup = (seen: Seen): Answer => {
    const id = `ssg-${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const name = seen.params.get('Name') ?? undefined;
    target.groups.set(id, {
      id,
      disks: disksOf(seen.params),
      creationTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ...(name !== null && name !== undefined && { name }),
    });
    target.created.push(id);
    return { status: 200, body: { RequestId: requestId(), SnapshotGroupId: id } };
  };

  /** By SnapshotGroupId.1, else every group (the fake has one region and no instances). */
  const describe = (seen: Seen): Answer => {
    const wanted = seen.params.get('SnapshotGroupId.1');
    const groups =
      wanted === null
        ? [...target.groups.values()]
        : [target.groups.get(wanted)].filter((g) => g !== undefined);
    const listed = groups.map((group) => ({
      SnapshotGroupId: group.id,
      Status: 'accomplished',
      ...(group.creationTime !== undefined && { CreationTime: group.creationTime }),
      ...(group.name !== undefined && { Name: group.name }),
      Tags: { Tag: [] },
      Snapshots: {
        Snapshot: group.disks.map((disk, i) => ({
          SnapshotId: `s-${i}`,
          SourceDiskId: disk,
          InstantAccess: false,
        })),
      },
    }));
    return {
      status: 200,
      body: { RequestId: requestId(), NextToken: '', SnapshotGroups: { SnapshotGroup: listed } },
    };
  };

  const handle = async (seen: Seen): Promise<Answer> => {
    const forced = behaviour.any?.(seen);
    if (forced) return forced;
    if (seen.action === 'DescribeSnapshotGroups') return describe(seen);
    if (seen.action === 'DeleteSnapshotGroup') {
      const deleted = target.groups.delete(seen.params.get('SnapshotGroupId') ?? '');
      return deleted
        ? { status: 200, body: { RequestId: requestId() } }
        : { status: 404, body: errorBody('InvalidSnapshotGroupId.NotFound') };
    }
    if (seen.action !== 'CreateSnapshotGroup')
      return { status: 404, body: errorBody('InvalidAction.NotFound') };
    const disks = disksOf(seen.params);
    // A request the fake will accept changes its disks: nothing else may be in flight on them.
    const accepting = (seen.params.get('Name')?.length ?? 0) <= 128;
    createsInFlight += 1;
    target.maxCreatesInFlight = Math.max(target.maxCreatesInFlight, createsInFlight);
    for (const disk of disks) {
      const busy = accepting
        ? (inFlight.get(disk) ?? 0) + (readers.get(disk) ?? 0)
        : (inFlight.get(disk) ?? 0);
      if (busy > 0) target.sharedDiskInFlight.push(disk);
      const counts = accepting ? inFlight : readers;
      counts.set(disk, (counts.get(disk) ?? 0) + 1);
    }
    try {
      await new Promise((resolve) => setTimeout(resolve, behaviour.createDelayMs ?? 0));
      const custom = behaviour.create?.(seen, target);
      if (custom) return custom;
      // The one rule the default fake knows: a Name longer than 128 characters is refused.
      if ((seen.params.get('Name')?.length ?? 0) > 128)
        return { status: 400, body: errorBody('InvalidParameter.Name') };
      const created = createGroup(seen);
      return behaviour.loseAnswer?.(seen) ? { ...created, drop: true } : created;
    } finally {
      createsInFlight -= 1;
      const counts = accepting ? inFlight : readers;
      for (const disk of disks) counts.set(disk, (counts.get(disk) ?? 1) - 1);
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    read(req)
      .then(async (seen) => {
        target.seen.push(seen);
        const answer = await handle(seen);
        if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
        if (answer.drop) {
          res.socket?.destroy();
          return;
        }
        res.writeHead(answer.status, { 'content-type': 'application/json;charset=utf-8' });
        res.end(JSON.stringify(answer.body));
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  target.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return target;
}
