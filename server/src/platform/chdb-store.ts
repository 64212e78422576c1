/**
 * Embedded ClickHouse (chDB) in this process, through its native async API: queries run off the
 * event loop, and `queryStreamBind` streams in chunks (the @clickhouse/client chDB connection would
 * buffer the whole result). chDB binds one data directory per process, so one Session is opened
 * and shared.
 */
import { mkdirSync } from 'node:fs';
import { Session } from 'chdb';
import type { AnalyticsStore, ByteChunk, ByteStreamOptions, QueryOptions, QueryParams, QueryResult, StreamOptions } from './analytics-store.js';

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

/** Streams open at once; one more waits for a free session. */
const MAX_STREAM_SESSIONS = 4;

export class ChdbStore implements AnalyticsStore {
  readonly kind = 'chdb' as const;
  private session: Session;
  // A chDB session runs one stream at a time ("a stream is already active on this session"), so
  // concurrent exports each borrow a session of their own on the same data directory.
  private readonly idleStreamSessions: Session[] = [];
  private openStreamSessions = 0;
  private readonly waiting: ((s: Session) => void)[] = [];
  private readonly allSessions: Session[] = [];

  constructor(private readonly dataDir: string, readonly database: string) {
    mkdirSync(dataDir, { recursive: true });
    this.session = new Session(dataDir, { connectionArgs: CONNECTION_ARGS });
    this.allSessions.push(this.session);
  }

  private acquireStreamSession(): Promise<Session> {
    const idle = this.idleStreamSessions.pop();
    if (idle) return Promise.resolve(idle);
    if (this.openStreamSessions < MAX_STREAM_SESSIONS) {
      this.openStreamSessions++;
      const session = new Session(this.dataDir, { connectionArgs: CONNECTION_ARGS });
      this.allSessions.push(session);
      return Promise.resolve(session);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private releaseStreamSession(session: Session): void {
    const next = this.waiting.shift();
    if (next) next(session);
    else this.idleStreamSessions.push(session);
  }

  async query(sql: string, params: QueryParams = {}, options: QueryOptions = {}): Promise<QueryResult> {
    const session = this.session;
    let result;
    try {
      result = await session.queryBindAsync(sql, params, { format: 'JSONCompact', signal: options.signal });
    } catch (error) {
      // chDB 3.4 leaves a failed query's partial output in the session, prepended to the next
      // result (which then is not JSON): replace the session rather than reuse it.
      this.replaceSession(session);
      throw error;
    }
    const text = result.text();
    if (text.trim() === '') return { columns: [], rows: [] };
    const parsed = JSON.parse(text) as JsonCompactResult;
    return { columns: parsed.meta.map((m) => ({ name: m.name, type: m.type })), rows: parsed.data };
  }

  async *stream(sql: string, params: QueryParams = {}, options: StreamOptions = {}): AsyncIterable<unknown[][]> {
    const session = await this.acquireStreamSession();
    // As in streamBytes: chDB's stream options take no settings, a SETTINGS clause does.
    const query = options.settings && Object.keys(options.settings).length > 0 ? `${sql}\n${settingsClause(options.settings)}` : sql;
    try {
      const stream = session.queryStreamBind(query, params, {
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
    } finally {
      this.releaseStreamSession(session);
    }
  }

  async *streamBytes(sql: string, params: QueryParams, options: ByteStreamOptions): AsyncIterable<ByteChunk> {
    if (!/^[A-Za-z]+$/.test(options.format)) throw new Error(`streamBytes: bad format name ${options.format}`);
    // chDB's stream options take no settings: a SETTINGS clause applies them to this query only
    // (output format included) and leaves the pooled session as it was.
    const query = options.settings && Object.keys(options.settings).length > 0 ? `${sql}\n${settingsClause(options.settings)}` : sql;
    const session = await this.acquireStreamSession();
    try {
      const stream = session.queryStreamBind(query, params, { format: options.format, signal: options.signal });
      try {
        // Each chunk is whole formatted blocks: its rows are exactly the rows its bytes hold.
        for await (const chunk of stream) {
          if (chunk.numBytes > 0) yield { bytes: chunk.raw(), rows: chunk.numRows };
        }
      } finally {
        if (!stream.closed) stream.cancel();
      }
    } finally {
      this.releaseStreamSession(session);
    }
  }

  private replaceSession(failed: Session): void {
    if (this.session !== failed) return;
    this.session = new Session(this.dataDir, { connectionArgs: CONNECTION_ARGS });
    this.allSessions.push(this.session);
    // Closed once its other in-flight queries are done with it: at close() at the latest.
  }

  async exec(sql: string, params: QueryParams = {}): Promise<void> {
    const session = this.session;
    try {
      await session.queryBindAsync(sql, params, { format: 'Null' });
    } catch (error) {
      this.replaceSession(session); // see query()
      throw error;
    }
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
    for (const session of this.allSessions) session.close();
  }
}

/** ClickHouse string literal: quotes and backslashes escaped, control characters spelled out. */
function stringLiteral(s: string): string {
  const escapes: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\r': '\\r', '\n': '\\n', '\t': '\\t', '\0': '\\0' };
  return `'${s.replace(/[\\'\r\n\t\0]/g, (c) => escapes[c]!)}'`;
}

/** `SETTINGS a = 1, b = 'x'` for settings the code chose (names checked; values are literals, never user text). */
export function settingsClause(settings: Readonly<Record<string, string | number>>): string {
  const parts = Object.entries(settings).map(([name, value]) => {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`bad setting name ${name}`);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`bad value for setting ${name}`);
      return `${name} = ${value}`;
    }
    return `${name} = ${stringLiteral(value)}`;
  });
  return `SETTINGS ${parts.join(', ')}`;
}
