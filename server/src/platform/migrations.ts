/**
 * Applies the SQL files in migrations/ in name order, each in its own transaction, once. A
 * session-level advisory lock makes concurrent starters (API and worker processes booting together)
 * wait for each other instead of racing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from '../config.js';

export const MIGRATIONS_DIR = join(REPO_ROOT, 'migrations');
const LOCK_KEY = 7_240_113; // arbitrary, constant: "reportcast migrations"

export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
}

export async function applyMigrations(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS reportcast_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM reportcast_migrations')).rows.map((r) => r.name));
    for (const file of migrationFiles(dir)) {
      if (done.has(file)) continue;
      const sql = readFileSync(join(dir, file), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO reportcast_migrations (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
  return applied;
}

/** True when every migration file has been applied (for /readyz). */
export async function migrationsCurrent(query: (sql: string) => Promise<{ name: string }[]>): Promise<boolean> {
  try {
    const done = new Set((await query('SELECT name FROM reportcast_migrations')).map((r) => r.name));
    return migrationFiles().every((f) => done.has(f));
  } catch {
    return false;
  }
}
