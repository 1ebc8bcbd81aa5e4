// How the CLI runs vitest in its own process: signals, output, and which engine the suites load.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/**
 * vitest's logger traps SIGINT and SIGTERM to exit at once; the CLI traps them itself, to stop the suites
 * and delete the groups they created first. The handlers vitest adds while starting are taken off again.
 */
export async function withoutNewSignalHandlers<T>(start: () => Promise<T>): Promise<T> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    return await start();
  } finally {
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)?.has(listener)) process.off(signal, listener);
      }
    }
  }
}

/**
 * vitest's own logger prints banners and multi-line stack traces; the CLI reports every problem itself,
 * in one line each, from the reporter's outcome. ECS_CONFORMANCE_DEBUG=1 lets vitest speak.
 */
export function quietStreams(): { stdout: Writable; stderr: Writable } | undefined {
  if (process.env.ECS_CONFORMANCE_DEBUG) return undefined;
  const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  return { stdout: sink(), stderr: sink() };
}

/**
 * The suites import the engine as `../../lib/...` and `../../generators/...`. When the CLI itself runs
 * compiled (the bin, `npm start`, an installed package that ships only `dist/`), those imports go to the
 * same compiled modules, loaded by Node as they are: no second transform of the engine's TypeScript at
 * every start, and one engine version per run.
 */
export function compiledEngine(root: string): {
  alias: Array<{ find: RegExp; replacement: string }>;
  external: RegExp[];
} {
  const runningCompiled = fileURLToPath(import.meta.url).startsWith(join(root, 'dist'));
  if (!runningCompiled && existsSync(join(root, 'lib', 'runner', 'result.ts')))
    return { alias: [], external: [] };
  const dist = join(root, 'dist');
  return {
    alias: [{ find: /^(?:\.\.\/)+(lib|generators)\//, replacement: `${dist}/$1/` }],
    external: [new RegExp(`^${escapeRegExp(dist)}/`)],
  };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
