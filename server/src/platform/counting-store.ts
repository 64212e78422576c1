/**
 * An AnalyticsStore that passes everything to the real store it wraps and counts the reads that
 * reached it: tests and the bench count ClickHouse queries this way (chDB keeps no query log).
 * `reads` counts query() calls of tenant-scoped SQL (what reports run); `probes` the rest
 * (the shared store's system.parts version probe, health checks).
 */
import type { AnalyticsStore, ByteChunk, ByteStreamOptions, QueryOptions, QueryParams, QueryResult } from './analytics-store.js';

export class CountingStore implements AnalyticsStore {
  reads = 0;
  probes = 0;
  /** The SQL of every tenant-scoped read, in order. */
  readonly sqls: string[] = [];

  constructor(readonly inner: AnalyticsStore) {}

  get kind(): AnalyticsStore['kind'] {
    return this.inner.kind;
  }

  get database(): string {
    return this.inner.database;
  }

  query(sql: string, params?: QueryParams, options?: QueryOptions): Promise<QueryResult> {
    if (typeof params?.tenant === 'string') {
      this.reads++;
      this.sqls.push(sql);
    } else this.probes++;
    return this.inner.query(sql, params, options);
  }

  stream(sql: string, params?: QueryParams, options?: QueryOptions): AsyncIterable<unknown[][]> {
    return this.inner.stream(sql, params, options);
  }

  streamBytes(sql: string, params: QueryParams, options: ByteStreamOptions): AsyncIterable<ByteChunk> {
    return this.inner.streamBytes(sql, params, options);
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
