import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['sim/**/*.test.ts', 'envs/**/*.test.ts', 'agent/**/*.test.ts', 'scenarios/**/*.test.ts', 'cli/**/*.test.ts', 'web/**/*.test.ts'],
    reporters: ['default', './test-support/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
