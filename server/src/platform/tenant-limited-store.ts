/**
 * A per-tenant limit on concurrent analytics queries, around any AnalyticsStore: one tenant's
 * burst of previews or exports waits its turn instead of taking every ClickHouse slot from the
 * others. The tenant is read from the query's `tenant` parameter, which every compiled report
 * query carries (compile-query.ts: `tenant_id = {tenant:String}`); statements without it (health
 * checks, DDL, the demo seed) are not limited. A stream holds its slot until it ends or is left.
 *
 * TenantSlots below counts in this process's memory only. Deployed, the runtime passes
 * PgTenantSlots (pg-tenant-slots.ts), which shares the limit between all processes through
 * PostgreSQL and uses TenantSlots as its first, in-process tier.
 */
import type { AnalyticsStore, ByteChunk, ByteStreamOptions, QueryOptions, QueryParams, QueryResult } from './analytics-store.js';

/** Hands out per-tenant slots: resolves with a release function once the tenant may run a query. */
export interface TenantSlotPool {
  acquire(tenant: string, signal?: AbortSignal): Promise<() => void>;
  /** The tenant's queries in this process waiting for a slot. */
  queued(tenant: string): number;
}

export function abortError(signal: AbortSignal): Error {
  const error = new Error('The query was aborted while waiting for a free slot', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

export class TenantSlots implements TenantSlotPool {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(readonly perTenant: number) {}

  inFlight(tenant: string): number {
    return this.active.get(tenant) ?? 0;
  }

  queued(tenant: string): number {
    return this.waiting.get(tenant)?.length ?? 0;
  }

  /** Resolves with a release function once the tenant has a free slot. */
  acquire(tenant: string, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiting.get(tenant)?.shift();
      if (next) next(); // the slot passes straight to the next in line
      else this.active.set(tenant, this.inFlight(tenant) - 1);
    };
    if (this.inFlight(tenant) < this.perTenant) {
      this.active.set(tenant, this.inFlight(tenant) + 1);
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(tenant) ?? [];
      this.waiting.set(tenant, queue);
      const onAbort = () => {
        const i = queue.indexOf(grant);
        if (i >= 0) queue.splice(i, 1);
        reject(abortError(signal!));
      };
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      queue.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

export class TenantLimitedStore implements AnalyticsStore {
  readonly slots: TenantSlotPool;

  /** `slots`: a shared pool, or a number for a pool of that many per tenant in this process. */
  constructor(private readonly inner: AnalyticsStore, slots: number | TenantSlotPool) {
    this.slots = typeof slots === 'number' ? new TenantSlots(slots) : slots;
  }

  get kind(): AnalyticsStore['kind'] {
    return this.inner.kind;
  }

  get database(): string {
    return this.inner.database;
  }

  /** The tenant's queries waiting for a slot here (their backlog, beyond what the engine sees). */
  queued(tenant: string): number {
    return this.slots.queued(tenant);
  }

  private async slot(params: QueryParams | undefined, signal: AbortSignal | undefined): Promise<() => void> {
    const tenant = params?.tenant;
    return typeof tenant === 'string' ? this.slots.acquire(tenant, signal) : () => undefined;
  }

  async query(sql: string, params?: QueryParams, options?: QueryOptions): Promise<QueryResult> {
    const release = await this.slot(params, options?.signal);
    try {
      return await this.inner.query(sql, params, options);
    } finally {
      release();
    }
  }

  async *stream(sql: string, params?: QueryParams, options?: QueryOptions): AsyncIterable<unknown[][]> {
    const release = await this.slot(params, options?.signal);
    try {
      yield* this.inner.stream(sql, params, options);
    } finally {
      release();
    }
  }

  async *streamBytes(sql: string, params: QueryParams, options: ByteStreamOptions): AsyncIterable<ByteChunk> {
    const release = await this.slot(params, options.signal);
    try {
      yield* this.inner.streamBytes(sql, params, options);
    } finally {
      release();
    }
  }

  exec(sql: string, params?: QueryParams): Promise<void> {
    return this.inner.exec(sql, params);
  }

  writeCount(): number | null {
    return this.inner.writeCount();
  }

  ping(): Promise<boolean> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
