// Client benchmark: serialise+sign speed, and the client's throughput next to a plain undici loop
// sending the same requests to the same loopback server, in the same run. Issue 3's goal compares the
// client (which signs every request itself, fresh nonce and timestamp) with a plain loop sending
// pre-signed requests, so it counts signing as client cost. Two more lines split that cost: the client's
// transport on the same pre-signed requests (no signing), and a plain loop that signs each request with
// the same wire builder (signing on both sides, so the difference is the client's own machinery).
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import type { CaseRequest } from '../lib/cases.js';
import {
  buildHttpRequest,
  createClient,
  randomNonce,
  type SentRequest,
  serialise,
  Transport,
} from '../lib/client/index.js';

const CREDENTIALS = { accessKeyId: 'LTAI5tBenchKeyId', accessKeySecret: 'BenchSecretValue0123456789' };
const FIXED_BODY = '{"RequestId":"8F8F8F8F-0000-4000-8000-000000000001","SnapshotGroupId":"ssg-bench0001"}';
const CONCURRENCY = 16;
const REQUESTS = 20_000;
const ROUNDS = 3;

const input = {
  RegionId: 'cn-hangzhou',
  InstanceId: 'i-bp1bench0001',
  DiskId: Array.from({ length: 16 }, (_, i) => `d-bp1disk${String(i + 1).padStart(4, '0')}`),
  Name: 'bench group 快照',
  Description: "bench !*'()~",
  Tag: Array.from({ length: 20 }, (_, i) => ({ Key: `key-${i + 1}`, Value: `value ${i + 1}` })),
  InstantAccess: true,
  InstantAccessRetentionDays: 7,
};

function caseFor(signature: 'v2' | 'v3'): CaseRequest {
  const transport = { signature, method: 'POST', body: 'query', format: 'JSON' } as const;
  return { action: 'CreateSnapshotGroup', params: serialise(input), transport, account: 'main' };
}

/**
 * Serialises and signs the 16-disk, 20-tag request for about a second; operations per CPU second of
 * this process (user + system), which other load on a shared machine disturbs far less than wall time.
 */
function benchSigning(signature: 'v2' | 'v3', target: URL): number {
  const ctx = { target, credentials: CREDENTIALS, apiVersion: '2014-05-26' as const };
  const base = caseFor(signature);
  let ops = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - start < 1000) {
    for (let i = 0; i < 100; i++) {
      const req: CaseRequest = { ...base, params: serialise(input) };
      buildHttpRequest(req, { ...ctx, now: new Date(), nonce: randomNonce() });
      ops++;
    }
  }
  const used = process.cpuUsage(cpu);
  return ops / ((used.user + used.system) / 1e6);
}

// The server runs in a worker thread so that it does not share the client's event loop.
const SERVER_SOURCE = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const body = ${JSON.stringify(FIXED_BODY)};
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

async function startServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const worker = new Worker(SERVER_SOURCE, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

/** Runs `count` tasks, `CONCURRENCY` at a time; requests per second. */
async function throughput(count: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return count / ((performance.now() - start) / 1000);
}

async function plainLoop(url: string, count: number, request: (i: number) => SentRequest): Promise<number> {
  const pool = new Pool(url, { connections: CONCURRENCY });
  const origin = new URL(url).origin;
  const rate = await throughput(count, async (i) => {
    const sent = request(i);
    const res = await pool.request({
      path: sent.url.slice(origin.length),
      method: sent.method,
      headers: sent.headers,
      body: sent.body || null,
    });
    JSON.parse(await res.body.text());
  });
  await pool.close();
  return rate;
}

/** The client's transport alone (retry bookkeeping, size cap, parsing) on the same pre-signed requests. */
async function transportLoop(presigned: SentRequest[]): Promise<number> {
  const transport = new Transport({ connections: CONCURRENCY });
  const rate = await throughput(presigned.length, async (i) => {
    const exchange = await transport.send(() => presigned[i] as SentRequest);
    if (exchange.response?.status !== 200)
      throw new Error(`bench request failed: ${JSON.stringify(exchange.failure)}`);
  });
  await transport.close();
  return rate;
}

async function clientLoop(url: string, req: CaseRequest, count: number): Promise<number> {
  const client = createClient({
    target: url,
    credentials: () => CREDENTIALS,
    transport: { connections: CONCURRENCY },
  });
  const rate = await throughput(count, async () => {
    const exchange = await client.send(req);
    if (exchange.response?.status !== 200)
      throw new Error(`bench request failed: ${JSON.stringify(exchange.failure)}`);
  });
  await client.close();
  return rate;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export async function benchClient(): Promise<void> {
  const server = await startServer();
  try {
    const target = new URL(server.url);
    console.log('client benchmark (16 disks, 20 tags)');
    for (const signature of ['v2', 'v3'] as const) {
      const rate = benchSigning(signature, target);
      console.log(
        `  serialise+sign ${signature}: ${fmt(rate)} ops per CPU second (${(1e6 / rate).toFixed(1)} µs each)`,
      );
    }
    const req = caseFor('v3');
    const sign = (): SentRequest =>
      buildHttpRequest(req, {
        target,
        credentials: CREDENTIALS,
        now: new Date(),
        nonce: randomNonce(),
        apiVersion: '2014-05-26',
      });
    const presigned = Array.from({ length: REQUESTS }, sign);
    const fromList = (i: number) => presigned[i] as SentRequest;
    // Warm-up, then alternate so that every loop sees the same machine state; best round of each.
    await plainLoop(server.url, 2000, fromList);
    await plainLoop(server.url, 2000, sign);
    await transportLoop(presigned.slice(0, 2000));
    await clientLoop(server.url, req, 2000);
    let plain = 0;
    let plainSigning = 0;
    let transport = 0;
    let client = 0;
    for (let round = 0; round < ROUNDS; round++) {
      plain = Math.max(plain, await plainLoop(server.url, REQUESTS, fromList));
      plainSigning = Math.max(plainSigning, await plainLoop(server.url, REQUESTS, sign));
      transport = Math.max(transport, await transportLoop(presigned));
      client = Math.max(client, await clientLoop(server.url, req, REQUESTS));
    }
    const over = (base: number, rate: number): number => (base / rate - 1) * 100;
    const goal = (overhead: number): string =>
      `${overhead.toFixed(1)}% over plain pre-signed (goal <= 10%: ${overhead <= 10 ? 'met' : 'NOT met'})`;
    console.log(`  concurrency ${CONCURRENCY}, ${REQUESTS} requests per round, best of ${ROUNDS} rounds`);
    console.log(`  plain undici loop, pre-signed:               ${fmt(plain)} req/s`);
    console.log(
      `  plain undici loop, signing each request:     ${fmt(plainSigning)} req/s  (signing alone costs ${over(plain, plainSigning).toFixed(1)}%)`,
    );
    console.log(
      `  client transport, same pre-signed requests:  ${fmt(transport)} req/s  ${goal(over(plain, transport))}`,
    );
    console.log(
      `  client, signing each request itself:         ${fmt(client)} req/s  ${goal(over(plain, client))}; ` +
        `${over(plainSigning, client).toFixed(1)}% over the plain loop that also signs`,
    );
  } finally {
    await server.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchClient();
}
