/**
 * Isolation for parallel test files: each gets a fresh database on the test server, and its own
 * temporary data directory (chDB, secrets) that is removed afterwards.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../../server/src/platform/migrations.js';

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run tests through vitest (test/global-setup.ts)');
  return url;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Once per run (test/global-setup.ts): a database with every migration applied, ours and
 * graphile-worker's, by the same code a starting app runs (applyMigrations, runWorkerMigrations).
 * Marked as a template that accepts no connections, so copies of it can be made concurrently.
 */
export async function createMigratedTemplate(): Promise<string> {
  const name = `rc_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  await applyMigrations(databaseUrl(name));
  // graphile-worker is the server's dependency: resolve it from there (as vitest.config.ts does graphql).
  const { runMigrations } = createRequire(new URL('../../server/package.json', import.meta.url))('graphile-worker') as {
    runMigrations(options: { connectionString: string }): Promise<void>;
  };
  await runMigrations({ connectionString: databaseUrl(name) });
  await admin((c) => c.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`));
  return name;
}

export async function dropTemplate(name: string): Promise<void> {
  await admin(async (c) => {
    await c.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE false`);
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

export interface TestDatabaseOptions {
  /**
   * Copy the run's migrated template (global-setup.ts) instead of starting empty. The app's own
   * start-up still runs the migrators, which then find everything applied; files that test
   * migrating an empty database leave this off.
   */
  migrated?: boolean;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = `rc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = options.migrated ? process.env.TEST_TEMPLATE_DATABASE : undefined;
  await admin(async (c) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
        return;
      } catch (error) {
        // 55006 "source database is being accessed by other users": a copy is not possible while
        // anything (e.g. autovacuum) is connected to the template; it passes within moments.
        if ((error as { code?: string }).code !== '55006' || attempt >= 10) throw error;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  });
  return {
    url: databaseUrl(name),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function createTempDir(prefix = 'reportcast-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(path, 0o755);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
