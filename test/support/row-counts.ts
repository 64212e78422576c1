/**
 * Rows of every table the product writes, the job queue included: counted before and after an
 * attack, they show that nothing was written (nor half-written). UNLOGGED tables are left out: they
 * hold only the shared limiters' own state (rate_limit_buckets, analytics_slots).
 */
import type { TestApp } from './test-app.js';

export async function rowCounts(app: TestApp): Promise<Record<string, number>> {
  const conn = app.runtime.orm.em.getConnection();
  const tables = await conn.execute<{ t: string }[]>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND c.relpersistence = 'p' AND (n.nspname = 'public' OR (n.nspname = 'graphile_worker' AND c.relname = '_private_jobs'))`);
  const counts: Record<string, number> = {};
  for (const { t } of tables) counts[t] = Number((await conn.execute<{ n: string }[]>(`SELECT count(*) AS n FROM ${t}`))[0]!.n);
  return counts;
}
