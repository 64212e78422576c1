/**
 * Structured logging over pino: one JSON object per line (LOG_FORMAT=json, the production default)
 * or readable lines for a terminal. Request logs carry the request id, tenant, operation and
 * duration as fields (see graphql/observability.ts). Secrets never reach a log line: known secret
 * fields are censored by path, and bearer tokens, JWTs, signed-link tokens and SendGrid keys are
 * scrubbed from every string, messages included.
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

const REDACTED = '[redacted]';

/** Field names whose values are secrets wherever they appear (two levels deep). */
const SECRET_FIELDS = ['authorization', 'token', 'accessToken', 'apiKey', 'api_key', 'password', 'secret', 'jwtSecret',
  'downloadSecret', 'secretAccessKey', 'sendgridApiKey', 'cookie'];
const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

const SECRET_PATTERNS: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, `Bearer ${REDACTED}`],
  // JWTs (header.payload.signature, base64url; the header always starts with eyJ).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Signed download/unsubscribe links and presigned S3 URLs.
  [/([?&](?:token|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=)[^&\s"']+/gi, `$1${REDACTED}`],
  [/\bSG\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, REDACTED],
  // Credentials inside connection URLs (postgres://user:password@host).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s/]+@/gi, `$1${REDACTED}@`],
];

export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return errorFields(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = scrubValue(v, depth - 1);
  return out;
}

/** Readable lines for a terminal: `[level] message {fields}`; warnings and errors on stderr. */
function prettyStream(): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          process.stdout.write(line + '\n');
          continue;
        }
        const { level, msg, time: _time, pid: _pid, hostname: _host, ...fields } = entry;
        const rest = Object.keys(fields).length ? ' ' + JSON.stringify(fields) : '';
        (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`[${String(level)}] ${String(msg)}${rest}\n`);
      }
      done();
    },
  });
}

function wrap(base: PinoLogger): Logger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (!base.isLevelEnabled(level)) return;
    base[level]((fields ? scrubValue(fields, 4) : {}) as object, scrubSecrets(msg));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (bindings) => wrap(base.child(scrubValue(bindings, 4) as Record<string, unknown>)),
  };
}

/**
 * `destination` is for tests (a stream that collects lines); by default JSON goes to stdout,
 * synchronously, so the last lines before process.exit are not lost.
 */
export function createLogger(level: LogLevel, format: LogFormat | boolean, destination?: NodeJS.WritableStream): Logger {
  const json = format === true || format === 'json';
  const base = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    destination ?? (json ? pino.destination({ dest: 1, sync: true }) : prettyStream()),
  );
  return wrap(base);
}

export function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: scrubSecrets(error.message), stack: error.stack && scrubSecrets(error.stack) } : { error: scrubSecrets(String(error)) };
}
