/**
 * Embedded ClickHouse (chDB) in this process, through its native async API: queries run off the
 * event loop, and `queryStreamBind` streams in chunks (the @clickhouse/client chDB connection would
 * buffer the whole result). chDB binds one data directory per process, so one Session is opened
 * and shared.
 *
 * Nothing may hold a session (and the tenant slot above it) forever: every query of every session
 * runs under max_execution_time (the server store's limit, CLICKHOUSE_MAX_EXECUTION_SECONDS), and a
 * stream whose next chunk does not come within that time plus a grace fails with
 * AnalyticsStalledError, its session retired (closed once its native work drains) and replaced.
 */
import { mkdirSync } from 'node:fs';
import { Session, type StreamChunk } from 'chdb';
import { FairGate } from './fair-queue.js';
import type { AnalyticsStore, ByteChunk, ByteStreamOptions, QueryOptions, QueryParams, QueryResult, StreamOptions } from './analytics-store.js';

export type EngineScheduling = 'fair' | 'lightest' | 'fifo';

/** A stream's next chunk did not come in time: the engine or the binding hung; its session was retired. */
export class AnalyticsStalledError extends Error {
  readonly code = 'ANALYTICS_STALLED';
  constructor(seconds: number) {
    super(`The analytics stream gave no data for ${seconds} s; its query was abandoned`);
    this.name = 'AnalyticsStalledError';
  }
}

export interface ChdbLimits {
  /** max_execution_time of every query, seconds (the engine stops a query past it). */
  maxExecutionSeconds: number;
  /** How long a stream may wait for its next chunk before it is abandoned; default: max_execution_time + 30 s. */
  streamStallMs?: number;
}

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

/** Statements that only read (leading comments and whitespace allowed): anything else counts as a write. */
const READ_STATEMENT = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:SELECT|WITH|SHOW|DESCRIBE|DESC|EXPLAIN|EXISTS)\b/i;

/** The grace past max_execution_time before a silent stream is abandoned (the engine should have stopped it). */
const STALL_GRACE_MS = 30_000;

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
  private readonly connectionArgs: string[];
  private readonly stallMs: number;
  /**
   * chDB locks its data directory to one process (its `status` file: a second process's Session
   * fails with CANNOT_LOCK), so every change to the data is a statement through this store, counted
   * here when it starts and when it ends (writeCount).
   */
  private writes = 0;

  constructor(private readonly dataDir: string, readonly database: string, limits: ChdbLimits = { maxExecutionSeconds: 300 }) {
    mkdirSync(dataDir, { recursive: true });
    this.connectionArgs = [...CONNECTION_ARGS, `--max_execution_time=${limits.maxExecutionSeconds}`];
    this.stallMs = limits.streamStallMs ?? limits.maxExecutionSeconds * 1000 + STALL_GRACE_MS;
    this.session = this.openSession();
  }

  private openSession(): Session {
    const session = new Session(this.dataDir, { connectionArgs: this.connectionArgs });
    this.allSessions.push(session);
    return session;
  }

  /** A session of the stream pool; waits (until `signal` aborts) while all are streaming. */
  private acquireStreamSession(signal: AbortSignal | undefined): Promise<Session> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    const idle = this.idleStreamSessions.pop();
    if (idle) return Promise.resolve(idle);
    if (this.openStreamSessions < MAX_STREAM_SESSIONS) {
      this.openStreamSessions++;
      return Promise.resolve(this.openSession());
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason ?? new Error('aborted'));
      };
      const grant = (session: Session) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(session);
      };
      this.waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaseStreamSession(session: Session): void {
    const next = this.waiting.shift();
    if (next) next(session);
    else this.idleStreamSessions.push(session);
  }

  /**
   * A session whose stream stalled: never reused (its connection may still be busy in native code).
   * chDB closes it once its native work drains; a fresh session takes its place in the pool.
   */
  private retireStreamSession(session: Session): void {
    session.close();
    const i = this.allSessions.indexOf(session);
    if (i >= 0) this.allSessions.splice(i, 1);
    const next = this.waiting.shift();
    if (next) next(this.openSession());
    else this.openStreamSessions--;
  }

  /**
   * The chunks of one chDB stream on `session`, each awaited at most `stallMs`. Returns the
   * session to the pool when the stream ends, fails or is left, and retires it when it stalled.
   */
  private async *chunks(session: Session, sql: string, params: QueryParams, format: string, signal: AbortSignal | undefined): AsyncGenerator<StreamChunk> {
    let stalled = false;
    try {
      const stream = session.queryStreamBind(sql, params, { format, signal });
      const iterator = stream[Symbol.asyncIterator]();
      try {
        for (;;) {
          let timer: NodeJS.Timeout | undefined;
          const next = await Promise.race([
            iterator.next(),
            new Promise<'stalled'>((resolve) => { timer = setTimeout(() => resolve('stalled'), this.stallMs); }),
          ]).finally(() => clearTimeout(timer));
          if (next === 'stalled') {
            stalled = true;
            throw new AnalyticsStalledError(this.stallMs / 1000);
          }
          if (next.done) break;
          yield next.value;
        }
      } finally {
        // Cancels the query (chDB defers the teardown behind a fetch still in flight).
        if (!stream.closed) stream.cancel();
      }
    } finally {
      if (stalled) this.retireStreamSession(session);
      else this.releaseStreamSession(session);
    }
  }

  /**
   * Queries (and statements) on the shared session wait their turn here, the tenant with the
   * fewest queries waiting first (fair-queue.ts lightest-first), instead of in arrival order inside
   * chDB. The session runs one at a time, so this order is the order the engine serves them in.
   * Round-robin between tenants still doubled a light tenant's wait under another's flood (each
   * got half of the engine: ×3.2 on the previews bench's flood shape, ×1.8 lightest-first, same
   * rounds, 2026-12-07). The tenant is the `tenant` parameter every compiled report query
   * carries; statements without one share a key.
   */
  private readonly gate = new FairGate(1, 'lightest-first');
  private order: EngineScheduling = 'lightest';

  /**
   * 'fair': round-robin between tenants; 'lightest': the tenant with the fewest queries waiting
   * first (fair-queue.ts lightest-first); 'fifo': every query under one key, i.e. arrival order
   * (the behaviour before the fair queue). bench/previews.ts compares them.
   */
  get scheduling(): EngineScheduling {
    return this.order;
  }

  set scheduling(order: EngineScheduling) {
    this.order = order;
    this.gate.policy = order === 'lightest' ? 'lightest-first' : 'round-robin';
  }

  /**
   * A tenant's queries waiting before they reach this store (for one of the tenant's slots:
   * TenantLimitedStore.queued), counted by 'lightest' with those waiting here. Without it a
   * flooding tenant shows no more waiting here than its slots allow, as many as a light tenant
   * with its few: the two took turns, and once the data version probes no longer spaced the
   * flood's queries out, the light tenant's previews waited ×3.4–4.6 as long as alone on the
   * previews bench's flood shape (×1.2–1.5 with it, same rounds, 2026-12-08).
   */
  set backlog(backlog: ((tenant: string) => number) | null) {
    this.gate.backlog = backlog && ((key) => (key.startsWith('t:') ? backlog(key.slice(2)) : 0));
  }

  private turnKey(params: QueryParams): string {
    return this.order !== 'fifo' && typeof params.tenant === 'string' ? `t:${params.tenant}` : '';
  }

  writeCount(): number {
    return this.writes;
  }

  /** Counts `run` as a write at its start and at its end, however it ends. */
  private async writing<T>(run: () => Promise<T>): Promise<T> {
    this.writes++;
    try {
      return await run();
    } finally {
      this.writes++;
    }
  }

  async query(sql: string, params: QueryParams = {}, options: QueryOptions = {}): Promise<QueryResult> {
    // query() is for reads; anything else sent through it is counted as the write it may be.
    if (!READ_STATEMENT.test(sql)) return this.writing(() => this.read(sql, params, options));
    return this.read(sql, params, options);
  }

  private async read(sql: string, params: QueryParams, options: QueryOptions): Promise<QueryResult> {
    const result = await this.gate.run(this.turnKey(params), async () => {
      const session = this.session;
      try {
        return await session.queryBindAsync(sql, params, { format: 'JSONCompact', signal: options.signal });
      } catch (error) {
        // chDB 3.4 leaves a failed query's partial output in the session, prepended to the next
        // result (which then is not JSON): replace the session rather than reuse it.
        this.replaceSession(session);
        throw error;
      }
    }, options.signal);
    const text = result.text();
    if (text.trim() === '') return { columns: [], rows: [] };
    const parsed = JSON.parse(text) as JsonCompactResult;
    return { columns: parsed.meta.map((m) => ({ name: m.name, type: m.type })), rows: parsed.data };
  }

  async *stream(sql: string, params: QueryParams = {}, options: StreamOptions = {}): AsyncIterable<unknown[][]> {
    const session = await this.acquireStreamSession(options.signal);
    // As in streamBytes: chDB's stream options take no settings, a SETTINGS clause does.
    const query = options.settings && Object.keys(options.settings).length > 0 ? `${sql}\n${settingsClause(options.settings)}` : sql;
    for await (const chunk of this.chunks(session, query, params, 'JSONCompactEachRow', options.signal)) {
      if (chunk.numRows > 0) yield chunk.rows<unknown[]>();
    }
  }

  async *streamBytes(sql: string, params: QueryParams, options: ByteStreamOptions): AsyncIterable<ByteChunk> {
    if (!/^[A-Za-z]+$/.test(options.format)) throw new Error(`streamBytes: bad format name ${options.format}`);
    // chDB's stream options take no settings: a SETTINGS clause applies them to this query only
    // (output format included) and leaves the pooled session as it was.
    const query = options.settings && Object.keys(options.settings).length > 0 ? `${sql}\n${settingsClause(options.settings)}` : sql;
    const session = await this.acquireStreamSession(options.signal);
    // Each chunk is whole formatted blocks: its rows are exactly the rows its bytes hold.
    for await (const chunk of this.chunks(session, query, params, options.format, options.signal)) {
      if (chunk.numBytes > 0) yield { bytes: chunk.raw(), rows: chunk.numRows };
    }
  }

  private replaceSession(failed: Session): void {
    if (this.session !== failed) return;
    this.session = this.openSession();
    // Closed once its other in-flight queries are done with it: at close() at the latest.
  }

  async exec(sql: string, params: QueryParams = {}): Promise<void> {
    await this.writing(() => this.gate.run(this.turnKey(params), async () => {
      const session = this.session;
      try {
        await session.queryBindAsync(sql, params, { format: 'Null' });
      } catch (error) {
        this.replaceSession(session); // see query()
        throw error;
      }
    }));
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
