/**
 * Shared and cached analytics reads, around any AnalyticsStore (outside the tenant slots, so 200
 * identical previews wait for one query instead of queueing 200 for the tenant's slots).
 *
 * Only `query()` calls that carry a `tenant` parameter take part: every compiled report query does
 * (compile-query.ts), which is what previews, their counts, `columnValues` and chart tiles run.
 * Row streams, byte streams larger than SMALL_STREAM_BYTES (exports) and statements without a
 * tenant (health checks, DDL, seeds) pass straight through.
 *
 * The key is the tenant, the compiled SQL and its bound parameters, and the version of the data
 * the query reads. The snapshot instant and the masking policy enter through the SQL and the
 * parameters: a relative window is bound as `from`/`to` resolved at the as-of instant, and a
 * masked column compiles to different SQL. So two requests share a result exactly when ClickHouse
 * would have been asked the same thing about the same data, and never across tenants.
 *
 * The data version is a cheap probe of `system.parts` (active parts of the store's database:
 * count, rows, newest modification time, highest block number and data version, per table),
 * ~2 ms in embedded chDB. Every cached read runs one, coalesced: callers arriving while a probe
 * runs wait for the next one, which starts after they arrived, so an insert that finished before
 * a request is always seen by it; a store that counts its writes (embedded chDB) is probed again
 * only once that count has moved (DataVersions). A query whose tables the probe cannot see (not MergeTree, not
 * in this database) or a failed probe is shared while in flight but not cached.
 *
 * The cache lives in this process only: API processes behind a load balancer each keep their own
 * (docs/operations.md, "Query cache").
 */
import { LRUCache } from 'lru-cache';
import type { AnalyticsStore, ByteChunk, ByteStreamOptions, QueryOptions, QueryParams, QueryResult } from './analytics-store.js';
import { SharedResults, type SharedResultsStats } from './shared-results.js';

/**
 * A byte stream (an export's rows, as the engine formats them) whose whole output is at most this
 * many bytes is kept like a query result: the scheduled runs of one slot export the same small
 * report of a tenant again and again. Larger ones stream through and are never held.
 */
export const SMALL_STREAM_BYTES = 64 * 1024;

export interface QueryCacheOptions {
  /** How long a result may be served again, ms; 0: identical reads in flight are shared, nothing is kept. */
  ttlMs: number;
  maxEntries: number;
  maxBytes: number;
  now?: () => number;
}

const VERSION_PROBE = [
  'SELECT table, count(), sum(rows), toUnixTimestamp(max(modification_time)), max(max_block_number), max(data_version)',
  'FROM system.parts WHERE database = {database:String} AND active GROUP BY table',
].join(' ');

const PROBE_TIMEOUT_MS = 2_000;

/** Estimated bytes a result holds on the heap (V8: ~2 bytes per string character, 8 per number, pointers). */
export function resultBytes(result: QueryResult): number {
  let bytes = 64;
  for (const c of result.columns) bytes += 32 + 2 * (c.name.length + c.type.length);
  for (const row of result.rows) {
    bytes += 16 + 8 * row.length;
    for (const v of row) bytes += typeof v === 'string' ? 16 + 2 * v.length : v !== null && typeof v === 'object' ? 2 * JSON.stringify(v).length : 8;
  }
  return bytes;
}

/** One result object goes to every caller sharing it (and stays in the cache): none may change it for the others. */
function frozen(result: QueryResult): QueryResult {
  for (const row of result.rows) Object.freeze(row);
  Object.freeze(result.rows);
  Object.freeze(result.columns);
  return Object.freeze(result);
}

/** Parameters as a string independent of key order. */
function paramsKey(params: QueryParams): string {
  return JSON.stringify(Object.keys(params).sort().map((k) => [k, params[k]]));
}

/**
 * How long a probe's answer stands for a store that counts its writes, while none happened: the
 * engine also changes data on its own (a mutation finishing after its ALTER returned, a TTL
 * delete), which no count sees. The reports' queries run no such statement.
 */
export const SETTLED_PROBE_MS = 1_000;

/**
 * Per-table data versions of one database, probed at most once at a time: callers that arrive
 * while a probe runs get the next one, started after they arrived.
 *
 * A store that counts its writes (embedded chDB: writeCount) is not probed again while the count
 * stands where it stood through the last probe: no write started or ended since, so the versions
 * that probe read are still the data's. Without this, every cached read ran a probe on chDB's one
 * query session: the 10,000-run drain spent most of its engine time there (76 → 103–110 runs/s
 * without, 3,000 runs, 2026-12-08).
 */
class DataVersions {
  private running: Promise<Map<string, string> | null> | null = null;
  private next: Promise<Map<string, string> | null> | null = null;
  /** The last probe's answer; the write count stood at `writes` when it started. */
  private settled: { writes: number; at: number; versions: Map<string, string> } | null = null;
  probes = 0;

  constructor(private readonly store: AnalyticsStore, private readonly now: () => number) {}

  current(): Promise<Map<string, string> | null> {
    const settled = this.settled;
    if (settled && settled.writes === this.store.writeCount() && this.now() - settled.at < SETTLED_PROBE_MS) return Promise.resolve(settled.versions);
    if (!this.running) return this.start();
    this.next ??= this.running.then(() => {
      this.next = null;
      return this.running ?? this.start();
    });
    return this.next;
  }

  private start(): Promise<Map<string, string> | null> {
    this.probes++;
    const writes = this.store.writeCount();
    const at = this.now();
    // A slow probe must not hold every read up: past PROBE_TIMEOUT_MS the reads go uncached.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('the data version probe took too long')), PROBE_TIMEOUT_MS);
    const probe = this.store.query(VERSION_PROBE, { database: this.store.database }, { signal: controller.signal })
      .then((r) => {
        const versions = new Map(r.rows.map((row) => [String(row[0]), JSON.stringify(row.slice(1))]));
        // Kept under the count the probe started at: a write that started or ended since (even
        // while the probe ran) has moved the count, so current() probes again.
        this.settled = writes !== null ? { writes, at, versions } : null;
        return versions;
      })
      // Unknown version: nothing is cached until a probe succeeds again.
      .catch(() => null)
      .finally(() => {
        clearTimeout(timer);
        if (this.running === probe) this.running = null;
      });
    this.running = probe;
    return probe;
  }
}

export class SharedQueryStore implements AnalyticsStore {
  private readonly results: SharedResults<QueryResult>;
  private readonly versions: DataVersions;
  /** Small byte streams' whole output (SMALL_STREAM_BYTES), kept as query results are; null: TTL 0. */
  private readonly streams: LRUCache<string, ByteChunk[]> | null;
  streamHits = 0;

  /** `inner`: the store whose reads are shared (public so a test can count what reaches it). */
  constructor(readonly inner: AnalyticsStore, private readonly options: QueryCacheOptions) {
    this.results = new SharedResults<QueryResult>(options);
    const now = options.now ?? (() => performance.now());
    this.versions = new DataVersions(inner, now);
    this.streams = options.ttlMs > 0
      ? new LRUCache<string, ByteChunk[]>({
        max: Math.max(1, Math.min(options.maxEntries, 1_000)),
        maxSize: Math.max(SMALL_STREAM_BYTES, Math.floor(options.maxBytes / 4)),
        sizeCalculation: (chunks) => Math.max(1, chunks.reduce((n, c) => n + c.bytes.length, 0)),
        ttl: options.ttlMs,
        ttlResolution: 0,
        ttlAutopurge: false,
        perf: { now },
      })
      : null;
  }

  get kind(): AnalyticsStore['kind'] {
    return this.inner.kind;
  }

  get database(): string {
    return this.inner.database;
  }

  /** Loads run, callers joined or served from the cache, probes run; for tests, the bench and metrics. */
  stats(): SharedResultsStats & { probes: number } {
    return { ...this.results.stats(), probes: this.versions.probes };
  }

  /** Forgets every kept result (reads in flight are still shared): the bench measures uncached reads this way. */
  clearCache(): void {
    this.results.clear();
    this.streams?.clear();
  }

  /** The version of the tables `sql` reads, or null when the probe cannot tell. */
  private async versionOf(sql: string): Promise<string | null> {
    const versions = await this.versions.current();
    if (!versions) return null;
    // Compiled queries name their table as `database`.`table` (compile-query.ts).
    const prefix = `\`${this.inner.database}\`.`;
    const read = [...versions].filter(([table]) => sql.includes(`${prefix}\`${table}\``));
    return read.length ? JSON.stringify(read) : null;
  }

  async query(sql: string, params?: QueryParams, options?: QueryOptions): Promise<QueryResult> {
    const tenant = params?.tenant;
    if (typeof tenant !== 'string') return this.inner.query(sql, params, options);
    const caching = this.options.ttlMs > 0;
    const version = caching ? await this.versionOf(sql) : null;
    const key = JSON.stringify([tenant, version, sql, paramsKey(params!)]);
    return this.results.run(key, (signal) => this.inner.query(sql, params, { ...options, signal }).then(frozen), {
      signal: options?.signal,
      cache: version !== null,
      size: resultBytes,
    });
  }

  stream(sql: string, params?: QueryParams, options?: QueryOptions): AsyncIterable<unknown[][]> {
    return this.inner.stream(sql, params, options);
  }

  /**
   * A tenant's byte stream read again with the same SQL, parameters, format and settings over the
   * same data version is served from what the first one kept, when its whole output was small
   * (SMALL_STREAM_BYTES): the same rule as query()'s, so it answers exactly what ClickHouse would.
   * Anything else streams straight through.
   */
  async *streamBytes(sql: string, params: QueryParams, options: ByteStreamOptions): AsyncIterable<ByteChunk> {
    const tenant = params.tenant;
    const version = this.streams && typeof tenant === 'string' ? await this.versionOf(sql) : null;
    if (!this.streams || version === null) {
      yield* this.inner.streamBytes(sql, params, options);
      return;
    }
    const key = JSON.stringify([tenant, version, options.format, paramsKey(options.settings ?? {}), sql, paramsKey(params)]);
    const kept = this.streams.get(key);
    if (kept) {
      this.streamHits++;
      // Copies (Buffer.from copies; a Buffer's slice() would not): no caller can change what the next one gets.
      for (const chunk of kept) {
        if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
        yield { bytes: Buffer.from(chunk.bytes), rows: chunk.rows };
      }
      return;
    }
    let copy: ByteChunk[] | null = [];
    let size = 0;
    for await (const chunk of this.inner.streamBytes(sql, params, options)) {
      if (copy) {
        size += chunk.bytes.length;
        if (size > SMALL_STREAM_BYTES) copy = null;
        else copy.push({ bytes: Buffer.from(chunk.bytes), rows: chunk.rows });
      }
      yield chunk;
    }
    if (copy && !options.signal?.aborted) this.streams.set(key, copy);
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
