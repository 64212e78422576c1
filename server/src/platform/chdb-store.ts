/**
 * Embedded ClickHouse (chDB) in this process, through its native async API: queries run off the
 * event loop, and `queryStreamBind` streams in chunks (the @clickhouse/client chDB connection would
 * buffer the whole result). chDB binds one data directory per process, so one Session is opened
 * and shared.
 */
import { mkdirSync } from 'node:fs';
import { Session } from 'chdb';
import type { AnalyticsStore, QueryOptions, QueryParams, QueryResult } from './analytics-store.js';

interface JsonCompactResult {
  meta: { name: string; type: string }[];
  data: unknown[][];
}

// Settings that must hold for the JSON output we parse: 64-bit numbers as numbers.
const CONNECTION_ARGS = [
  '--output_format_json_quote_64bit_integers=0',
  '--output_format_json_quote_decimals=0',
  '--async_load_databases=0',
];

export class ChdbStore implements AnalyticsStore {
  readonly kind = 'chdb' as const;
  private readonly session: Session;

  constructor(dataDir: string, readonly database: string) {
    mkdirSync(dataDir, { recursive: true });
    this.session = new Session(dataDir, { connectionArgs: CONNECTION_ARGS });
  }

  async query(sql: string, params: QueryParams = {}, options: QueryOptions = {}): Promise<QueryResult> {
    const result = await this.session.queryBindAsync(sql, params, {
      format: 'JSONCompact',
      signal: options.signal,
    });
    const text = result.text();
    if (text.trim() === '') return { columns: [], rows: [] };
    const parsed = JSON.parse(text) as JsonCompactResult;
    return { columns: parsed.meta.map((m) => ({ name: m.name, type: m.type })), rows: parsed.data };
  }

  async *stream(sql: string, params: QueryParams = {}, options: QueryOptions = {}): AsyncIterable<unknown[][]> {
    const stream = this.session.queryStreamBind(sql, params, {
      format: 'JSONCompactEachRow',
      signal: options.signal,
    });
    try {
      for await (const chunk of stream) {
        if (chunk.numRows > 0) yield chunk.rows<unknown[]>();
      }
    } finally {
      if (!stream.closed) stream.cancel();
    }
  }

  async exec(sql: string, params: QueryParams = {}): Promise<void> {
    await this.session.queryBindAsync(sql, params, { format: 'Null' });
  }

  async ping(): Promise<boolean> {
    try {
      const r = await this.query('SELECT 1');
      return r.rows[0]?.[0] === 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.session.close();
  }
}
