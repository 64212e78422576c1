import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each test file runs in its own child process: chDB binds one data directory per process, and
    // each file owns an isolated Postgres database and chDB directory.
    pool: 'forks',
    isolate: true,
    globalSetup: ['test/global-setup.ts'],
    include: ['server/src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
