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
