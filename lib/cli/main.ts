#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { exitCodeFor, ToolError } from '../errors.js';
import { type Io, println, processIo } from './io.js';
import { packageVersion } from './package-root.js';
import { buildProgram } from './program.js';

/**
 * Runs one command line (without `node` and the script) and returns the exit code: 0 conformant,
 * 1 non-conformant, 2 bad usage or configuration, 3 target unreachable or run not finished. Every
 * user-facing error is one line; only a bug in the tool says "internal error".
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    const { createHandlers } = await import('./handlers.js');
    const { program, exitCode } = buildProgram(io, createHandlers(io), packageVersion());
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode();
  } catch (error) {
    return reportError(error, io);
  }
}

export function reportError(error: unknown, io: Pick<Io, 'stderr'>): number {
  if (error instanceof CommanderError) {
    // commander has already printed its one-line message (or the help).
    return error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.exitCode === 0
      ? 0
      : 2;
  }
  if (error instanceof ToolError) {
    println(io.stderr, `error: ${error.message}`);
    return exitCodeFor(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  println(io.stderr, `internal error: ${message}`);
  if (process.env.ECS_CONFORMANCE_DEBUG && error instanceof Error && error.stack)
    println(io.stderr, error.stack);
  return 3;
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
  // Whatever finishes late (a vitest stopped by a second Ctrl-C) must not change the exit code.
  process.on('exit', () => {
    process.exitCode = code;
  });
  // Output drains first; but a target's keep-alive socket or a stray handle must not keep a finished run alive.
  setTimeout(() => process.exit(code), 1500).unref();
}
