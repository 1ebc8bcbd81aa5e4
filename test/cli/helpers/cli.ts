import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Io } from '../../../lib/cli/io.js';
import { cliEnv } from '../../helpers/cli-env.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
/** The built bin: `npm test` builds before running the tests. */
export const BIN = join(ROOT, 'dist', 'lib', 'cli', 'main.js');

export function assertBuilt(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does)`);
}

/** An Io that records what a command printed, for `main()` called in-process. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const signals = new EventEmitter();
  const io: Io = {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    cwd,
    env,
    signals: signals as unknown as Io['signals'],
  };
  return { io, signals, stdout: () => out, stderr: () => err };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built bin as a child process, the way a user or CI does. */
export function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, env: cliEnv(options.env ?? {}), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface LoopbackTarget {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/** A loopback server on 127.0.0.1, port 0, that counts what reaches it. */
export async function loopbackTarget(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void = (_req, _body, res) => {
    res.writeHead(500).end();
  },
): Promise<LoopbackTarget> {
  const target = { url: '', requests: 0, close: async () => {} };
  const server = createServer((req, res) => {
    target.requests += 1;
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  target.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return target;
}
