/**
 * Single-flight plus a short-lived LRU cache of results, pure (no I/O; the clock is injected).
 *
 * - Identical work in flight runs once: callers with the same key while a load runs wait for
 *   that load. Each caller may abort its own wait; the shared load is aborted only when every
 *   caller waiting for it has aborted (one closed browser tab must not fail the other 199).
 * - A successful result may be kept for `ttlMs` (0 keeps nothing: single-flight only). Failures
 *   are never kept, so the next caller tries again.
 * - Memory is bounded by entries and by an estimated byte size; the least recently used go first
 *   (lru-cache keeps the entries, their TTL and sizes), and a single result larger than a quarter
 *   of the byte budget is not kept at all.
 * The single-flight with per-waiter abort is ours: no cache library shares a load that way.
 */
import { LRUCache } from 'lru-cache';

export interface SharedResultsOptions {
  /** How long a result may be served again, ms; 0 disables caching (single-flight stays). */
  ttlMs: number;
  maxEntries: number;
  /** Budget for the estimated size of every kept result together. */
  maxBytes: number;
  /** Milliseconds on a monotonic clock; injected by tests. */
  now?: () => number;
}

export interface SharedRunOptions<T> {
  signal?: AbortSignal;
  /** Keep the result for later callers (still subject to the TTL being > 0). */
  cache: boolean;
  /** Estimated bytes the result holds in memory. */
  size: (value: T) => number;
}

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

/** lru-cache holds objects only: the result is boxed. */
interface Entry<T> {
  value: T;
}

export interface SharedResultsStats {
  /** Loads started (each one is a query actually run). */
  loads: number;
  /** Callers that joined a load already in flight. */
  joined: number;
  /** Callers answered from the cache. */
  hits: number;
  entries: number;
  bytes: number;
}

export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('The query was aborted', { cause: reason });
  error.name = 'AbortError';
  return error;
}

export class SharedResults<T> {
  private readonly flights = new Map<string, Flight<T>>();
  /** Null when nothing may be kept (TTL 0, or no room). */
  private readonly entries: LRUCache<string, Entry<T>> | null;
  private readonly counters = { loads: 0, joined: 0, hits: 0 };

  constructor(private readonly options: SharedResultsOptions) {
    const { ttlMs, maxEntries, maxBytes } = options;
    const now = options.now ?? (() => performance.now());
    this.entries = ttlMs > 0 && maxEntries > 0 && maxBytes > 0
      ? new LRUCache<string, Entry<T>>({
        max: maxEntries,
        maxSize: maxBytes,
        ttl: ttlMs,
        // Read the (injected) clock on every check: no cached "now", no purge timers.
        ttlResolution: 0,
        ttlAutopurge: false,
        perf: { now },
      })
      : null;
  }

  stats(): SharedResultsStats {
    return { ...this.counters, entries: this.entries?.size ?? 0, bytes: this.entries?.calculatedSize ?? 0 };
  }

  /** Forgets every kept result (flights in progress go on). */
  clear(): void {
    this.entries?.clear();
  }

  run(key: string, load: (signal: AbortSignal) => Promise<T>, options: SharedRunOptions<T>): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const kept = this.fresh(key);
    if (kept) {
      this.counters.hits++;
      return Promise.resolve(kept.value);
    }
    let flight = this.flights.get(key);
    if (flight) this.counters.joined++;
    else flight = this.start(key, load, options);
    return this.wait(key, flight, signal);
  }

  /** A kept result still within its TTL (lru-cache drops a stale one and marks this one recent). */
  private fresh(key: string): Entry<T> | undefined {
    return this.entries?.get(key);
  }

  private start(key: string, load: (signal: AbortSignal) => Promise<T>, options: SharedRunOptions<T>): Flight<T> {
    this.counters.loads++;
    const controller = new AbortController();
    const flight: Flight<T> = { controller, waiters: 0, promise: undefined as unknown as Promise<T> };
    flight.promise = (async () => {
      try {
        const value = await load(controller.signal);
        if (options.cache && this.flights.get(key) === flight) this.keep(key, value, options.size(value));
        return value;
      } finally {
        if (this.flights.get(key) === flight) this.flights.delete(key);
      }
    })();
    // Nobody may be left to observe a failure (every waiter aborted): not an unhandled rejection.
    flight.promise.catch(() => undefined);
    this.flights.set(key, flight);
    return flight;
  }

  private wait(key: string, flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
    flight.waiters++;
    if (!signal) return flight.promise;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        reject(abortReason(signal));
        flight.waiters--;
        if (flight.waiters === 0) {
          // The last one waiting left: stop the work, and let the next caller start afresh.
          if (this.flights.get(key) === flight) this.flights.delete(key);
          flight.controller.abort(signal.reason);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
        (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
      );
    });
  }

  private keep(key: string, value: T, bytes: number): void {
    if (!this.entries || bytes > this.options.maxBytes / 4) return;
    // lru-cache refuses a size of 0; every result holds some memory.
    this.entries.set(key, { value }, { size: Math.max(1, Math.ceil(bytes)) });
  }
}
