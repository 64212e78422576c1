/**
 * The ClickHouse seam. Two adapters implement it: chDB in process (embedded mode, tests) and
 * @clickhouse/client over HTTP (a server). Callers pass SQL whose every value is a `{name:Type}`
 * query parameter; adapters bind them server-side.
 */

export type QueryParams = Record<string, unknown>;

export interface ResultColumn {
  name: string;
  /** ClickHouse type of the result column, e.g. `UInt64`, `DateTime64(3, 'UTC')`. */
  type: string;
}

export interface QueryResult {
  columns: ResultColumn[];
  /** Rows as arrays in column order; 64-bit integers arrive as JSON numbers. */
  rows: unknown[][];
}

export interface QueryOptions {
  signal?: AbortSignal;
}

export interface StreamOptions extends QueryOptions {
  /** Query-level settings for this query only (output format settings included). The SQL has no SETTINGS clause. */
  settings?: Readonly<Record<string, string | number>>;
}

export interface ByteStreamOptions extends StreamOptions {
  /** ClickHouse output format of the bytes, e.g. `CustomSeparated`. The SQL has no FORMAT clause. */
  format: string;
}

/** A piece of a query's output, in the format asked for. */
export interface ByteChunk {
  bytes: Uint8Array;
  /**
   * Rows whose bytes this chunk holds, when the engine hands over whole rows (chDB: each chunk is
   * whole formatted blocks). null when the transport cuts the output anywhere (HTTP): the caller
   * counts rows itself if it needs to.
   */
  rows: number | null;
}

export interface AnalyticsStore {
  readonly kind: 'chdb' | 'server';
  /** The database holding the analytics tables. */
  readonly database: string;
  /** Runs a read and returns the whole (small) result. For previews and counts. */
  query(sql: string, params?: QueryParams, options?: QueryOptions): Promise<QueryResult>;
  /**
   * Streams a read as batches of rows, in constant memory. Breaking out of the loop or aborting
   * the signal stops the query.
   */
  stream(sql: string, params?: QueryParams, options?: StreamOptions): AsyncIterable<unknown[][]>;
  /**
   * Streams a read as the engine formats it (no parsing in JS), in constant memory, for output
   * that goes straight to a file. Breaking out of the loop or aborting the signal stops the query.
   */
  streamBytes(sql: string, params: QueryParams, options: ByteStreamOptions): AsyncIterable<ByteChunk>;
  /** Runs a statement that returns nothing useful (DDL, INSERT ... SELECT). */
  exec(sql: string, params?: QueryParams): Promise<void>;
  /**
   * Writes begun and finished through this store (each counts at its start and at its end), when
   * nothing else can change its data: the same number at two instants means no write between them
   * and none running across either. Null when other writers may exist (a ClickHouse server).
   */
  writeCount(): number | null;
  /** True when the store answers `SELECT 1`. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
