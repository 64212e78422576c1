/**
 * A ClickHouse server over HTTP through @clickhouse/client: used when CLICKHOUSE_URL is set.
 * Streams for real (the HTTP response is consumed row batch by row batch).
 */
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { AnalyticsStore, QueryOptions, QueryParams, QueryResult } from './analytics-store.js';

export interface ClickHouseServerOptions {
  url: string;
  username?: string;
  password?: string;
  database: string;
}

const SETTINGS = {
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_decimals: 0,
} as const;

export class ClickHouseServerStore implements AnalyticsStore {
  readonly kind = 'server' as const;
  readonly database: string;
  private readonly client: ClickHouseClient;

  constructor(options: ClickHouseServerOptions) {
    this.database = options.database;
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
      abort_signal: options.signal,
    });
    const parsed = (await rs.json()) as { meta: { name: string; type: string }[]; data: unknown[][] };
    return { columns: parsed.meta.map((m) => ({ name: m.name, type: m.type })), rows: parsed.data };
  }

  async *stream(sql: string, params: QueryParams = {}, options: QueryOptions = {}): AsyncIterable<unknown[][]> {
    const rs = await this.client.query({
      query: sql,
      query_params: params,
      format: 'JSONCompactEachRow',
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

  async exec(sql: string, params: QueryParams = {}): Promise<void> {
    await this.client.command({ query: sql, query_params: params });
  }

  async ping(): Promise<boolean> {
    const r = await this.client.ping();
    return r.success;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
