import { afterAll, beforeAll } from 'vitest';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../emulator/index.js';
import type { World } from '../../lib/spec/world.js';
import { testWorld } from './world-fixture.js';

export interface Harness {
  world: World;
  /** Valid after beforeAll. */
  emulator: RunningEmulator;
}

/** One emulator for the enclosing describe block (or file), on 127.0.0.1:0, closed after it. */
export const useEmulator = (options: Partial<EmulatorOptions> = {}): Harness => {
  const harness = { world: options.world ?? testWorld() } as Harness;
  beforeAll(async () => {
    harness.emulator = await startEmulator({ ...options, world: harness.world });
  });
  afterAll(async () => {
    await harness.emulator?.close();
  });
  return harness;
};
