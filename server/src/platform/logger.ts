/**
 * Structured logging over pino: one JSON object per line (LOG_FORMAT=json, the production default)
 * or readable lines for a terminal. Request logs carry the request id, tenant, operation and
 * duration as fields (see graphql/observability.ts).
 *
 * Logs are read by more people and systems than the API's callers, so every message and field
 * passes through `redact` on the way out: bearer tokens, JWTs, signed-link tokens, API keys, URL
 * passwords, registered secret values and SQL text never reach them, and known secret fields are
 * censored by path. Stack traces are written only at LOG_LEVEL=debug.
 */
import { Writable } from 'node:stream';
import pino, { type Logger as PinoLogger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger that adds these fields to every line (e.g. the process role). */
  child(bindings: Record<string, unknown>): Logger;
}

/** Where lines go when a test captures them: each finished line with its level. */
export type LogSink = (level: LogLevel, line: string) => void;

const REDACTED = '[redacted]';

/** Field names whose values are secrets wherever they appear (two levels deep). */
const SECRET_FIELDS = ['authorization', 'token', 'accessToken', 'apiKey', 'api_key', 'password', 'secret', 'jwtSecret',
  'downloadSecret', 'secretAccessKey', 'sendgridApiKey', 'cookie'];
const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/** Secret values known at start-up (JWT and link secrets, API keys, passwords), replaced wherever they appear. */
const secrets = new Set<string>();

export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 8) secrets.add(value);
}

const PATTERNS: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, `Bearer ${REDACTED}`],
  // JWTs (header.payload.signature, base64url; the header always starts with eyJ).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[jwt redacted]'],
  [/\bSG\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, '[api key redacted]'],
  // Signed download/unsubscribe links and presigned S3 URLs.
  [/([?&](?:token|key|api_key|apikey|signature|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=)[^&\s"']+/gi, `$1${REDACTED}`],
  // Credentials inside connection URLs (postgres://user:password@host).
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s/]+@/gi, `$1${REDACTED}@`],
  // knex/MikroORM put the statement first: "select … - relation x does not exist".
  [/^\s*(?:select|insert|update|delete|with)\s[\s\S]*\s-\s(?=[^-]*$)/i, '[SQL redacted] - '],
  // ClickHouse quotes the statement after its message ("… in scope SELECT …", "while executing …").
  [/\b(?:SELECT|INSERT INTO|ALTER TABLE|DELETE FROM|UPDATE|WITH)\s[\s\S]*$/, '[SQL redacted]'],
];

/** `\n    at fn (file:line:col)` lines of a stack trace. */
const STACK_FRAMES = /\n\s+at [^\n]*?(?:\)|:\d+:\d+)(?=\s|$)/g;

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[secret redacted]');
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** The same as `redact`: what every string in a log line goes through. */
export const scrubSecrets = redact;

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactValue(errorFields(value), depth - 1);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactValue(v, depth - 1);
  return out;
}

type LineOut = (level: LogLevel, line: string) => void;

const processOut: LineOut = (level, line) => (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');

function levelOf(entry: Record<string, unknown>): LogLevel {
  const level = entry.level;
  return level === 'debug' || level === 'warn' || level === 'error' ? level : 'info';
}

/** Readable lines for a terminal: `[level] message {fields}`; warnings and errors on stderr. */
function prettyStream(out: LineOut): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          out('info', line);
          continue;
        }
        const { level, msg, time: _time, pid: _pid, hostname: _host, ...fields } = entry;
        const rest = Object.keys(fields).length ? ' ' + JSON.stringify(fields) : '';
        out(levelOf(entry), `[${String(level)}] ${String(msg)}${rest}`);
      }
      done();
    },
  });
}

/** JSON lines handed to a sink one by one, with their level. */
function sinkStream(sink: LogSink): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        let level: LogLevel = 'info';
        try { level = levelOf(JSON.parse(line) as Record<string, unknown>); } catch { /* not JSON: keep info */ }
        sink(level, line);
      }
      done();
    },
  });
}

function wrap(base: PinoLogger, debug: boolean): Logger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (!base.isLevelEnabled(level)) return;
    const { stack, ...rest } = fields ?? {};
    const kept = debug && stack !== undefined ? { ...rest, stack } : rest;
    // Libraries (graphile-worker) put the stack into the message itself: its frames go too.
    const text = debug ? redact(msg) : redact(msg).replace(STACK_FRAMES, '');
    base[level](redactValue(kept, 5) as object, text);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (bindings) => wrap(base.child(redactValue(bindings, 4) as Record<string, unknown>), debug),
  };
}

/**
 * `output` is for tests: a stream that collects raw JSON lines, or a sink that receives each
 * finished line (JSON, or the readable form) with its level. By default lines go to stdout/stderr,
 * synchronously, so the last lines before process.exit are not lost.
 */
export function createLogger(level: LogLevel, format: LogFormat | boolean, output?: NodeJS.WritableStream | LogSink): Logger {
  const json = format === true || format === 'json';
  const destination = typeof output === 'function'
    ? (json ? sinkStream(output) : prettyStream(output))
    : output ?? (json ? pino.destination({ dest: 1, sync: true }) : prettyStream(processOut));
  const base = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    destination,
  );
  return wrap(base, level === 'debug');
}

/** The fields of a failure; `stack` is dropped by the logger unless it logs at debug. */
export function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: redact(error.message), stack: error.stack && redact(error.stack) } : { error: redact(String(error)) };
}
