/**
 * Per-tenant analytics query slots shared by every process through PostgreSQL (migration 0010), so
 * CLICKHOUSE_TENANT_CONCURRENCY bounds a tenant's queries across the deployment: API processes
 * (previews) and workers (exports) alike, however many of each run.
 *
 * Two tiers. First TenantSlots, in memory: a process never asks for more than the whole budget, and
 * a burst waits as promises, not as rows. Then a ticket in `analytics_slots`, granted by
 * `reportcast_slot_take` when fewer than `perTenant` tickets of the tenant are granted or queued
 * ahead of it: first come, first served across processes (each tier is FIFO).
 *
 * A crash cannot leak a slot: every ticket names its process by the key of a session-level
 * advisory lock that this process's slot connection holds. When the process (or only that
 * connection) dies, PostgreSQL releases the lock with the session, and the next taker that finds the
 * tenant full deletes the orphaned tickets. One connection per process, whatever the number of
 * queries; statements go through the small shared limits pool.
 *
 * Waiting: a release NOTIFYs (payload: md5 of the tenant) and wakes the waiters of that tenant in
 * every process; nobody notifies for a crashed holder, so waiters also ask again every `pollMs`.
 *
 * Nor for a ticket this live process does not know it has: a take that outlived the pool's
 * query_timeout (a loaded PostgreSQL) is given up here and falls open, but PostgreSQL still carries
 * it out, inserting (and maybe granting) a ticket under our owner key, which no crash check would
 * ever reap. Scenario 26 of the load bench stalled on four such tickets of one tenant. So a waiter
 * that wakes without a notification also sweeps: our tickets older than `orphanMs` that no caller
 * holds or waits with are deleted (and their tenants notified).
 *
 * PostgreSQL unreachable: fail open to the in-process tier (N processes may then run N × limit),
 * with a warning and `onFallback` (a metric). Refusing every analytics query because the metadata
 * database blinked would be worse than briefly letting a tenant use more of ClickHouse, which has
 * its own limits (max_execution_time, its own concurrency caps).
 *
 * Embedded mode (one process) takes the same path: one code path to test, and its cost, two short
 * statements per analytics query (see bench/limits.ts), is small next to any ClickHouse query.
 */
import { createHash, randomInt } from 'node:crypto';
import pg from 'pg';
import type { Logger } from './logger.js';
import { TenantSlots, abortError, type TenantSlotPool } from './tenant-limited-store.js';

/** Advisory lock class of the owner keys; reportcast_slot_take (migration 0010) looks for it. */
const OWNER_LOCK_CLASS = 1380143955;
export const SLOTS_CHANNEL = 'reportcast_slots';

const TAKE = 'SELECT ticket, granted FROM reportcast_slot_take($1, $2, $3, $4)';
const DROP = `WITH d AS (DELETE FROM analytics_slots WHERE id = $1 RETURNING tenant)
SELECT pg_notify('${SLOTS_CHANNEL}', md5(tenant)) FROM d`;
/** $1 owner, $2 the tickets its callers know, $3 ms: its other tickets that old are orphans. */
const SWEEP = `WITH d AS (DELETE FROM analytics_slots WHERE owner = $1 AND id <> ALL($2::bigint[])
  AND queued_at < now() - make_interval(secs => $3::int / 1000.0) RETURNING tenant)
SELECT pg_notify('${SLOTS_CHANNEL}', md5(tenant)) FROM (SELECT DISTINCT tenant FROM d) t`;

export interface PgTenantSlotsOptions {
  /** For this process's slot connection (it holds the owner lock and LISTENs). */
  databaseUrl: string;
  /** For take and release statements. */
  pool: pg.Pool;
  perTenant: number;
  log: Logger;
  /** Called each time a slot is handed out without PostgreSQL (a metric). */
  onFallback?: () => void;
  /** How often a waiter asks again without a notification (a crashed holder sends none). */
  pollMs?: number;
  /**
   * Age past which a ticket of this process that none of its callers knows is an orphan (a take
   * given up on the client but carried out by PostgreSQL). Longer than a take may take when it
   * is not given up (the pool's connection wait plus its query_timeout).
   */
  orphanMs?: number;
}

/** Ends a slot connection we are done with: what it still says (an error, its end) is not news. */
async function endQuietly(client: pg.Client): Promise<void> {
  client.removeAllListeners();
  client.on('error', () => undefined);
  await client.end().catch(() => undefined);
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export class PgTenantSlots implements TenantSlotPool {
  readonly local: TenantSlots;
  private client: pg.Client | null = null;
  /** The owner key: kept across reconnections, so tickets that outlived a blip stay ours. */
  private owner = 0;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private retryDropsTimer: NodeJS.Timeout | null = null;
  /** md5(tenant) → wake-ups of this process's waiters. */
  private readonly waiters = new Map<string, Set<() => void>>();
  /**
   * md5(tenant) → takes in progress and notifications seen meanwhile: one that arrives while a take
   * is in flight must not be lost. Kept only while a take of the tenant is in progress.
   */
  private readonly taking = new Map<string, { takers: number; epoch: number }>();
  /** Tickets whose release failed: retried, or the slot would stay taken while we live. */
  private readonly unreleased = new Set<string>();
  private degraded = false;
  private readonly pollMs: number;
  private readonly orphanMs: number;
  /** Tickets a caller of this process holds or waits with, from the take's answer to the release. */
  private readonly known = new Set<string>();
  /** Takes of a new ticket whose answer has not come: their ticket may exist unknown, so no sweep meanwhile. */
  private newTakes = 0;
  private lastSweep = 0;
  private sweeping = false;

  constructor(private readonly options: PgTenantSlotsOptions) {
    this.local = new TenantSlots(options.perTenant);
    this.pollMs = options.pollMs ?? 1000;
    this.orphanMs = options.orphanMs ?? 5000;
  }

  /** Connects the slot connection; start-up fails if PostgreSQL does. */
  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  queued(tenant: string): number {
    return this.local.queued(tenant);
  }

  async acquire(tenant: string, signal?: AbortSignal): Promise<() => void> {
    const releaseLocal = await this.local.acquire(tenant, signal);
    let ticket: string | null;
    try {
      ticket = await this.takeShared(tenant, signal);
    } catch (error) {
      releaseLocal();
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The shared ticket goes first: the next local waiter then finds it gone.
      if (ticket) void this.drop(ticket).finally(releaseLocal);
      else releaseLocal();
    };
  }

  /** Resolves with a granted ticket, or null when PostgreSQL is unavailable (fail open). */
  private async takeShared(tenant: string, signal: AbortSignal | undefined): Promise<string | null> {
    const hash = md5(tenant);
    const seen = this.taking.get(hash) ?? { takers: 0, epoch: 0 };
    this.taking.set(hash, seen);
    seen.takers++;
    try {
      return await this.takeTurns(tenant, hash, seen, signal);
    } finally {
      if (--seen.takers === 0) this.taking.delete(hash);
    }
  }

  private async takeTurns(tenant: string, hash: string, seen: { epoch: number }, signal: AbortSignal | undefined): Promise<string | null> {
    let ticket: string | null = null;
    for (;;) {
      if (signal?.aborted) {
        if (ticket) void this.drop(ticket);
        throw abortError(signal);
      }
      if (!this.client) return this.fallBack(ticket, null);
      const epoch = seen.epoch;
      let row: { ticket: string; granted: boolean } | undefined;
      if (!ticket) this.newTakes++;
      try {
        row = (await this.options.pool.query<{ ticket: string; granted: boolean }>({
          name: 'reportcast-slot-take', text: TAKE, values: [tenant, this.owner, this.options.perTenant, ticket],
        })).rows[0];
      } catch (error) {
        return this.fallBack(ticket, error);
      } finally {
        if (!ticket) this.newTakes--;
      }
      if (!row) return this.fallBack(ticket, new Error('reportcast_slot_take returned no row'));
      if (ticket && ticket !== row.ticket) this.known.delete(ticket); // it had vanished: queued again
      ticket = row.ticket;
      this.known.add(ticket);
      if (this.degraded) {
        this.degraded = false;
        this.options.log.info('analytics slots are shared through PostgreSQL again');
      }
      if (row.granted) return ticket;
      // A release was notified while we asked: ask again rather than wait for the next one.
      if (seen.epoch !== epoch) continue;
      try {
        if (!(await this.wait(hash, signal))) void this.sweep();
      } catch (error) {
        void this.drop(ticket);
        throw error;
      }
    }
  }

  /**
   * Deletes this process's orphaned tickets (see the top of this file), at most once per
   * `orphanMs`, and never while a take of a new ticket is unanswered (its ticket would look like one).
   */
  private async sweep(): Promise<void> {
    const now = Date.now();
    if (this.sweeping || this.newTakes > 0 || now - this.lastSweep < this.orphanMs || !this.client) return;
    this.sweeping = true;
    this.lastSweep = now;
    try {
      const { rowCount } = await this.options.pool.query({ name: 'reportcast-slot-sweep', text: SWEEP, values: [this.owner, [...this.known], this.orphanMs] });
      if (rowCount) this.options.log.warn('analytics slots: deleted tickets of this process that no query held (takes given up on a timeout)', { tenants: rowCount });
    } catch {
      // The next poll tries again.
    } finally {
      this.sweeping = false;
    }
  }

  private fallBack(ticket: string | null, error: unknown): null {
    if (ticket) void this.drop(ticket);
    // A new ticket's take that failed may still be carried out: the sweep finds it later.
    this.options.onFallback?.();
    if (!this.degraded) {
      this.degraded = true;
      this.options.log.warn('analytics slots: PostgreSQL unavailable, limiting per process until it answers', {
        error: error instanceof Error ? error.message : 'slot connection down',
      });
    }
    return null;
  }

  /** Until a notification for the tenant (true), the poll interval (false), or the abort (which rejects). */
  private wait(hash: string, signal: AbortSignal | undefined): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const set = this.waiters.get(hash) ?? new Set<() => void>();
      this.waiters.set(hash, set);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        set.delete(done);
        if (set.size === 0 && this.waiters.get(hash) === set) this.waiters.delete(hash);
      };
      const wake = () => {
        done();
        resolve(true);
      };
      const onAbort = () => {
        done();
        reject(abortError(signal!));
      };
      const timer = setTimeout(() => {
        done();
        resolve(false);
      }, this.pollMs);
      set.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private wakeAll(): void {
    for (const set of [...this.waiters.values()]) for (const wake of [...set]) wake();
  }

  private async drop(ticket: string): Promise<void> {
    // No caller holds it any more: a sweep may take it if this DELETE does not.
    this.known.delete(ticket);
    try {
      await this.options.pool.query({ name: 'reportcast-slot-drop', text: DROP, values: [ticket] });
      this.unreleased.delete(ticket);
    } catch {
      // If our session is gone too, the ticket is orphaned and others ignore it; if not, it
      // would hold the slot while we live: retry until it goes.
      this.unreleased.add(ticket);
      this.retryDropsTimer ??= setTimeout(() => {
        this.retryDropsTimer = null;
        for (const t of [...this.unreleased]) void this.drop(t);
      }, 2000);
      this.retryDropsTimer.unref();
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    client.on('notification', (msg) => {
      if (msg.channel !== SLOTS_CHANNEL || !msg.payload) return;
      const seen = this.taking.get(msg.payload);
      if (seen) seen.epoch++;
      for (const wake of [...(this.waiters.get(msg.payload) ?? [])]) wake();
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    await client.connect();
    // A random key: processes need distinct ones, and the lock proves it. The same key again
    // after a reconnection, so our tickets that survived the gap are ours again.
    for (;;) {
      const key = this.owner || randomInt(1, 2 ** 31 - 1);
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [OWNER_LOCK_CLASS, key]);
      if (rows[0]?.ok) {
        this.owner = key;
        break;
      }
      this.owner = 0;
    }
    await client.query(`LISTEN ${SLOTS_CHANNEL}`);
    if (this.closed) {
      // close() ran while this (re)connection was on its way: it found no client to end, so
      // this one would outlive the instance, holding a connection and the owner lock.
      await endQuietly(client);
      return;
    }
    this.client = client;
    // Releases notified while we were away were missed.
    this.wakeAll();
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (this.client !== client && this.client !== null) return;
    this.client = null;
    void endQuietly(client);
    if (this.closed) return;
    this.options.log.warn('analytics slot connection lost; reconnecting', { error: error?.message });
    this.wakeAll(); // waiters fall back to the in-process limit rather than wait for a reconnection
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().catch((error: Error) => {
        this.options.log.warn('analytics slot connection: reconnecting failed; retrying', { error: error.message });
        this.scheduleReconnect();
      });
    }, 1000);
    this.reconnectTimer.unref();
  }

  /** Ends the slot connection: whatever this process still holds is released with it. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.retryDropsTimer) clearTimeout(this.retryDropsTimer);
    const client = this.client;
    this.client = null;
    this.wakeAll();
    if (client) await endQuietly(client);
  }
}
