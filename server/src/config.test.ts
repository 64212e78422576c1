import { describe, it, expect } from 'vitest';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { ConfigError, ENV_VARS, REPO_ROOT, loadConfig, requireServingConfig, type Config } from './config.js';

/** This file lives in server/src, like config.ts: the repository root is two levels up. */
const EXPECTED_REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SECRET = '8f3b1c9e2a7d4f60b5e1c8a93d2f7e4b';
const LINK_SECRET = 'c4e9a1f7b3d2086e5a9c1b7f3e2d4a68';
const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: SECRET, DOWNLOAD_LINK_SECRET: LINK_SECRET };
const SEALING_KEY = '5e1f0c9a7d2b4e8f6a3c1d0b9e7f5a2c';

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected loadConfig(${JSON.stringify(env)}) to throw`);
}

function expectRejected(env: Record<string, string | undefined>, variable: string): void {
  const error = configError(env);
  expect(error.variable).toBe(variable);
  expect(error.message).toContain(variable);
  expect(error.name).toBe('ConfigError');
}

describe('loadConfig defaults (empty environment)', () => {
  const config = loadConfig({});

  it('runs in development mode', () => {
    expect(config.mode).toBe('development');
  });

  it('listens on port 4000 on all interfaces', () => {
    expect(config.port).toBe(4000);
    expect(config.host).toBe('0.0.0.0');
  });

  it('keeps data under <repo>/.data', () => {
    expect(REPO_ROOT).toBe(EXPECTED_REPO_ROOT);
    expect(config.dataDir).toBe(resolve(EXPECTED_REPO_ROOT, '.data'));
  });

  it('uses embedded Postgres (databaseUrl null)', () => {
    expect(config.databaseUrl).toBeNull();
  });

  it('uses embedded ClickHouse with the reportcast database', () => {
    expect(config.clickhouse).toEqual({ url: null, username: 'default', password: '', database: 'reportcast' });
  });

  it('has no JWT secret (one is generated in dev)', () => {
    expect(config.jwtSecret).toBeNull();
  });

  it('limits reports to 1,000,000 rows and 366 days', () => {
    expect(config.reports).toEqual({ maxRowLimit: 1_000_000, maxRangeDays: 366 });
  });

  it('enables introspection', () => {
    expect(config.graphql.introspection).toBe(true);
  });

  it('seeds 1,000,000 demo rows', () => {
    expect(config.demo.seedRows).toBe(1_000_000);
  });

  it('has the documented query limits, rate limit, token ttl and log level', () => {
    expect(config.graphql.maxDepth).toBe(12);
    expect(config.graphql.maxCost).toBe(20_000);
    expect(config.rateLimit.requestsPerMinute).toBe(600);
    expect(config.tokenTtlSeconds).toBe(12 * 3600);
    expect(config.logLevel).toBe('info');
  });

  it('serves the SPA from <repo>/web/dist', () => {
    expect(config.webDist).toBe(resolve(EXPECTED_REPO_ROOT, 'web', 'dist'));
  });

  it('has the documented shutdown grace, retention and ClickHouse limits', () => {
    expect(config.worker.shutdownGraceMs).toBe(25_000);
    expect(config.retention).toEqual({ executionDays: 90, auditDays: 365, exportRecordDays: 90 });
    expect(config.clickhouseLimits).toEqual({ maxExecutionSeconds: 300, tenantConcurrency: 4 });
    expect(config.downloadLinkSecret).toBeNull();
    expect(config.logFormat).toBe('pretty');
  });

  it('treats blank values as unset', () => {
    const blank = loadConfig({ PORT: '  ', DATABASE_URL: '', LOG_LEVEL: ' ', JWT_SECRET: '' });
    expect(blank.port).toBe(4000);
    expect(blank.databaseUrl).toBeNull();
    expect(blank.logLevel).toBe('info');
    expect(blank.jwtSecret).toBeNull();
  });
});

describe('loadConfig in production', () => {
  const config = loadConfig(PRODUCTION);

  it('runs in production mode with the given secret', () => {
    expect(config.mode).toBe('production');
    expect(config.jwtSecret).toBe(SECRET);
  });

  it('disables introspection by default', () => {
    expect(config.graphql.introspection).toBe(false);
  });

  it('seeds no demo rows by default', () => {
    expect(config.demo.seedRows).toBe(0);
  });

  it('requires JWT_SECRET', () => {
    expectRejected({ NODE_ENV: 'production' }, 'JWT_SECRET');
    expectRejected({ NODE_ENV: 'production', DOWNLOAD_LINK_SECRET: LINK_SECRET }, 'JWT_SECRET');
  });

  it('requires DOWNLOAD_LINK_SECRET, different from JWT_SECRET', () => {
    expect(config.downloadLinkSecret).toBe(LINK_SECRET);
    expectRejected({ NODE_ENV: 'production', JWT_SECRET: SECRET }, 'DOWNLOAD_LINK_SECRET');
    expectRejected({ ...PRODUCTION, DOWNLOAD_LINK_SECRET: SECRET }, 'DOWNLOAD_LINK_SECRET');
  });

  it.each([
    ['JWT_SECRET', 'change-me-change-me-change-me-change-me'],
    ['JWT_SECRET', 'please-replace-me-with-a-real-secret-0123'],
    ['JWT_SECRET', 's'.repeat(32)],
    ['JWT_SECRET', 'abababababababababababababababab'],
    ['DOWNLOAD_LINK_SECRET', 'example-download-secret-1234567890abcdef'],
    ['DOWNLOAD_LINK_SECRET', 'secretsecretsecretsecretsecretsecret'],
  ])('refuses a default or weak %s (%s)', (variable, value) => {
    const error = configError({ ...PRODUCTION, [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(/placeholder|fewer than 10 distinct|repeated/);
  });

  it('accepts weak secrets outside production (tests and development)', () => {
    expect(loadConfig({ JWT_SECRET: 's'.repeat(32) }).jwtSecret).toBe('s'.repeat(32));
  });

  it('logs JSON lines by default', () => {
    expect(config.logFormat).toBe('json');
    expect(loadConfig({ ...PRODUCTION, LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
  });

  it('honours GRAPHQL_INTROSPECTION=true', () => {
    expect(loadConfig({ ...PRODUCTION, GRAPHQL_INTROSPECTION: 'true' }).graphql.introspection).toBe(true);
  });

  it('honours an explicit DEMO_SEED_ROWS', () => {
    expect(loadConfig({ ...PRODUCTION, DEMO_SEED_ROWS: '500' }).demo.seedRows).toBe(500);
  });
});

describe('loadConfig in test mode', () => {
  it('keeps introspection and demo rows on', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.mode).toBe('test');
    expect(config.graphql.introspection).toBe(true);
    expect(config.demo.seedRows).toBe(1_000_000);
  });
});

describe('loadConfig overrides', () => {
  it('resolves a relative DATA_DIR against INIT_CWD', () => {
    const config = loadConfig({ DATA_DIR: 'var/data', INIT_CWD: '/srv/reportcast' });
    expect(config.dataDir).toBe('/srv/reportcast/var/data');
  });

  it('resolves a relative DATA_DIR against the working directory when INIT_CWD is unset', () => {
    expect(loadConfig({ DATA_DIR: 'some-data' }).dataDir).toBe(resolve(process.cwd(), 'some-data'));
  });

  it('keeps an absolute DATA_DIR as is', () => {
    expect(loadConfig({ DATA_DIR: '/var/lib/reportcast', INIT_CWD: '/srv' }).dataDir).toBe('/var/lib/reportcast');
  });

  it('reads PORT', () => {
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
  });

  it.each(['postgres://u:p@db:5432/rc', 'postgresql://db/rc'])('accepts DATABASE_URL %s', (value) => {
    expect(loadConfig({ DATABASE_URL: value }).databaseUrl).toBe(value);
  });

  it.each(['http://ch:8123', 'https://ch.example.com'])('accepts CLICKHOUSE_URL %s', (value) => {
    expect(loadConfig({ CLICKHOUSE_URL: value }).clickhouse.url).toBe(value);
  });

  it('reads the ClickHouse credentials and database', () => {
    const { clickhouse } = loadConfig({
      CLICKHOUSE_USER: 'rc', CLICKHOUSE_PASSWORD: 'pw', CLICKHOUSE_DATABASE: 'analytics_2',
    });
    expect(clickhouse).toMatchObject({ username: 'rc', password: 'pw', database: 'analytics_2' });
  });

  it('accepts a JWT_SECRET of exactly 32 characters', () => {
    expect(loadConfig({ JWT_SECRET: SECRET }).jwtSecret).toBe(SECRET);
  });

  it('reads GRAPHQL_INTROSPECTION=false in development', () => {
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'false' }).graphql.introspection).toBe(false);
  });

  it('reads the report limits', () => {
    expect(loadConfig({ MAX_ROW_LIMIT: '5000', MAX_RANGE_DAYS: '31' }).reports).toEqual({ maxRowLimit: 5000, maxRangeDays: 31 });
  });

  it('reads LOG_LEVEL', () => {
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });
});

describe('loadConfig rejects invalid values, naming the variable', () => {
  it.each<[string, Record<string, string>]>([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '80.5' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['CLICKHOUSE_URL', { CLICKHOUSE_URL: 'ftp://x' }],
    ['CLICKHOUSE_URL', { CLICKHOUSE_URL: 'nope' }],
    ['CLICKHOUSE_DATABASE', { CLICKHOUSE_DATABASE: 'a;b' }],
    ['CLICKHOUSE_DATABASE', { CLICKHOUSE_DATABASE: '1db' }],
    ['JWT_SECRET', { JWT_SECRET: 's'.repeat(31) }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['GRAPHQL_INTROSPECTION', { GRAPHQL_INTROSPECTION: 'maybe' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['MAX_ROW_LIMIT', { MAX_ROW_LIMIT: '0' }],
    ['MAX_RANGE_DAYS', { MAX_RANGE_DAYS: '5000' }],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: 'lots' }],
    ['TOKEN_TTL_SECONDS', { TOKEN_TTL_SECONDS: '1' }],
    ['DOWNLOAD_LINK_SECRET', { DOWNLOAD_LINK_SECRET: 'short' }],
    ['SHUTDOWN_GRACE_SECONDS', { SHUTDOWN_GRACE_SECONDS: '-5' }],
    ['EXECUTION_RETENTION_DAYS', { EXECUTION_RETENTION_DAYS: '0' }],
    ['AUDIT_RETENTION_DAYS', { AUDIT_RETENTION_DAYS: 'forever' }],
    ['EXPORT_RECORD_RETENTION_DAYS', { EXPORT_RECORD_RETENTION_DAYS: '1.5' }],
    ['CLICKHOUSE_MAX_EXECUTION_SECONDS', { CLICKHOUSE_MAX_EXECUTION_SECONDS: '0' }],
    ['CLICKHOUSE_TENANT_CONCURRENCY', { CLICKHOUSE_TENANT_CONCURRENCY: 'many' }],
    ['LOG_FORMAT', { LOG_FORMAT: 'xml' }],
    ['WORKER_CONCURRENCY', { WORKER_CONCURRENCY: '0' }],
    ['S3_BUCKET', { S3_BUCKET: 'Bad_Bucket' }],
    ['S3_SECRET_ACCESS_KEY', { S3_BUCKET: 'exports', S3_ACCESS_KEY_ID: 'AKIA' }],
    ['S3_ENDPOINT', { S3_BUCKET: 'exports', S3_ENDPOINT: 'minio:9000' }],
    ['MAIL_FROM', { MAIL_FROM: 'not an address' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'reports.example.com' }],
  ])('%s (%j)', (variable, env) => {
    expectRejected(env, variable);
  });

  it.each([
    ['a placeholder', 'change-me-change-me-change-me-change-me'],
    ['an example value', 'your-jwt-secret-goes-here-0123456789abcdef'],
    ['a repeated character', 'a'.repeat(48)],
    ['a short repeated sequence', 'abc123'.repeat(8)],
    ['too few distinct characters', '0101010101010101010101012222222233'],
  ])('refuses %s as JWT_SECRET or DOWNLOAD_LINK_SECRET in production only', (_what, value) => {
    expectRejected({ NODE_ENV: 'production', JWT_SECRET: value }, 'JWT_SECRET');
    expectRejected({ ...PRODUCTION, DOWNLOAD_LINK_SECRET: value }, 'DOWNLOAD_LINK_SECRET');
    expect(loadConfig({ NODE_ENV: 'development', JWT_SECRET: value }).jwtSecret).toBe(value);
  });

  it('reads DOWNLOAD_LINK_SECRET (32+ characters); outside production it may be unset', () => {
    expect(loadConfig({ NODE_ENV: 'development', JWT_SECRET: SECRET }).downloadLinkSecret).toBeNull();
    const link = 'f3a9c1d27be84e0a9d6c5b4a3f2e1d0c';
    expect(loadConfig({ ...PRODUCTION, DOWNLOAD_LINK_SECRET: link }).downloadLinkSecret).toBe(link);
    expectRejected({ ...PRODUCTION, DOWNLOAD_LINK_SECRET: 'short' }, 'DOWNLOAD_LINK_SECRET');
  });

  it('reads the issue-8 limits: aliases, field suggestions, active exports per tenant', () => {
    const dev = loadConfig({});
    expect(dev.graphql.maxAliases).toBe(50);
    expect(dev.graphql.fieldSuggestions).toBe(true);
    expect(dev.exports.maxActivePerTenant).toBe(10);
    expect(loadConfig(PRODUCTION).graphql.fieldSuggestions).toBe(false);
    expect(loadConfig({ ...PRODUCTION, GRAPHQL_INTROSPECTION: 'true' }).graphql.fieldSuggestions).toBe(true);
    expect(loadConfig({ GRAPHQL_FIELD_SUGGESTIONS: 'false', GRAPHQL_MAX_ALIASES: '5', EXPORT_MAX_ACTIVE_PER_TENANT: '3' })).toMatchObject({
      graphql: { fieldSuggestions: false, maxAliases: 5 }, exports: { maxActivePerTenant: 3 },
    });
    expectRejected({ EXPORT_MAX_ACTIVE_PER_TENANT: '0' }, 'EXPORT_MAX_ACTIVE_PER_TENANT');
  });

  it('rejects a short JWT_SECRET in production too', () => {
    expectRejected({ NODE_ENV: 'production', JWT_SECRET: 'short' }, 'JWT_SECRET');
  });
});

describe('the list of environment variables', () => {
  /** Every name loadConfig reads, whatever the values lead it to read. */
  function namesRead(env: Record<string, string>): Set<string> {
    const read = new Set<string>();
    loadConfig(new Proxy(env, { get: (target, name) => { if (typeof name === 'string') read.add(name); return target[name as string]; } }));
    return read;
  }

  it('names every variable loadConfig reads', () => {
    const read = new Set([...namesRead({}), ...namesRead({ ...PRODUCTION, S3_BUCKET: 'exports', S3_SSE: 'aws:kms', S3_SSE_KMS_KEY_ID: 'alias/exports' })]);
    expect([...read].filter((name) => !(ENV_VARS as readonly string[]).includes(name))).toEqual([]);
    expect(ENV_VARS.filter((name) => !read.has(name))).toEqual([]);
  });

  it('is documented in the README configuration table', () => {
    const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
    const undocumented = ENV_VARS.filter((name) => name !== 'INIT_CWD' && !new RegExp(`^\\|[^|\\n]*\`${name}\``, 'm').test(readme));
    expect(undocumented).toEqual([]);
  });
});

describe('issue 15: limits before authentication, proxies, public URL, HSTS', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config.edge).toEqual({
      httpMaxBodyBytes: 1024 * 1024, wsMaxMessageBytes: 64 * 1024, maxDocumentBytes: 64 * 1024, maxTokens: 10_000,
      wsAuthTimeoutMs: 3000, failedRequestsPerMinute: 60,
    });
    expect(config.trustProxy).toBe(false);
    expect(config.hstsMaxAgeSeconds).toBe(0);
    expect(loadConfig(PRODUCTION).hstsMaxAgeSeconds).toBe(0);
    expect(loadConfig({ ...PRODUCTION, PUBLIC_URL: 'https://reports.example.com' }).hstsMaxAgeSeconds).toBe(31_536_000);
    expect(loadConfig({ ...PRODUCTION, PUBLIC_URL: 'https://reports.example.com', HSTS_MAX_AGE_SECONDS: '0' }).hstsMaxAgeSeconds).toBe(0);
  });

  it('reads the limits in their units', () => {
    expect(loadConfig({
      HTTP_MAX_BODY_KB: '256', WS_MAX_MESSAGE_KB: '16', GRAPHQL_MAX_DOCUMENT_KB: '8', GRAPHQL_MAX_TOKENS: '2000', WS_AUTH_TIMEOUT_MS: '500', FAILED_REQUESTS_PER_MINUTE: '10',
    }).edge).toEqual({ httpMaxBodyBytes: 256 * 1024, wsMaxMessageBytes: 16 * 1024, maxDocumentBytes: 8 * 1024, maxTokens: 2000, wsAuthTimeoutMs: 500, failedRequestsPerMinute: 10 });
  });

  it.each<[string, Config['trustProxy']]>([
    ['false', false], ['0', false], ['true', true], ['2', 2], ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8 ,2001:db8::1, fd00::/8', ['loopback', '10.0.0.0/8', '2001:db8::1', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each<[string, Record<string, string>]>([
    ['TRUST_PROXY', { TRUST_PROXY: 'proxy.internal' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'loopback,*' }],
    ['HTTP_MAX_BODY_KB', { HTTP_MAX_BODY_KB: '0' }],
    ['WS_MAX_MESSAGE_KB', { WS_MAX_MESSAGE_KB: '1MB' }],
    ['GRAPHQL_MAX_TOKENS', { GRAPHQL_MAX_TOKENS: '10' }],
    ['WS_AUTH_TIMEOUT_MS', { WS_AUTH_TIMEOUT_MS: '0' }],
    ['FAILED_REQUESTS_PER_MINUTE', { FAILED_REQUESTS_PER_MINUTE: 'none' }],
    ['HSTS_MAX_AGE_SECONDS', { HSTS_MAX_AGE_SECONDS: '-1' }],
  ])('rejects %s (%j)', (variable, env) => {
    expectRejected(env, variable);
  });

  it('serving in production needs PUBLIC_URL; loading the configuration (CLI commands) does not', () => {
    expect(() => requireServingConfig(loadConfig(PRODUCTION))).toThrow(/^PUBLIC_URL: is required in production/);
    expect(() => requireServingConfig(loadConfig({ ...PRODUCTION, PUBLIC_URL: 'https://reports.example.com', SECRETS_KEY: SEALING_KEY }))).not.toThrow();
    expect(() => requireServingConfig(loadConfig({}))).not.toThrow();
  });

  it('serving in production needs SECRETS_KEY (it seals file passwords), a real one, not another secret', () => {
    const serving = { ...PRODUCTION, PUBLIC_URL: 'https://reports.example.com' };
    expect(() => requireServingConfig(loadConfig(serving))).toThrow(/^SECRETS_KEY: is required in production .*seals file passwords/);
    expect(loadConfig({ ...serving, SECRETS_KEY: SEALING_KEY }).secretsKey).toBe(SEALING_KEY);
    expect(loadConfig(serving).secretsKey).toBeNull(); // CLI commands load without it
    expect(loadConfig({}).secretsKey).toBeNull(); // development: derived from the JWT secret
    expect(configError({ ...serving, SECRETS_KEY: 'too-short' }).message).toMatch(/^SECRETS_KEY: must be at least 32 characters/);
    expect(configError({ ...serving, SECRETS_KEY: 'abababababababababababababababab' }).variable).toBe('SECRETS_KEY');
    expect(configError({ ...serving, SECRETS_KEY: SECRET }).message).toMatch(/^SECRETS_KEY: must differ from JWT_SECRET and DOWNLOAD_LINK_SECRET/);
    expect(configError({ ...serving, SECRETS_KEY: LINK_SECRET }).variable).toBe('SECRETS_KEY');
  });
});

describe('mail transport configuration', () => {
  it('SMTP_URL: smtp(s) with host, optional user and password; nothing else', () => {
    expect(loadConfig({}).mail.smtpUrl).toBeNull();
    expect(loadConfig({ SMTP_URL: 'smtp://mailer:s%40cret@mail.example.com:587' }).mail.smtpUrl).toBe('smtp://mailer:s%40cret@mail.example.com:587');
    expect(loadConfig({ SMTP_URL: 'smtps://relay.example.com' }).mail.smtpUrl).toBe('smtps://relay.example.com');
    expectRejected({ SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL');
    expectRejected({ SMTP_URL: 'smtp://mail.example.com/path' }, 'SMTP_URL');
    expectRejected({ SMTP_URL: 'smtp://user@mail.example.com' }, 'SMTP_URL');
    expectRejected({ SMTP_URL: 'not a url' }, 'SMTP_URL');
  });
});

describe('SendGrid Event Webhook key', () => {
  it('SENDGRID_WEBHOOK_PUBLIC_KEY: an ECDSA public key as base64 DER (or PEM), nothing else', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(loadConfig({}).mail.sendgridWebhookPublicKey).toBeNull();
    expect(loadConfig({ SENDGRID_WEBHOOK_PUBLIC_KEY: der }).mail.sendgridWebhookPublicKey).toBe(der);
    expect(loadConfig({ SENDGRID_WEBHOOK_PUBLIC_KEY: pem }).mail.sendgridWebhookPublicKey).toBe(der);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expectRejected({ SENDGRID_WEBHOOK_PUBLIC_KEY: rsa }, 'SENDGRID_WEBHOOK_PUBLIC_KEY');
    expectRejected({ SENDGRID_WEBHOOK_PUBLIC_KEY: 'bm90IGEga2V5' }, 'SENDGRID_WEBHOOK_PUBLIC_KEY');
  });
});
