/**
 * The per-tenant rate limit shared by every API process through PostgreSQL (migration 0010): a
 * tenant's RATE_LIMIT_PER_MINUTE holds however many API processes serve it, HTTP and WebSocket
 * together.
 *
 * The same token bucket as the in-memory RateLimiter (bursts up to `perMinute`, refilled
 * continuously, the same Retry-After), kept as GCRA: one number per key, the instant its bucket is
 * full again (`tat`), moved by one upsert, in whole microseconds, on PostgreSQL's clock. Why not
 * rate-limiter-flexible's RateLimiterPostgres: it counts fixed windows, so a tenant could spend
 * twice its budget across a window boundary, and a refused client would be told to wait for the
 * end of the window (up to 60 s) instead of for the next token.
 *
 * Staying fast. A round trip per operation measurably slowed cheap operations (bench/limits.ts), so
 * a process takes tokens in leases: up to one second's worth (perMinute / 60, at most 20; 1 below
 * 120 a minute, i.e. exact; or as many as callers are waiting for it, at most MAX_LEASE) in one
 * upsert, and spends them in memory. A lease never takes more
 * than the bucket holds, so all processes together never exceed the budget; a process's unspent
 * tokens go back when its lease ends (`leaseMs`), so the most another process can be refused
 * early is one lease per process for one lease's time. A refused key is answered from memory until
 * its wait is over (no other process can shorten it: they only take tokens).
 *
 * PostgreSQL unreachable or slow (the pool's query_timeout): fail open to this process's own
 * in-memory bucket (N processes then allow N × the budget), with a warning and `onFallback` (a
 * metric), and PostgreSQL is asked again after `retryAfterFailureMs`. Refusing every request
 * because the limiter's store is down would turn a metadata outage into a total one, and the
 * in-memory bucket still bounds each process.
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

// $1 key; $2 now in µs, or null for PostgreSQL's clock (one clock for every process); $3 µs per
// token; $4 the burst in µs of tokens; $5 tokens wanted; $6 µs of tokens given back (a lease's
// unspent ones). Takes min(wanted, what the bucket holds), possibly none.
const TAKE = `
INSERT INTO rate_limit_buckets AS b (key, tat, taken, at)
SELECT $1, c.now + least($5::int, $4::bigint / $3::bigint) * $3::bigint, least($5::int, $4::bigint / $3::bigint), c.now
FROM (SELECT coalesce($2::bigint, (extract(epoch FROM statement_timestamp()) * 1000000)::bigint) AS now) c
ON CONFLICT (key) DO UPDATE SET (taken, tat, at) = (
  SELECT g.n, g.base + g.n * $3::bigint, EXCLUDED.at FROM (
    SELECT s.base, least($5::int, greatest(0, (EXCLUDED.at + $4::bigint - s.base) / $3::bigint)) AS n
    FROM (SELECT greatest(b.tat - $6::bigint, EXCLUDED.at) AS base) s) g)
RETURNING taken, tat, at`;

const GIVE_BACK = `UPDATE rate_limit_buckets b SET tat = b.tat - v.back
FROM unnest($1::text[], $2::bigint[]) AS v(key, back) WHERE b.key = v.key`;

/** A full bucket is the same as no row: rows whose tat has passed go. */
const PRUNE = `DELETE FROM rate_limit_buckets WHERE tat < (extract(epoch FROM statement_timestamp()) * 1000000)::bigint`;

export interface PgRateLimiterOptions {
  log: Logger;
  /** Called for every operation decided without PostgreSQL (a metric). */
  onFallback?: () => void;
  /** How long to decide in memory after PostgreSQL failed, before asking it again. */
  retryAfterFailureMs?: number;
  /** How long a lease's tokens may be spent before the rest go back. */
  leaseMs?: number;
  /** A clock in ms for tests; default: PostgreSQL's for the buckets, Date.now for what is kept in memory. */
  now?: () => number;
  /** How often to delete full buckets' rows. */
  pruneEveryMs?: number;
}

/** Tokens one lease takes at most when callers are waiting for it (never more than the bucket holds). */
const MAX_LEASE = 1000;

interface Lease {
  left: number;
  until: number;
}

export class PgRateLimiter implements RateLimit {
  /** µs per token, whole: 60e6 µs hold at most perMinute tokens. */
  private readonly interval: number;
  private readonly leaseSize: number;
  private readonly leaseMs: number;
  private readonly fallback: RateLimiter;
  private readonly leases = new Map<string, Lease>();
  /**
   * key → the lease request in flight. A burst (200 people opening one dashboard) would otherwise
   * send one upsert per request at once, queueing on the small limits pool (and on the bucket's
   * row lock) for longer than its timeout; instead the others wait for that lease and spend it.
   */
  private readonly pending = new Map<string, Promise<number>>();
  /**
   * key → callers waiting for that lease. The next lease asks for as many tokens as are waiting
   * (up to MAX_LEASE), so a burst of 200 costs two upserts, not ten lease-sized ones in a row.
   */
  private readonly waiting = new Map<string, number>();
  /** key → until when (ms, this process's clock) it is refused: known without asking. */
  private readonly refused = new Map<string, number>();
  private failedUntil = 0;
  private degraded = false;
  private readonly timers: NodeJS.Timeout[];

  constructor(private readonly pool: pg.Pool, private readonly perMinute: number, private readonly options: PgRateLimiterOptions) {
    this.interval = Math.ceil(60_000_000 / perMinute);
    this.leaseSize = Math.min(20, Math.max(1, Math.floor(perMinute / 60)));
    this.leaseMs = options.leaseMs ?? 1000;
    this.fallback = new RateLimiter(perMinute, options.now);
    this.timers = [
      setInterval(() => void this.giveBackExpired(), this.leaseMs),
      setInterval(() => void this.pool.query(PRUNE).catch(() => undefined), options.pruneEveryMs ?? 300_000),
    ];
    for (const t of this.timers) t.unref();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async take(key: string): Promise<number> {
    const now = this.now();
    const lease = this.leases.get(key);
    if (lease && lease.until > now && lease.left > 0) {
      lease.left--;
      return 0;
    }
    const until = this.refused.get(key);
    if (until !== undefined) {
      if (until > now) return Math.max(1, Math.ceil((until - now) / 1000));
      this.refused.delete(key);
    }
    if (now < this.failedUntil) return this.decideInMemory(key, null);
    const inFlight = this.pending.get(key);
    if (inFlight) {
      // Its lease (or its refusal, or the fall-back) decides for us too: ask again once it is known.
      this.waiting.set(key, (this.waiting.get(key) ?? 0) + 1);
      try {
        await inFlight.catch(() => undefined);
      } finally {
        const left = (this.waiting.get(key) ?? 1) - 1;
        if (left > 0) this.waiting.set(key, left);
        else this.waiting.delete(key);
      }
      return this.take(key);
    }
    const request = this.takeLease(key, now, lease);
    this.pending.set(key, request);
    try {
      return await request;
    } finally {
      if (this.pending.get(key) === request) this.pending.delete(key);
    }
  }

  /** One upsert for `key`: a new lease (this caller's token and the rest in memory) or a refusal. */
  private async takeLease(key: string, now: number, lease: Lease | undefined): Promise<number> {
    // An ended lease's unspent tokens go back in the same statement.
    const back = lease && lease.until <= now ? lease.left : 0;
    this.leases.delete(key);
    let row: { taken: number; tat: string; at: string } | undefined;
    try {
      row = (await this.pool.query<{ taken: number; tat: string; at: string }>({
        name: 'reportcast-rate-take',
        text: TAKE,
        values: [key, this.options.now ? Math.round(now * 1000) : null, this.interval, this.perMinute * this.interval,
          Math.max(this.leaseSize, Math.min(MAX_LEASE, (this.waiting.get(key) ?? 0) + 1)), back * this.interval],
      })).rows[0];
    } catch (error) {
      this.failedUntil = now + (this.options.retryAfterFailureMs ?? 5000);
      return this.decideInMemory(key, error);
    }
    if (this.degraded) {
      this.degraded = false;
      this.options.log.info('rate limits are shared through PostgreSQL again');
    }
    if (row && row.taken > 0) {
      if (row.taken > 1) this.leases.set(key, { left: row.taken - 1, until: now + this.leaseMs });
      return 0;
    }
    // None left: the next token comes when tat - now is one token short of the burst again.
    const waitMs = row ? (Number(row.tat) - Number(row.at) - (this.perMinute - 1) * this.interval) / 1000 : 1000;
    this.refused.set(key, now + waitMs);
    if (this.refused.size > 10_000) this.forgetExpired(now);
    return Math.max(1, Math.ceil(waitMs / 1000));
  }

  /** Gives back what ended leases left unspent (keys that were not asked for since). */
  async giveBackExpired(): Promise<void> {
    const now = this.now();
    const keys: string[] = [];
    const backs: number[] = [];
    for (const [key, lease] of this.leases) {
      if (lease.until > now) continue;
      this.leases.delete(key);
      if (lease.left > 0) {
        keys.push(key);
        backs.push(lease.left * this.interval);
      }
    }
    // Lost if PostgreSQL does not answer: those tokens come back with the refill anyway.
    if (keys.length) await this.pool.query(GIVE_BACK, [keys, backs]).catch(() => undefined);
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

  /** Stops the timers and gives back what the leases hold. */
  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const lease of this.leases.values()) lease.until = 0;
    await this.giveBackExpired();
  }
}
