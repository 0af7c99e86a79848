import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file runs in its own forked process: tfjs backends and its global variable-name
    // registry stay per file. Two workers match this 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
  },
});
