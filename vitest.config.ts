import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';
import { groupedTestFiles } from './test/support/groups.js';
import LongestFirstSequencer from './test/support/sequencer.js';

const requireFromServer = createRequire(new URL('./server/package.json', import.meta.url));

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds. Node loads the CJS one for type-graphql;
    // Vite would pick the ESM one for our sources, and two graphql instances break `instanceof`
    // checks on scalars. Pin everyone to the one Node uses.
    alias: [{ find: /^graphql$/, replacement: requireFromServer.resolve('graphql') }],
  },
  test: {
    // Each test file runs in its own child process: chDB binds one data directory per process, and
    // each file owns an isolated Postgres database and chDB directory.
    pool: 'forks',
    isolate: true,
    // Two files at a time: most of a file's time is spent waiting on PostgreSQL, chDB, child servers
    // and Chromium, not on a core, so two share a 2-core machine well (vitest's default there is
    // one: cores - 1). VITEST_MAX_WORKERS overrides it.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || 2,
    globalSetup: ['test/global-setup.ts'],
    // Longest files first (measured durations, test/durations.json), so the run does not end on
    // one long file alone.
    sequence: { sequencer: LongestFirstSequencer },
    include: ['server/src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'sdk/src/**/*.test.ts', 'charts/src/**/*.test.ts'],
    // Files that a group file runs, several to a process (test/support/groups.ts).
    exclude: [...configDefaults.exclude, ...groupedTestFiles()],
    // A browser test waits on UI that a loaded 2-core machine may render slowly.
    expect: { poll: { timeout: 15_000 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // `vitest run --coverage` (.ci/run's first test run): line coverage of the server's own code,
    // as a summary on stdout and coverage/coverage-summary.json, which .ci/coverage-summary.mjs
    // reads to list the modules under 80 %. Code run in child processes (CLI, worker processes) is
    // not seen.
    coverage: {
      provider: 'v8',
      include: ['server/src/**/*.ts'],
      exclude: ['server/src/**/*.test.ts', 'server/src/**/*.fixture.ts', 'server/src/**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});
