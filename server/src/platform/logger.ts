/**
 * A small structured logger: one JSON line per event in production, readable lines otherwise.
 *
 * Every message and field passes through `redact` on the way out: logs are read by more people
 * and systems than the API's callers, so bearer tokens, JWTs, signed-link tokens, API keys, URL
 * passwords, registered secret values and SQL text never reach them. Stack traces are written only
 * at LOG_LEVEL=debug.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Where lines go; the process's stdout/stderr unless a test captures them. */
export type LogSink = (level: LogLevel, line: string) => void;

const processSink: LogSink = (l, line) => (l === 'error' || l === 'warn' ? process.stderr : process.stdout).write(line + '\n');

/** Secret values known at start-up (JWT and link secrets, API keys, passwords), replaced wherever they appear. */
const secrets = new Set<string>();

export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 8) secrets.add(value);
}

const PATTERNS: [RegExp, string][] = [
  [/\bBearer\s+\S+/gi, 'Bearer [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[jwt redacted]'],
  [/\bSG\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, '[api key redacted]'],
  [/([?&](?:token|key|api_key|apikey|signature|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=)[^&\s"']+/gi, '$1[redacted]'],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s/]+@/gi, '$1[redacted]@'],
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

function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, depth + 1)]));
}

export function createLogger(level: LogLevel, json: boolean, sink: LogSink = processSink): Logger {
  const write = (l: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[l] < ORDER[level]) return;
    const { stack, ...rest } = fields ?? {};
    const debug = level === 'debug';
    const safe = redactValue(debug && stack !== undefined ? { ...rest, stack } : rest) as Record<string, unknown>;
    // Libraries (graphile-worker) put the stack into the message itself: its frames go too.
    const text = debug ? redact(msg) : redact(msg).replace(STACK_FRAMES, '');
    const line = json
      ? JSON.stringify({ time: new Date().toISOString(), level: l, msg: text, ...safe })
      : `[${l}] ${text}${Object.keys(safe).length ? ' ' + JSON.stringify(safe) : ''}`;
    sink(l, line);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** The fields of a failure; `stack` is dropped by the logger unless it logs at debug. */
export function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
}
