/**
 * Environment → typed configuration, read and validated once. A bad value stops start-up with a
 * message naming the variable, rather than surfacing later as a confusing runtime failure.
 */
import { createPublicKey } from 'node:crypto';
import { isIP } from 'node:net';
import { isAbsolute, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Mode = 'development' | 'production' | 'test';

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  /** Absolute path; embedded Postgres, chDB, the dev JWT secret and exports live below it. */
  dataDir: string;
  /** Null means: start embedded PostgreSQL under dataDir/pg. */
  databaseUrl: string | null;
  clickhouse: {
    /** Null means: embedded chDB under dataDir/clickhouse. */
    url: string | null;
    username: string;
    password: string;
    database: string;
  };
  /** Null in embedded/dev mode until a secret is generated and kept in dataDir. */
  jwtSecret: string | null;
  /** HMAC key of download and unsubscribe links; null: derived from the JWT secret (not in production). */
  downloadLinkSecret: string | null;
  /**
   * Key that seals stored secrets (file passwords of schedules and queued exports, AES-256-GCM);
   * null: derived from the JWT secret, outside production only (requireServingConfig).
   */
  secretsKey: string | null;
  tokenTtlSeconds: number;
  reports: { maxRowLimit: number; maxRangeDays: number };
  graphql: { introspection: boolean; fieldSuggestions: boolean; maxDepth: number; maxCost: number; maxAliases: number };
  rateLimit: { requestsPerMinute: number };
  /**
   * Admission of GraphQL operations over HTTP in each API process (graphql/tenant-gate.ts): at most
   * `tenantConcurrency` operations of one tenant execute at once, up to `tenantQueue` more wait
   * in the tenant's own queue, beyond that RATE_LIMITED.
   */
  admission: { tenantConcurrency: number; tenantQueue: number };
  demo: { seedRows: number };
  /**
   * Origin clients reach this server at, for every absolute link (downloads, emails, unsubscribe).
   * Required by `start`, `api` and `worker` in production (requireServingConfig); elsewhere null
   * means: the origin a trusted proxy forwarded, else this server's own address. Never a Host header.
   */
  publicUrl: string | null;
  /**
   * Whose X-Forwarded-For/-Proto/-Host to believe: nobody (false, the default), everybody (true),
   * the nearest N hops, or these addresses, CIDRs and ranges (loopback, linklocal, uniquelocal).
   */
  trustProxy: boolean | number | string[];
  /** Work a client can cause before it is authenticated, and how many failures an address gets. */
  edge: {
    httpMaxBodyBytes: number;
    wsMaxMessageBytes: number;
    maxDocumentBytes: number;
    maxTokens: number;
    /** A WebSocket must send a valid connection_init within this long, or it is closed (4408). */
    wsAuthTimeoutMs: number;
    /** Failed authentications and malformed or oversized requests per client address per minute. */
    failedRequestsPerMinute: number;
  };
  /** Strict-Transport-Security max-age; 0: not sent. */
  hstsMaxAgeSeconds: number;
  worker: {
    concurrency: number;
    maxAttempts: number;
    /** Seconds between a worker process's heartbeats; one silent for 3 of these is dead. */
    heartbeatSeconds: number;
    pollIntervalMs: number;
    /** On SIGTERM, running jobs get this long to finish before they are released for retry. */
    shutdownGraceMs: number;
  };
  exports: {
    /** Filesystem store root when S3 is not configured; API and workers must share it. */
    dir: string;
    retentionDays: number;
    linkTtlSeconds: number;
    pdfRowCap: number;
    /** On-demand exports a tenant may have PENDING or PROCESSING at once; more are RATE_LIMITED. */
    maxActivePerTenant: number;
  };
  mail: {
    /** Null: the outbox transport writes .eml files under outboxDir. */
    sendgridApiKey: string | null;
    sendgridBaseUrl: string;
    /**
     * `smtp://user:pass@host:587` or `smtps://…:465`: mail through an SMTP server when no SendGrid
     * key is set. Null: neither, so the outbox.
     */
    smtpUrl: string | null;
    /**
     * SendGrid Event Webhook verification key (Mail Settings → Signed Event Webhook): base64 DER
     * of an ECDSA P-256 public key, as SendGrid shows it. Null: POST /webhooks/sendgrid answers 404.
     */
    sendgridWebhookPublicKey: string | null;
    from: string;
    outboxDir: string;
    attachmentLimitBytes: number;
    linkTtlSeconds: number;
  };
  /** Slack and webhook destinations (delivery/slack, delivery/webhooks). */
  destinations: {
    /** Slack Web API base, with its trailing slash (SLACK_API_URL; tests point it at a local recorder). */
    slackApiUrl: string;
    /** Largest file uploaded to Slack; larger ones are linked (SLACK_FILE_LIMIT_MB). */
    slackFileLimitBytes: number;
    /** Webhooks may target http:// and private, loopback or link-local addresses: outside production only. */
    allowPrivateWebhooks: boolean;
  };
  schedules: {
    /** Missed slots younger than this run once after downtime; older ones are MISSED. */
    graceMs: number;
    /** Consecutive failed executions that pause a schedule. */
    autoPauseAfter: number;
  };
  /**
   * Per-tenant quotas (features/quotas): these defaults, unless the tenant_quotas table overrides
   * one for a tenant. Exceeding one is QUOTA_EXCEEDED, or SKIPPED_QUOTA for a scheduled run.
   */
  quotas: {
    activeSchedules: number;
    recipientsPerSchedule: number;
    /** runScheduleNow runs and backfilled slots started in the last hour. */
    manualRunsPerHour: number;
    /** Exports waiting or running, whatever started them (on demand, schedule, run now, backfill). */
    concurrentExports: number;
    /** Bytes of export files kept (completed, not yet expired). */
    bytesStored: number;
  };
  /** Null: exports are files under dataDir/exports. */
  s3: {
    bucket: string;
    region: string;
    endpoint: string | null;
    forcePathStyle: boolean;
    accessKeyId: string | null;
    secretAccessKey: string | null;
    /**
     * Server-side encryption set on every PutObject and CreateMultipartUpload (S3_SSE): SSE-S3
     * (`AES256`) or SSE-KMS (`aws:kms` with S3_SSE_KMS_KEY_ID). Null: none, which production only
     * accepts when S3_SSE=none says so.
     */
    sse: { algorithm: 'AES256' | 'aws:kms'; kmsKeyId: string | null } | null;
  } | null;
  clickhouseLimits: {
    /** Seconds a single analytics query may run (max_execution_time). */
    maxExecutionSeconds: number;
    /** Analytics queries one tenant may run at once, across all processes (pg-tenant-slots.ts); more wait their turn. */
    tenantConcurrency: number;
  };
  /**
   * Shared analytics reads (platform/shared-query-store.ts), per process: identical reads in flight
   * run once; results are kept ttlMs while the data's version is unchanged (0: nothing kept).
   */
  queryCache: { ttlMs: number; maxEntries: number; maxBytes: number };
  retention: {
    /** Schedule executions (and their deliveries) older than this are deleted. */
    executionDays: number;
    /** Audit log entries older than this are deleted. */
    auditDays: number;
    /** Export records (not files: see exports.retentionDays) older than this are deleted. */
    exportRecordDays: number;
  };
  audit: {
    /** AUDIT_READS: previews and report reads are audited too (report id, row count, duration; never row data). */
    reads: boolean;
  };
  /** Directory of the built SPA to serve, when it exists. */
  webDist: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** json: one JSON object per line (pino); pretty: readable lines for a terminal. */
  logFormat: 'json' | 'pretty';
}

/**
 * Every environment variable the server reads, so deployment files can be checked against it
 * (docker-compose.yml is, by test/deployment.test.ts) and the README table kept complete.
 */
export const ENV_VARS = [
  'NODE_ENV', 'PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL',
  'CLICKHOUSE_URL', 'CLICKHOUSE_USER', 'CLICKHOUSE_PASSWORD', 'CLICKHOUSE_DATABASE',
  'CLICKHOUSE_MAX_EXECUTION_SECONDS', 'CLICKHOUSE_TENANT_CONCURRENCY',
  'JWT_SECRET', 'DOWNLOAD_LINK_SECRET', 'SECRETS_KEY', 'TOKEN_TTL_SECONDS', 'MAX_ROW_LIMIT', 'MAX_RANGE_DAYS',
  'GRAPHQL_INTROSPECTION', 'GRAPHQL_FIELD_SUGGESTIONS', 'GRAPHQL_MAX_ALIASES', 'GRAPHQL_MAX_DEPTH', 'GRAPHQL_MAX_COST', 'RATE_LIMIT_PER_MINUTE',
  'API_TENANT_CONCURRENCY', 'API_TENANT_QUEUE',
  'DEMO_SEED_ROWS', 'LOG_LEVEL', 'LOG_FORMAT', 'PUBLIC_URL', 'TRUST_PROXY', 'HSTS_MAX_AGE_SECONDS',
  'HTTP_MAX_BODY_KB', 'WS_MAX_MESSAGE_KB', 'GRAPHQL_MAX_DOCUMENT_KB', 'GRAPHQL_MAX_TOKENS', 'WS_AUTH_TIMEOUT_MS', 'FAILED_REQUESTS_PER_MINUTE',
  'WORKER_CONCURRENCY', 'WORKER_POLL_INTERVAL_MS', 'WORKER_HEARTBEAT_SECONDS', 'SHUTDOWN_GRACE_SECONDS',
  'EXPORT_MAX_ATTEMPTS', 'EXPORT_RETENTION_DAYS', 'EXPORT_RECORD_RETENTION_DAYS', 'EXECUTION_RETENTION_DAYS', 'AUDIT_RETENTION_DAYS', 'AUDIT_READS',
  'DOWNLOAD_LINK_TTL_SECONDS', 'PDF_ROW_CAP', 'EXPORTS_DIR', 'EXPORT_MAX_ACTIVE_PER_TENANT',
  'QUERY_CACHE_TTL_MS', 'QUERY_CACHE_MAX_ENTRIES', 'QUERY_CACHE_MAX_MB',
  'S3_BUCKET', 'S3_REGION', 'S3_ENDPOINT', 'S3_FORCE_PATH_STYLE', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_SSE', 'S3_SSE_KMS_KEY_ID',
  'QUOTA_ACTIVE_SCHEDULES', 'QUOTA_RECIPIENTS_PER_SCHEDULE', 'QUOTA_MANUAL_RUNS_PER_HOUR', 'QUOTA_CONCURRENT_EXPORTS', 'QUOTA_STORAGE_MB',
  'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'SENDGRID_API_KEY', 'SENDGRID_API_URL', 'SMTP_URL', 'SENDGRID_WEBHOOK_PUBLIC_KEY', 'MAIL_FROM', 'OUTBOX_DIR', 'EMAIL_ATTACHMENT_LIMIT_MB', 'EMAIL_LINK_TTL_HOURS',
  'SLACK_API_URL', 'SLACK_FILE_LIMIT_MB',
  'SCHEDULE_GRACE_MINUTES', 'SCHEDULE_AUTO_PAUSE_AFTER',
  // Set by pnpm to the directory it was run from; relative paths resolve against it.
  'INIT_CWD',
] as const;
export type EnvVar = (typeof ENV_VARS)[number];

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** The repository root: server/src/config.ts → ../.. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `expected an integer, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

/** An ECDSA public key as base64 DER (SubjectPublicKeyInfo), or the same in PEM armour; kept as base64. */
function ecPublicKey(env: Env, name: string): string | null {
  const raw = str(env, name);
  if (raw === undefined) return null;
  const base64 = raw.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec') throw new Error(`a ${key.asymmetricKeyType} key`);
  } catch (error) {
    throw new ConfigError(name, `is not an ECDSA public key (base64 DER, as SendGrid shows it): ${(error as Error).message}`);
  }
  return base64;
}

/** SMTP_URL: smtp(s)://[user[:pass]@]host[:port], nothing else (no path, no query). */
function smtpUrl(env: Env): string | null {
  const raw = url(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  if (raw === null) return null;
  const parsed = new URL(raw);
  if (!parsed.hostname) throw new ConfigError('SMTP_URL', 'names no host');
  if ((parsed.pathname && parsed.pathname !== '/') || parsed.search) throw new ConfigError('SMTP_URL', 'takes no path or query: smtp://user:pass@host:587');
  if (parsed.username && !parsed.password) throw new ConfigError('SMTP_URL', 'names a user but no password');
  return raw;
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = str(env, name);
  if (raw === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

export function loadConfig(env: Env = process.env): Config {
  const mode = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const baseDir = str(env, 'INIT_CWD') ?? process.cwd();
  const dataDirRaw = str(env, 'DATA_DIR');
  const dataDir = dataDirRaw
    ? isAbsolute(dataDirRaw) ? dataDirRaw : resolve(baseDir, dataDirRaw)
    : resolve(REPO_ROOT, '.data');
  const jwtSecret = secret(env, 'JWT_SECRET', mode);
  const downloadLinkSecret = secret(env, 'DOWNLOAD_LINK_SECRET', mode);
  if (mode === 'production' && jwtSecret === downloadLinkSecret) {
    // One leaked key must not both mint sessions and open every file.
    throw new ConfigError('DOWNLOAD_LINK_SECRET', 'must differ from JWT_SECRET');
  }
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:'])?.replace(/\/+$/, '') ?? null;
  const secretsKey = optionalSecret(env, 'SECRETS_KEY', mode);
  if (mode === 'production' && secretsKey !== null && (secretsKey === jwtSecret || secretsKey === downloadLinkSecret)) {
    // A leaked signing key must not also open every stored file password.
    throw new ConfigError('SECRETS_KEY', 'must differ from JWT_SECRET and DOWNLOAD_LINK_SECRET');
  }
  return {
    mode,
    host: str(env, 'HOST') ?? '0.0.0.0',
    port: int(env, 'PORT', 4000, 0, 65535),
    dataDir,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    clickhouse: {
      url: url(env, 'CLICKHOUSE_URL', ['http:', 'https:']),
      username: str(env, 'CLICKHOUSE_USER') ?? 'default',
      password: str(env, 'CLICKHOUSE_PASSWORD') ?? '',
      database: oneOfIdentifier(env, 'CLICKHOUSE_DATABASE', 'reportcast'),
    },
    jwtSecret,
    downloadLinkSecret,
    secretsKey,
    tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 12 * 3600, 60, 365 * 24 * 3600),
    reports: {
      maxRowLimit: int(env, 'MAX_ROW_LIMIT', 1_000_000, 1, 100_000_000),
      maxRangeDays: int(env, 'MAX_RANGE_DAYS', 366, 1, 3660),
    },
    graphql: {
      introspection: bool(env, 'GRAPHQL_INTROSPECTION', mode !== 'production'),
      // Suggestions name fields the client did not ask for: off wherever introspection is.
      fieldSuggestions: bool(env, 'GRAPHQL_FIELD_SUGGESTIONS', bool(env, 'GRAPHQL_INTROSPECTION', mode !== 'production')),
      maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', 50, 0, 10_000),
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100),
      maxCost: int(env, 'GRAPHQL_MAX_COST', 20_000, 10, 10_000_000),
    },
    rateLimit: { requestsPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000) },
    admission: {
      tenantConcurrency: int(env, 'API_TENANT_CONCURRENCY', 64, 1, 100_000),
      tenantQueue: int(env, 'API_TENANT_QUEUE', 1000, 0, 1_000_000),
    },
    // A production ClickHouse holds real data: demo rows only when asked for.
    demo: { seedRows: int(env, 'DEMO_SEED_ROWS', mode === 'production' ? 0 : 1_000_000, 0, 1_000_000_000) },
    publicUrl,
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
    edge: {
      httpMaxBodyBytes: int(env, 'HTTP_MAX_BODY_KB', 1024, 1, 100 * 1024) * 1024,
      // Browsers and the SDK use the socket for subscriptions only: small frames. The ws default
      // (100 MiB) let a few unauthenticated connection_init frames take gigabytes.
      wsMaxMessageBytes: int(env, 'WS_MAX_MESSAGE_KB', 64, 1, 100 * 1024) * 1024,
      maxDocumentBytes: int(env, 'GRAPHQL_MAX_DOCUMENT_KB', 64, 1, 10 * 1024) * 1024,
      maxTokens: int(env, 'GRAPHQL_MAX_TOKENS', 10_000, 100, 1_000_000),
      wsAuthTimeoutMs: int(env, 'WS_AUTH_TIMEOUT_MS', 3000, 100, 60_000),
      failedRequestsPerMinute: int(env, 'FAILED_REQUESTS_PER_MINUTE', 60, 1, 1_000_000),
    },
    // HSTS only means something over HTTPS, and pins browsers to it: on when production is served
    // at an https PUBLIC_URL, unless set.
    hstsMaxAgeSeconds: int(env, 'HSTS_MAX_AGE_SECONDS', mode === 'production' && publicUrl?.startsWith('https:') ? 31_536_000 : 0, 0, 63_072_000),
    worker: {
      concurrency: int(env, 'WORKER_CONCURRENCY', 2, 1, 64),
      maxAttempts: int(env, 'EXPORT_MAX_ATTEMPTS', 3, 1, 25),
      heartbeatSeconds: int(env, 'WORKER_HEARTBEAT_SECONDS', 10, 1, 3600),
      pollIntervalMs: int(env, 'WORKER_POLL_INTERVAL_MS', 2000, 50, 60_000),
      shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_SECONDS', 25, 0, 3600) * 1000,
    },
    exports: {
      dir: pathOr(env, 'EXPORTS_DIR', baseDir, resolve(dataDir, 'exports')),
      retentionDays: int(env, 'EXPORT_RETENTION_DAYS', 7, 1, 3650),
      linkTtlSeconds: int(env, 'DOWNLOAD_LINK_TTL_SECONDS', 3600, 10, 7 * 24 * 3600),
      pdfRowCap: int(env, 'PDF_ROW_CAP', 10_000, 1, 200_000),
      maxActivePerTenant: int(env, 'EXPORT_MAX_ACTIVE_PER_TENANT', 10, 1, 10_000),
    },
    mail: {
      sendgridApiKey: str(env, 'SENDGRID_API_KEY') ?? null,
      sendgridBaseUrl: url(env, 'SENDGRID_API_URL', ['http:', 'https:'])?.replace(/\/+$/, '') ?? 'https://api.sendgrid.com',
      smtpUrl: smtpUrl(env),
      sendgridWebhookPublicKey: ecPublicKey(env, 'SENDGRID_WEBHOOK_PUBLIC_KEY'),
      from: emailAddress(env, 'MAIL_FROM', 'reports@reportcast.local'),
      outboxDir: pathOr(env, 'OUTBOX_DIR', baseDir, resolve(dataDir, 'outbox')),
      // SendGrid refuses messages over 30 MB; base64 grows attachments by a third.
      attachmentLimitBytes: int(env, 'EMAIL_ATTACHMENT_LIMIT_MB', 10, 1, 20) * 1024 * 1024,
      linkTtlSeconds: int(env, 'EMAIL_LINK_TTL_HOURS', 24, 1, 24 * 7) * 3600,
    },
    destinations: {
      slackApiUrl: `${url(env, 'SLACK_API_URL', ['http:', 'https:'])?.replace(/\/+$/, '') ?? 'https://slack.com/api'}/`,
      slackFileLimitBytes: int(env, 'SLACK_FILE_LIMIT_MB', 50, 1, 1000) * 1024 * 1024,
      allowPrivateWebhooks: mode !== 'production',
    },
    schedules: {
      graceMs: int(env, 'SCHEDULE_GRACE_MINUTES', 60, 0, 7 * 24 * 60) * 60_000,
      autoPauseAfter: int(env, 'SCHEDULE_AUTO_PAUSE_AFTER', 5, 1, 1000),
    },
    quotas: {
      activeSchedules: int(env, 'QUOTA_ACTIVE_SCHEDULES', 100, 0, 1_000_000),
      recipientsPerSchedule: int(env, 'QUOTA_RECIPIENTS_PER_SCHEDULE', 50, 1, 50),
      manualRunsPerHour: int(env, 'QUOTA_MANUAL_RUNS_PER_HOUR', 60, 0, 1_000_000),
      concurrentExports: int(env, 'QUOTA_CONCURRENT_EXPORTS', 50, 1, 1_000_000),
      bytesStored: int(env, 'QUOTA_STORAGE_MB', 10_240, 1, 1_000_000_000) * 1024 * 1024,
    },
    s3: s3Config(env, mode),
    clickhouseLimits: {
      maxExecutionSeconds: int(env, 'CLICKHOUSE_MAX_EXECUTION_SECONDS', 300, 1, 86_400),
      tenantConcurrency: int(env, 'CLICKHOUSE_TENANT_CONCURRENCY', 4, 1, 1000),
    },
    queryCache: {
      ttlMs: int(env, 'QUERY_CACHE_TTL_MS', 5_000, 0, 3_600_000),
      maxEntries: int(env, 'QUERY_CACHE_MAX_ENTRIES', 5_000, 1, 10_000_000),
      maxBytes: int(env, 'QUERY_CACHE_MAX_MB', 64, 1, 100_000) * 1_000_000,
    },
    retention: {
      executionDays: int(env, 'EXECUTION_RETENTION_DAYS', 90, 1, 36_500),
      auditDays: int(env, 'AUDIT_RETENTION_DAYS', 365, 1, 36_500),
      exportRecordDays: int(env, 'EXPORT_RECORD_RETENTION_DAYS', 90, 1, 36_500),
    },
    audit: { reads: bool(env, 'AUDIT_READS', true) },
    webDist: resolve(REPO_ROOT, 'web', 'dist'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, mode === 'production' ? 'json' : 'pretty'),
  };
}

/**
 * What a serving process (`start`, `api`, `worker`) needs beyond loadConfig: in production every
 * link it writes (downloads, emails, unsubscribe) must name the public origin, and a request's
 * Host or X-Forwarded-Host header must never choose it. CLI commands build no links and skip this.
 */
export function requireServingConfig(config: Config): void {
  if (config.mode === 'production' && config.publicUrl === null) {
    throw new ConfigError('PUBLIC_URL', 'is required in production (NODE_ENV=production): the origin clients reach this server at, e.g. https://reports.example.com; download, email and unsubscribe links are built from it');
  }
  if (config.mode === 'production' && config.secretsKey === null) {
    throw new ConfigError('SECRETS_KEY', 'is required in production (NODE_ENV=production): 32+ random characters (`openssl rand -hex 32`), the key that seals file passwords; every API and worker process needs the same one, and changing it makes saved passwords unreadable');
  }
}

const TRUST_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: false (default), true, a hop count, or a comma-separated list of addresses, CIDRs and ranges. */
function trustProxy(env: Env, name: string): Config['trustProxy'] {
  const raw = str(env, name);
  if (raw === undefined || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^\d+$/.test(raw)) return int(env, name, 0, 0, 100);
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    if (TRUST_RANGES.includes(entry)) continue;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw new ConfigError(name, `"${entry}" is not an IP address, a CIDR (10.0.0.0/8) or one of ${TRUST_RANGES.join(', ')}`);
    }
  }
  return entries;
}

/** Values people paste from examples, or keep from a template: never a production secret. */
const PLACEHOLDER = /(change|replace)[-_ .]?(me|this|it)|placeholder|example|your[-_ .]?(jwt[-_ .]?|signing[-_ .]?|link[-_ .]?)?secret|^(secret|password|default|reportcast)/i;

/** Why a secret is unfit for production, or null. Weak means guessable, not merely short. */
export function weakSecretReason(value: string): string | null {
  if (PLACEHOLDER.test(value)) return 'looks like a placeholder or example value';
  if (new Set(value).size < 10) return 'has fewer than 10 distinct characters';
  if (/^(.{1,16}?)\1+$/.test(value)) return 'is a short sequence repeated';
  return null;
}

/**
 * A signing secret: 32+ characters. In production it is required, and refused when it is a known
 * placeholder or guessable (too little variety, a short sequence repeated).
 */
function secret(env: Env, name: string, mode: Mode): string | null {
  const value = str(env, name) ?? null;
  if (value === null) {
    if (mode === 'production') throw new ConfigError(name, 'is required in production (NODE_ENV=production): 32+ random characters, e.g. `openssl rand -hex 32`');
    return null;
  }
  if (value.length < 32) throw new ConfigError(name, 'must be at least 32 characters');
  const weak = mode === 'production' ? weakSecretReason(value) : null;
  if (weak) throw new ConfigError(name, `${weak}; generate one with \`openssl rand -hex 32\``);
  return value;
}

/** Like `secret`, but may be absent in every mode (its presence is checked where it is needed). */
function optionalSecret(env: Env, name: string, mode: Mode): string | null {
  return str(env, name) === undefined ? null : secret(env, name, mode);
}

function emailAddress(env: Env, name: string, fallback: string): string {
  const raw = str(env, name) ?? fallback;
  if (!/^[^\s@]+@[^\s@]+$/.test(raw)) throw new ConfigError(name, `is not an email address: "${raw}"`);
  return raw;
}

function pathOr(env: Env, name: string, baseDir: string, fallback: string): string {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  return isAbsolute(raw) ? raw : resolve(baseDir, raw);
}

/**
 * S3_SSE: AES256, aws:kms (with S3_SSE_KMS_KEY_ID: a key id, ARN or alias) or none. Exports hold
 * report data: in production an S3 store must say which, so that "encrypted at rest" is a setting
 * someone chose, never an accident of the bucket's defaults.
 */
function s3Sse(env: Env, mode: Mode): NonNullable<Config['s3']>['sse'] {
  const raw = str(env, 'S3_SSE');
  const kmsKeyId = str(env, 'S3_SSE_KMS_KEY_ID') ?? null;
  if (raw === undefined && mode === 'production') {
    throw new ConfigError('S3_SSE', 'is required in production with S3_BUCKET: AES256 (SSE-S3), aws:kms (SSE-KMS, with S3_SSE_KMS_KEY_ID), or none to store exports unencrypted by the server deliberately');
  }
  const algorithm = raw === undefined ? 'none' : oneOf(env, 'S3_SSE', ['AES256', 'aws:kms', 'none'] as const, 'none');
  if (algorithm === 'aws:kms' && !kmsKeyId) throw new ConfigError('S3_SSE_KMS_KEY_ID', 'is required with S3_SSE=aws:kms: the KMS key id, ARN or alias/… to encrypt exports with');
  if (algorithm !== 'aws:kms' && kmsKeyId) throw new ConfigError('S3_SSE_KMS_KEY_ID', 'is only used with S3_SSE=aws:kms');
  if (kmsKeyId && !/^[A-Za-z0-9:/_.-]{1,2048}$/.test(kmsKeyId)) throw new ConfigError('S3_SSE_KMS_KEY_ID', 'is not a KMS key id, ARN or alias');
  return algorithm === 'none' ? null : { algorithm, kmsKeyId };
}

function s3Config(env: Env, mode: Mode): Config['s3'] {
  const bucket = str(env, 'S3_BUCKET');
  if (!bucket) {
    if (str(env, 'S3_SSE') !== undefined || str(env, 'S3_SSE_KMS_KEY_ID') !== undefined) throw new ConfigError('S3_SSE', 'is only used with S3_BUCKET');
    return null;
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError('S3_BUCKET', 'is not a valid bucket name');
  const accessKeyId = str(env, 'S3_ACCESS_KEY_ID') ?? str(env, 'AWS_ACCESS_KEY_ID') ?? null;
  const secretAccessKey = str(env, 'S3_SECRET_ACCESS_KEY') ?? str(env, 'AWS_SECRET_ACCESS_KEY') ?? null;
  if ((accessKeyId === null) !== (secretAccessKey === null)) {
    throw new ConfigError('S3_SECRET_ACCESS_KEY', 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  }
  return {
    bucket,
    region: str(env, 'S3_REGION') ?? str(env, 'AWS_REGION') ?? 'us-east-1',
    endpoint: url(env, 'S3_ENDPOINT', ['http:', 'https:']),
    forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', false),
    accessKeyId,
    secretAccessKey,
    sse: s3Sse(env, mode),
  };
}

function oneOfIdentifier(env: Env, name: string, fallback: string): string {
  const raw = str(env, name) ?? fallback;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw)) throw new ConfigError(name, 'must be a plain identifier');
  return raw;
}
