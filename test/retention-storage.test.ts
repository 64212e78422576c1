import 'reflect-metadata';
/**
 * Issue 21: retention deletes are verified on the filesystem store (the default): after the sweep,
 * the exports directory itself is listed (test/support/retention-sweep.ts has the scenario; the S3
 * store's is test/retention-storage-s3.test.ts).
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { readdirSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app.js';
import { DAY, retentionSweepTests } from './support/retention-sweep.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true, seedRows: 500 });
}, 120_000);
afterAll(async () => app?.close());

/** Every file under a directory, as keys relative to it. */
function walk(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(root, join(dir, entry.name)) : [relative(root, join(dir, entry.name))]);
}

describe('the retention sweep on the filesystem store', () => {
  retentionSweepTests({
    name: 'filesystem',
    app: () => app,
    // Temporary files of uploads in progress would show here too: none may be left either.
    list: async () => walk(app.config.exports.dir),
    age: (key, days) => {
      const t = new Date(Date.now() - days * DAY);
      utimesSync(join(app.config.exports.dir, key), t, t);
    },
  });
});
