import { defineConfig } from 'vitest/config';

// Two projects: the project's own tests, and the conformance suites (which need a target,
// normally provided by `ecs-conformance run`, which starts vitest itself).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // Two files at once on the 2-core machines (vitest's default leaves one core to itself): most
          // slow files wait on a CLI child process or a loopback target, so the wall time drops by a third
          // (348 s to 212 s measured) while no test asserts a time.
          maxWorkers: 2,
          setupFiles: ['test/setup/hermetic-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'suites',
          include: ['suites/**/*.test.ts'],
          setupFiles: ['allure-vitest/setup'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
