/**
 * The per-tenant rate limit shared by every API process through PostgreSQL (migration 0010): a
 * tenant's RATE_LIMIT_PER_MINUTE holds however many API processes serve it, HTTP and WebSocket
 * together.
 *
 * The same token bucket as the in-memory RateLimiter (bursts up to `perMinute`, refilled
 * continuously, the same Retry-After), kept as GCRA: one number per key, the instant its bucket is
 * full again (`tat`), updated by one upsert per operation in whole microseconds. Why not
 * rate-limiter-flexible's RateLimiterPostgres: it counts fixed windows, so a tenant could spend
 * twice its budget across a window boundary, and a refused client would be told to wait for the
 * end of the window (up to 60 s) instead of for the next token.
 *
 * Cost: one short statement on a small dedicated pool (bench/limits.ts measures it). A refused key is
 * remembered in memory until its wait is over, so a client hammering past its budget costs no
 * PostgreSQL work: no other process can shorten that wait (they can only take tokens).
 *
 * PostgreSQL unreachable or slow: fail open to the in-memory bucket of this process (N processes
 * then allow N × the budget), with a warning and `onFallback` (a metric), and PostgreSQL is asked
 * again after `retryAfterFailureMs`. Refusing every request because the limiter's store is down
 * would turn a metadata outage into a total one, and the in-memory bucket still bounds each process.
 */
import type pg from 'pg';
import type { Logger } from '../platform/logger.js';
import { RateLimiter } from './rate-limiter.js';

/** Takes one token for `key`: resolves with 0 when allowed, else the seconds until one is available. */
export interface RateLimit {
  take(key: string): Promise<number>;
}

/** A per-process bucket as a RateLimit. */
export function inMemoryRateLimit(perMinute: number): RateLimit {
  const limiter = new RateLimiter(perMinute);
  return { take: async (key) => limiter.take(key) };
}

// $2: now in µs, or null for PostgreSQL's clock (one clock for every process, whatever theirs say).
// $3: µs per token; $4: the burst, as µs of tokens. EXCLUDED.tat - $3 is now.
const TAKE = `
INSERT INTO rate_limit_buckets AS b (key, tat)
SELECT $1, c.now + $3 FROM (SELECT coalesce($2::bigint, (extract(epoch FROM statement_timestamp()) * 1000000)::bigint) AS now) c
ON CONFLICT (key) DO UPDATE SET
  last_refused = greatest(b.tat, EXCLUDED.tat - $3) + $3 > EXCLUDED.tat - $3 + $4,
  tat = CASE WHEN greatest(b.tat, EXCLUDED.tat - $3) + $3 > EXCLUDED.tat - $3 + $4 THEN b.tat
             ELSE greatest(b.tat, EXCLUDED.tat - $3) + $3 END
RETURNING tat, last_refused, coalesce($2::bigint, (extract(epoch FROM statement_timestamp()) * 1000000)::bigint) AS now`;

/** A full bucket is the same as no row: rows whose tat has passed go. */
const PRUNE = `DELETE FROM rate_limit_buckets WHERE tat < (extract(epoch FROM statement_timestamp()) * 1000000)::bigint`;

export interface PgRateLimiterOptions {
  log: Logger;
  /** Called for every operation decided without PostgreSQL (a metric). */
  onFallback?: () => void;
  /** How long to decide in memory after PostgreSQL failed, before asking it again. */
  retryAfterFailureMs?: number;
  /** A clock in ms for tests; default: PostgreSQL's for the buckets, Date.now for refusals kept in memory. */
  now?: () => number;
  /** How often to delete full buckets' rows. */
  pruneEveryMs?: number;
}

export class PgRateLimiter implements RateLimit {
  /** µs per token, whole: at most 60e6 µs a minute, so never more than perMinute a minute. */
  private readonly interval: number;
  private readonly fallback: RateLimiter;
  /** key → until when (ms, this process's clock) it is refused: known without asking. */
  private readonly refused = new Map<string, number>();
  private failedUntil = 0;
  private degraded = false;
  private readonly pruneTimer: NodeJS.Timeout;

  constructor(private readonly pool: pg.Pool, private readonly perMinute: number, private readonly options: PgRateLimiterOptions) {
    this.interval = Math.ceil(60_000_000 / perMinute);
    this.fallback = new RateLimiter(perMinute, options.now);
    this.pruneTimer = setInterval(() => void this.prune(), options.pruneEveryMs ?? 300_000);
    this.pruneTimer.unref();
  }

  async take(key: string): Promise<number> {
    const now = this.options.now?.() ?? Date.now();
    const until = this.refused.get(key);
    if (until !== undefined) {
      if (until > now) return Math.max(1, Math.ceil((until - now) / 1000));
      this.refused.delete(key);
    }
    if (now < this.failedUntil) return this.decideInMemory(key, null);
    let row: { tat: string; last_refused: boolean; now: string } | undefined;
    try {
      row = (await this.pool.query<{ tat: string; last_refused: boolean; now: string }>({
        name: 'reportcast-rate-take',
        text: TAKE,
        values: [key, this.options.now ? Math.round(this.options.now() * 1000) : null, this.interval, this.perMinute * this.interval],
      })).rows[0];
    } catch (error) {
      this.failedUntil = now + (this.options.retryAfterFailureMs ?? 5000);
      return this.decideInMemory(key, error);
    }
    if (this.degraded) {
      this.degraded = false;
      this.options.log.info('rate limits are shared through PostgreSQL again');
    }
    if (!row?.last_refused) return 0;
    // The next token comes when tat - now is one token short of the burst again.
    const waitMs = (Number(row.tat) - Number(row.now) - (this.perMinute - 1) * this.interval) / 1000;
    this.refused.set(key, now + waitMs);
    if (this.refused.size > 10_000) this.forgetExpired(now);
    return Math.max(1, Math.ceil(waitMs / 1000));
  }

  private decideInMemory(key: string, error: unknown): number {
    this.options.onFallback?.();
    if (!this.degraded) {
      this.degraded = true;
      this.options.log.warn('rate limits: PostgreSQL unavailable, limiting per process until it answers', {
        error: error instanceof Error ? error.message : undefined,
      });
    }
    return this.fallback.take(key);
  }

  private forgetExpired(now: number): void {
    for (const [key, until] of this.refused) if (until <= now) this.refused.delete(key);
  }

  private async prune(): Promise<void> {
    await this.pool.query(PRUNE).catch(() => undefined);
  }

  close(): void {
    clearInterval(this.pruneTimer);
  }
}
