// Emulator benchmark, printed (not a timed test):
// - throughput: CreateSnapshotGroup requests per second (V3-signed, keep-alive undici Pool, loopback, unique
//   nonces, signed before the clock starts) next to a bare node:http server answering a fixed JSON body to
//   the same client in the same run, both servers in a worker thread; goal: ratio >= 0.5;
// - memory: the emulator's heap used + external memory (ArrayBuffers: the nonce store) after a forced gc,
//   after 1,000 requests and after 200,000 (creates each followed by its delete, so quotas never run out);
//   goal: within 2x.
// Run from dist (npm run build): `node dist/bench/emulator.js [--quick]` (--quick: 5,000 creates per
// round and 20,000 requests for memory).
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import type { WireParams } from '../lib/cases.js';
import { acs3Sign, hexSha256 } from '../lib/client/sign/acs3.js';
import { percentEncode } from '../lib/client/sign/rpc.js';
import type { Disk, World } from '../lib/spec/world.js';
import { healthyDisk } from '../test/helpers/disk.js';

const REGION = 'cn-hangzhou';
const KEY = { accessKeyId: 'LTAI5tBenchEmulator', secret: 'bench-emulator-secret-not-real' };
const EMPTY_SHA256 = hexSha256('');
const DISKS = 16;
const CONCURRENCY = 32;
/** Paired rounds (bare then emulator); odd, so that the median is one round's ratio. */
const ROUNDS = 3;
const FIXED_BODY =
  '{"RequestId":"8F8F8F8F-0000-4000-8000-000000000001","SnapshotGroupId":"ssg-bench00000000000001"}';

const benchWorld = (): World => ({
  name: 'bench',
  accounts: [
    {
      id: 'bench',
      accessKeyId: KEY.accessKeyId,
      accessKeySecret: KEY.secret,
      ownerId: 1,
      balanceSufficient: true,
      snapshotServiceEnabled: true,
      whitelisted: true,
      authorized: true,
      quotas: { snapshots: 1_000_000, tagsPerResource: 20, unfinishedSnapshotsPerDisk: 3 },
      resourceGroups: ['rg-bench'],
    },
  ],
  regions: [
    { id: REGION, snapshotGroupSupported: true, instantAccessSupported: true, zones: ['cn-hangzhou-h'] },
  ],
  instances: [
    {
      id: 'i-bench',
      account: 'bench',
      region: REGION,
      zone: 'cn-hangzhou-h',
      status: 'Running',
      lockedForSecurity: false,
    },
  ],
  disks: Array.from(
    { length: DISKS },
    (_, i): Disk =>
      healthyDisk(
        { id: `d-bench${i}`, account: 'bench', region: REGION, zone: 'cn-hangzhou-h', instance: 'i-bench' },
        { type: i === 0 ? 'system' : 'data' },
      ),
  ),
});

// The servers run in a worker thread so that they do not share the client's event loop. The worker
// exposes gc itself (v8 flag at run time) so that heap figures are after a collection.
const SERVER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const v8 = require('node:v8');
const vm = require('node:vm');
v8.setFlagsFromString('--expose-gc');
const collect = globalThis.gc ?? vm.runInNewContext('gc');
(async () => {
  let close;
  let port;
  if (workerData.kind === 'bare') {
    const { createServer } = require('node:http');
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(workerData.body) });
        res.end(workerData.body);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
    close = () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
  } else {
    const { startEmulator } = await import(workerData.emulatorUrl);
    const emulator = await startEmulator({ world: workerData.world, port: 0 });
    port = emulator.port;
    close = () => emulator.close();
  }
  parentPort.on('message', async (message) => {
    if (message === 'memory') {
      if (typeof collect === 'function') { collect(); collect(); }
      const heap = v8.getHeapStatistics();
      parentPort.postMessage({ type: 'memory', heapUsed: heap.used_heap_size, external: heap.external_memory ?? 0 });
    } else if (message === 'close') {
      await close();
      parentPort.postMessage({ type: 'closed' });
    }
  });
  parentPort.postMessage({ type: 'ready', port });
})();
`;

interface ServerWorker {
  url: string;
  ask<T>(message: string, type: string): Promise<T>;
  stop(): Promise<void>;
}

const startWorker = async (kind: 'bare' | 'emulator'): Promise<ServerWorker> => {
  const emulatorUrl = new URL('../emulator/index.js', import.meta.url).href;
  const worker = new Worker(SERVER_SOURCE, {
    eval: true,
    workerData: { kind, body: FIXED_BODY, world: benchWorld(), emulatorUrl },
  });
  const next = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(message as T);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  const { port } = await next<{ port: number }>('ready');
  return {
    url: `http://127.0.0.1:${port}`,
    ask: <T>(message: string, type: string) => {
      const answer = next<T>(type);
      worker.postMessage(message);
      return answer;
    },
    stop: async () => {
      const closed = next('closed');
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
};

const stamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const nonce = (): string => randomBytes(16).toString('hex');

/** A V3-signed request, as the SDK sends it: parameters in the query, empty body. */
const signed = (host: string, action: string, query: WireParams) => {
  const headers: Record<string, string> = {
    host,
    'x-acs-action': action,
    'x-acs-version': '2014-05-26',
    'x-acs-date': stamp(),
    'x-acs-signature-nonce': nonce(),
    'x-acs-content-sha256': EMPTY_SHA256,
  };
  const { authorization } = acs3Sign({
    method: 'POST',
    path: '/',
    query,
    headers,
    body: '',
    accessKeyId: KEY.accessKeyId,
    secret: KEY.secret,
  });
  const path = `/?${query.map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join('&')}`;
  return { path, headers: { ...headers, authorization } };
};

/** Sends `pairs` create+delete pairs, signed on the fly, with CONCURRENCY in flight; requests per second. */
const drive = async (pool: Pool, host: string, pairs: number): Promise<number> => {
  let next = 0;
  let failures = 0;
  const send = async (action: string, query: WireParams): Promise<Record<string, unknown>> => {
    const { path, headers } = signed(host, action, query);
    const res = await pool.request({ method: 'POST', path, headers });
    const body = (await res.body.json()) as Record<string, unknown>;
    if (res.statusCode !== 200) failures += 1;
    return body;
  };
  const loop = async () => {
    while (next < pairs) {
      const i = next++;
      const created = await send('CreateSnapshotGroup', [
        ['RegionId', REGION],
        ['DiskId.1', `d-bench${i % DISKS}`],
      ]);
      await send('DeleteSnapshotGroup', [
        ['RegionId', REGION],
        ['SnapshotGroupId', String(created.SnapshotGroupId)],
      ]);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  const seconds = (performance.now() - started) / 1000;
  if (failures > 0) throw new Error(`${failures} requests failed: the benchmark measured errors`);
  return (pairs * 2) / seconds;
};

/**
 * CreateSnapshotGroup requests per second. They are signed before the clock starts (unique nonces, fresh
 * timestamps), so that the client's signing does not compete with the server for the CPU.
 */
const measureThroughput = async (kind: 'bare' | 'emulator', creates: number): Promise<number> => {
  const server = await startWorker(kind);
  const pool = new Pool(server.url, { connections: CONCURRENCY });
  const host = new URL(server.url).host;
  const sendAll = async (count: number) => {
    const requests = Array.from({ length: count }, (_, i) =>
      signed(host, 'CreateSnapshotGroup', [
        ['RegionId', REGION],
        ['DiskId.1', `d-bench${i % DISKS}`],
      ]),
    );
    let next = 0;
    let failures = 0;
    const loop = async () => {
      while (next < requests.length) {
        const request = requests[next++];
        if (!request) break;
        const res = await pool.request({ method: 'POST', ...request });
        await res.body.text();
        if (res.statusCode !== 200) failures += 1;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, loop));
    const seconds = (performance.now() - started) / 1000;
    if (failures > 0)
      throw new Error(`${failures} of ${count} creates failed: the benchmark measured errors`);
    return count / seconds;
  };
  try {
    await sendAll(Math.min(2000, creates));
    return await sendAll(creates);
  } finally {
    await pool.close();
    await server.stop();
  }
};

export interface EmulatorBenchResult {
  bareRequestsPerSecond: number;
  emulatorRequestsPerSecond: number;
  throughputRatio: number;
  memoryAfterFew: number;
  memoryAfterMany: number;
  memoryRatio: number;
  requests: { few: number; many: number };
}

const MIB = 1024 * 1024;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function benchEmulator(
  options: { quick?: boolean; print?: (line: string) => void } = {},
): Promise<EmulatorBenchResult> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const creates = options.quick ? 5_000 : 20_000;
  const few = 1_000;
  const many = options.quick ? 20_000 : 200_000;
  print(
    `emulator benchmark${options.quick ? ' (--quick)' : ''}: ${CONCURRENCY} in flight, keep-alive, loopback`,
  );

  // Alternate the two servers, round by round, so that a noisy moment hurts both alike. The ratio is the
  // median of the rounds' own ratios (steadier on a shared machine than best / best); rates are the best.
  let bare = 0;
  let emulator = 0;
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const bareRate = await measureThroughput('bare', creates);
    const emulatorRate = await measureThroughput('emulator', creates);
    bare = Math.max(bare, bareRate);
    emulator = Math.max(emulator, emulatorRate);
    ratios.push(emulatorRate / bareRate);
  }
  ratios.sort((a, b) => a - b);
  const throughputRatio = ratios[Math.floor(ratios.length / 2)] as number;
  print(`  bare node:http (fixed JSON)   ${fmt(bare)} req/s`);
  print(`  emulator (CreateSnapshotGroup) ${fmt(emulator)} req/s`);
  print(
    `  ratio ${throughputRatio.toFixed(2)} (median of ${ROUNDS} paired rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}; goal >= 0.50) ${throughputRatio >= 0.5 ? 'ok' : 'BELOW GOAL'}`,
  );

  const server = await startWorker('emulator');
  const pool = new Pool(server.url, { connections: CONCURRENCY });
  const host = new URL(server.url).host;
  type Memory = { heapUsed: number; external: number };
  const memory = async () => {
    const m = await server.ask<Memory>('memory', 'memory');
    return m.heapUsed + m.external;
  };
  try {
    await drive(pool, host, few / 2);
    const memoryAfterFew = await memory();
    await drive(pool, host, (many - few) / 2);
    const memoryAfterMany = await memory();
    const memoryRatio = memoryAfterMany / memoryAfterFew;
    print(
      `  memory (heap used + external, after gc): ${(memoryAfterFew / MIB).toFixed(1)} MiB after ${fmt(few)} requests, ` +
        `${(memoryAfterMany / MIB).toFixed(1)} MiB after ${fmt(many)}: ratio ${memoryRatio.toFixed(2)} (goal <= 2) ${memoryRatio <= 2 ? 'ok' : 'ABOVE GOAL'}`,
    );
    return {
      bareRequestsPerSecond: bare,
      emulatorRequestsPerSecond: emulator,
      throughputRatio,
      memoryAfterFew,
      memoryAfterMany,
      memoryRatio,
      requests: { few, many },
    };
  } finally {
    await pool.close();
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchEmulator({ quick: process.argv.includes('--quick') }).catch((error: unknown) => {
    process.stderr.write(
      `emulator benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
