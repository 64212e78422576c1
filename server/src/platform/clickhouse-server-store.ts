/**
 * A ClickHouse server over HTTP through @clickhouse/client: used when CLICKHOUSE_URL is set.
 * Streams for real (the HTTP response is consumed row batch by row batch).
 */
import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import type { AnalyticsStore, ByteChunk, ByteStreamOptions, QueryOptions, QueryParams, QueryResult, StreamOptions } from './analytics-store.js';

export interface ClickHouseServerOptions {
  url: string;
  username?: string;
  password?: string;
  database: string;
  limits?: ReadLimits;
}

export interface ReadLimits {
  /** Seconds a read may run (max_execution_time). */
  maxExecutionSeconds: number;
  /** Rows a read may return; more is an error (result_overflow_mode=throw), never a silent cut. */
  maxResultRows: number;
}

const SETTINGS = {
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_decimals: 0,
} as const;

/**
 * Settings of every read the product sends (query, stream, streamBytes; not exec, which runs the
 * migration DDL and the demo seed). readonly=2: the query may not write or change the schema but
 * may still set per-query settings (readonly=1 would refuse our own output settings).
 */
export function readSettings(limits: ReadLimits | undefined): ClickHouseSettings {
  if (!limits) return { readonly: '2' };
  return {
    readonly: '2',
    max_execution_time: limits.maxExecutionSeconds,
    max_result_rows: String(limits.maxResultRows),
    result_overflow_mode: 'throw',
  };
}

export class ClickHouseServerStore implements AnalyticsStore {
  readonly kind = 'server' as const;
  readonly database: string;
  private readonly client: ClickHouseClient;
  private readonly reads: ClickHouseSettings;

  constructor(options: ClickHouseServerOptions) {
    this.database = options.database;
    this.reads = readSettings(options.limits);
    this.client = createClient({
      url: options.url,
      username: options.username,
      password: options.password,
      clickhouse_settings: SETTINGS,
    });
  }

  async query(sql: string, params: QueryParams = {}, options: QueryOptions = {}): Promise<QueryResult> {
    const rs = await this.client.query({
      query: sql,
      query_params: params,
      format: 'JSONCompact',
      clickhouse_settings: this.reads,
      abort_signal: options.signal,
    });
    const parsed = (await rs.json()) as { meta: { name: string; type: string }[]; data: unknown[][] };
    return { columns: parsed.meta.map((m) => ({ name: m.name, type: m.type })), rows: parsed.data };
  }

  async *stream(sql: string, params: QueryParams = {}, options: StreamOptions = {}): AsyncIterable<unknown[][]> {
    const rs = await this.client.query({
      query: sql,
      query_params: params,
      format: 'JSONCompactEachRow',
      clickhouse_settings: withSettings(this.reads, options.settings),
      abort_signal: options.signal,
    });
    const stream = rs.stream<unknown[]>();
    try {
      for await (const batch of stream) {
        yield batch.map((row) => row.json<unknown[]>());
      }
    } finally {
      stream.destroy();
    }
  }

  /**
   * The raw HTTP response body (client.exec), not ResultSet.stream(): that one splits the body into
   * lines and, from ClickHouse 25.11 on, takes any line ending in CRLF for the start of an
   * exception block, which every CSV row is.
   */
  async *streamBytes(sql: string, params: QueryParams, options: ByteStreamOptions): AsyncIterable<ByteChunk> {
    if (!/^[A-Za-z]+$/.test(options.format)) throw new Error(`streamBytes: bad format name ${options.format}`);
    const settings = withSettings(this.reads, options.settings);
    const result = await this.client.exec({
      query: `${sql}\nFORMAT ${options.format}`,
      query_params: params,
      clickhouse_settings: settings,
      abort_signal: options.signal,
    });
    const tag = result.response_headers['x-clickhouse-exception-tag'];
    const exceptions = new ExceptionScanner(typeof tag === 'string' ? tag : undefined);
    let failure: Buffer[] | null = null;
    try {
      for await (const chunk of result.stream as AsyncIterable<Buffer>) {
        if (failure) {
          failure.push(chunk);
          continue;
        }
        const after = exceptions.find(chunk);
        if (after) failure = [after];
        else yield { bytes: chunk, rows: null };
      }
    } finally {
      result.stream.destroy();
    }
    if (failure) throw new Error(exceptionMessage(Buffer.concat(failure)));
  }

  async exec(sql: string, params: QueryParams = {}): Promise<void> {
    await this.client.command({ query: sql, query_params: params });
  }

  /** Other clients write to a server: no count of ours can say its data did not change. */
  writeCount(): null {
    return null;
  }

  async ping(): Promise<boolean> {
    const r = await this.client.ping();
    return r.success;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/**
 * A query that fails after its first bytes were sent cannot change the HTTP status any more:
 * ClickHouse (25.11+, which then sends the X-ClickHouse-Exception-Tag header) appends
 * `\r\n__exception__\r\n<tag>\r\n<message>…` to the body. The tag is random per query, so data
 * cannot fake it. Older servers append the bare message, which cannot be told from data.
 */
class ExceptionScanner {
  private readonly marker: Buffer | undefined;
  private tail = Buffer.alloc(0);

  constructor(tag: string | undefined) {
    this.marker = tag ? Buffer.from(`__exception__\r\n${tag}`) : undefined;
  }

  /** The bytes after the marker when this chunk completes it; null otherwise. */
  find(chunk: Buffer): Buffer | null {
    if (!this.marker) return null;
    const window = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    const at = window.indexOf(this.marker);
    if (at >= 0) return Buffer.from(window.subarray(at + this.marker.length));
    this.tail = Buffer.from(window.subarray(Math.max(0, window.length - this.marker.length + 1)));
    return null;
  }
}

/** `\r\n<message>\n<length> <tag>\r\n__exception__\r\n` → `<message>`. */
function exceptionMessage(after: Buffer): string {
  const text = after.toString('utf8').replace(/\n\d+ \S+\r\n__exception__\r\n$/, '').trim();
  return text || 'ClickHouse reported an error in the middle of the result';
}

/** The store's read settings with a query's own on top (values as the client sends them: strings). */
function withSettings(reads: ClickHouseSettings, extra: StreamOptions['settings']): ClickHouseSettings {
  const settings: ClickHouseSettings = { ...reads };
  for (const [name, value] of Object.entries(extra ?? {})) settings[name] = String(value);
  return settings;
}
