/**
 * The small PostgreSQL pool that shares limits between processes (rate limit buckets, analytics
 * slots). Its own, not the ORM's: a rate check must not queue behind a request's queries, and it
 * must answer quickly or not at all, since each caller falls back to a per-process limit when it
 * fails (query_timeout). Prepared statements stay on its few long-lived connections.
 */
import pg from 'pg';
import type { Logger } from './logger.js';

export function openLimitsPool(databaseUrl: string, log: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    // Kept open between bursts: a reconnect would cost a request more than the check itself.
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: 1000,
    query_timeout: 1000,
  });
  // An idle connection that breaks (a PostgreSQL restart) must not crash the process; the pool
  // drops it and the next checks reconnect.
  pool.on('error', (error) => log.warn('limits pool: idle connection lost', { error: error.message }));
  return pool;
}
