/**
 * A ClickHouse HTTP interface in front of chDB, for testing the server-mode store with the real
 * @clickhouse/client over real HTTP and the real ClickHouse engine (chDB is ClickHouse in a
 * library). It speaks the part of the protocol the client uses: the query in the body (plus the
 * `query` URL parameter), `param_<name>` query parameters, every other URL parameter a query
 * setting, the result streamed in the FORMAT the query names, errors as HTTP 500 with the engine's
 * message, `/ping`. Settings become a SETTINGS clause, so the engine itself enforces readonly,
 * max_result_rows and friends; the URL parameters it received are kept for assertions.
 *
 * What it does not reproduce: users and passwords (accepted, not checked), sessions, compression,
 * progress headers, and the mid-stream exception block of ClickHouse 25.11+.
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '../../server/src/config.js';
import { settingsClause } from '../../server/src/platform/chdb-store.js';

/** URL parameters that are protocol, not settings. */
const PROTOCOL = new Set(['query', 'query_id', 'database', 'default_format', 'session_id', 'role', 'user', 'password']);
/** HTTP-layer settings the engine has no use for in a SETTINGS clause. */
const HTTP_ONLY = new Set(['enable_http_compression', 'send_progress_in_http_headers', 'http_headers_progress_interval_ms', 'wait_end_of_query']);

function tsvUnescape(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c);
}

export interface ClickHouseHttp {
  url: string;
  /** Every request's URL parameters (settings and params), in order. */
  requests: { settings: Record<string, string>; params: Record<string, string>; sql: string }[];
  /** Most queries that ran at the same time so far. */
  maxConcurrent: number;
  close(): Promise<void>;
}

/** The part of chdb's Session used here (chdb is the server package's dependency: resolved from there). */
interface ChdbSession {
  queryBindAsync(sql: string, params: Record<string, unknown>, opts: { format: string }): Promise<{ text(): string }>;
  queryStreamBind(sql: string, params: Record<string, unknown>, opts: { format: string }): AsyncIterable<{ numBytes: number; raw(): Uint8Array }> & { closed: boolean; cancel(): void };
  close(): void;
}
const { Session } = createRequire(join(REPO_ROOT, 'server', 'package.json'))('chdb') as { Session: new (dir: string, opts: { connectionArgs: string[] }) => ChdbSession };

export async function startClickHouseHttp(dataDir: string): Promise<ClickHouseHttp> {
  // A chDB session runs one stream at a time: each request borrows one of its own.
  const all: ChdbSession[] = [];
  const idle: ChdbSession[] = [];
  const borrow = () => {
    const s = idle.pop() ?? new Session(dataDir, { connectionArgs: ['--async_load_databases=0'] });
    if (!all.includes(s)) all.push(s);
    return s;
  };
  const requests: ClickHouseHttp['requests'] = [];
  let active = 0;
  const state = { maxConcurrent: 0 };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/ping') {
        res.end('Ok.\n');
        return;
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const text = `${url.searchParams.get('query') ?? ''}${url.searchParams.get('query') && chunks.length ? '\n' : ''}${Buffer.concat(chunks).toString('utf8')}`;
      const params: Record<string, string> = {};
      const settings: Record<string, string> = {};
      for (const [k, v] of url.searchParams) {
        if (k.startsWith('param_')) params[k.slice(6)] = tsvUnescape(v);
        else if (!PROTOCOL.has(k)) settings[k] = v;
      }
      const formatMatch = /\s+FORMAT\s+(\w+)\s*;?\s*$/i.exec(text);
      const format = formatMatch?.[1] ?? url.searchParams.get('default_format') ?? 'TabSeparated';
      const sql = formatMatch ? text.slice(0, formatMatch.index) : text.replace(/;\s*$/, '');
      requests.push({ settings, params, sql });
      const engineSettings = Object.fromEntries(Object.entries(settings).filter(([k]) => !HTTP_ONLY.has(k)).map(([k, v]) => [k, /^-?\d+$/.test(v) ? Number(v) : v]));
      // DDL takes no SETTINGS clause (and the client sends only output settings with it).
      const isDdl = /^\s*(CREATE|DROP|ALTER|TRUNCATE|RENAME)\b/i.test(sql);
      const full = Object.keys(engineSettings).length && !isDdl ? `${sql}\n${settingsClause(engineSettings)}` : sql;
      const session = borrow();
      let failed = false;
      active++;
      state.maxConcurrent = Math.max(state.maxConcurrent, active);
      try {
        // Statements, and whole-document formats (JSON, JSONCompact): run to the end first, so an
        // error is an HTTP 500 as ClickHouse sends it when it fails before the first block.
        if (!/^\s*(SELECT|WITH)\b/i.test(sql) || /^JSON(Compact)?$/.test(format)) {
          const result = await session.queryBindAsync(full, params, { format });
          res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8', 'x-clickhouse-format': format });
          res.end(result.text());
          return;
        }
        const stream = session.queryStreamBind(full, params, { format });
        let started = false;
        try {
          for await (const chunk of stream) {
            if (!started) {
              res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8', 'x-clickhouse-format': format });
              started = true;
            }
            if (chunk.numBytes > 0) res.write(chunk.raw());
          }
        } finally {
          if (!stream.closed) stream.cancel();
        }
        if (!started) res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8', 'x-clickhouse-format': format });
        res.end();
      } catch (error) {
        failed = true;
        const message = (error as Error).message;
        if (res.headersSent) {
          res.end(`\n${message}\n`);
        } else {
          const code = /Code: (\d+)/.exec(message)?.[1] ?? '0';
          res.writeHead(500, { 'content-type': 'text/plain; charset=UTF-8', 'x-clickhouse-exception-code': code });
          res.end(message);
        }
      } finally {
        active--;
        // chDB keeps a failed query's partial output for the session's next query: retire it.
        if (!failed) idle.push(session);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of all) s.close();
    },
  };
}
