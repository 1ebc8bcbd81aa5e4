import { existsSync, rmSync, writeFileSync } from 'node:fs';
import type { Vitest } from 'vitest/node';
import { idleMarker } from '../../suites/support/run-contract.js';
import { type Io, println } from './io.js';

/** After a first Ctrl-C, how long the suites get to stop on their own before they are stopped. */
const GRACE_MS = 15_000;
/** How long a forced stop still waits for the requests in flight to be answered (and journaled). */
const IDLE_WAIT_MS = 10_000;

/**
 * SIGINT / SIGTERM during a run. The first asks the suites to stop (the cancel file: the engine stops
 * starting cases and cleans up after those in flight) and vitest to skip what is left. A second one, or
 * the grace period running out, stops waiting for vitest, but only once the suites report that nothing
 * is in flight, so that every group created is in the journal for the sweeper.
 */
export class Interrupt {
  /** The first signal received. */
  received: string | undefined;
  /** Resolves when the CLI should stop waiting for vitest. */
  readonly forced: Promise<undefined>;
  private vitest: Vitest | undefined;
  private force: () => void = () => {};
  private forcing = false;
  private readonly handlers = new Map<string, () => void>();

  constructor(
    private readonly io: Io,
    private readonly cancelFile: string,
  ) {
    rmSync(cancelFile, { force: true });
    rmSync(idleMarker(cancelFile), { force: true });
    this.forced = new Promise((resolve) => {
      this.force = () => resolve(undefined);
    });
    for (const name of ['SIGINT', 'SIGTERM']) {
      const handler = () => this.onSignal(name);
      this.handlers.set(name, handler);
      io.signals.on(name, handler);
    }
  }

  attach(vitest: Vitest): void {
    this.vitest = vitest;
    if (this.received !== undefined) void vitest.cancelCurrentRun('keyboard-input');
  }

  dispose(): void {
    for (const [name, handler] of this.handlers) this.io.signals.off(name, handler);
    rmSync(this.cancelFile, { force: true });
    rmSync(idleMarker(this.cancelFile), { force: true });
  }

  private onSignal(name: string): void {
    if (this.received !== undefined) {
      println(this.io.stderr, `${name} again: stopping once the requests in flight are answered`);
      void this.stopWaiting();
      return;
    }
    this.received = name;
    println(this.io.stderr, `${name}: stopping the run and deleting the groups it created...`);
    writeFileSync(this.cancelFile, name);
    void this.vitest?.cancelCurrentRun('keyboard-input');
    setTimeout(() => void this.stopWaiting(), GRACE_MS).unref();
  }

  private async stopWaiting(): Promise<void> {
    if (this.forcing) return;
    this.forcing = true;
    const deadline = Date.now() + IDLE_WAIT_MS;
    while (!existsSync(idleMarker(this.cancelFile)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.force();
  }
}
