/**
 * Assembles Reportcast from its configuration. Reads as a table of contents: the runtime (databases,
 * analytics store, ORM), then the HTTP app (health, GraphQL, the SPA).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { TokenUses } from './features/audit/token-uses.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config.js';
import { resolveJwtSecret } from './features/auth/jwt-secret.js';
import type { DefinitionLimits } from './features/reports/definition.js';
import { createGraphQLEndpoint, type GraphQLEndpoint } from './graphql/http.js';
import { TenantGate } from './graphql/tenant-gate.js';
import { createReadFlights } from './context.js';
import type { AnalyticsStore } from './platform/analytics-store.js';
import { ChdbStore } from './platform/chdb-store.js';
import { ClickHouseServerStore } from './platform/clickhouse-server-store.js';
import { TenantLimitedStore, type TenantSlotPool } from './platform/tenant-limited-store.js';
import { SharedQueryStore } from './platform/shared-query-store.js';
import { PgTenantSlots } from './platform/pg-tenant-slots.js';
import { openLimitsPool } from './platform/limits-pool.js';
import { AuditWriter } from './features/audit/audit-writer.js';
import { PgRateLimiter } from './graphql/shared-rate-limiter.js';
import type pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './platform/embedded-postgres.js';
import { errorFields, registerSecret, type Logger } from './platform/logger.js';
import { applyMigrations, migrationsCurrent } from './platform/migrations.js';
import { openOrm } from './platform/orm.js';
import { ENTITIES } from './entities.js';
import { getSchema } from './schema.js';
import { runMigrations as runWorkerMigrations } from 'graphile-worker';
import { createHash } from 'node:crypto';
import { PgEventBus } from './platform/events.js';
import { eventRouter, subscriberCount } from './graphql/pubsub.js';
import type { ExportStorage } from './platform/storage/export-storage.js';
import { FsExportStorage } from './platform/storage/fs-storage.js';
import { S3ExportStorage } from './platform/storage/s3-storage.js';
import { downloadHandler } from './features/exports/download.route.js';
import { chartImageHandler } from './features/exports/chart-image.route.js';
import { startWorker, type WorkerHandle } from './jobs/worker.js';
import { DeliveryService, type DeliveryDeps } from './features/delivery/delivery.service.js';
import { ChartImageService } from './features/charts/chart-image.service.js';
import { openTransport } from './features/delivery/email/open-transport.js';
import { tick, type TickResult } from './features/schedules/tick.service.js';
import { unsubscribeHandler } from './features/delivery/unsubscribe.js';
import { sendgridWebhookHandler } from './features/delivery/sendgrid-events/sendgrid-webhook.route.js';
import { devTokenHandler } from './features/auth/dev-token.route.js';
import { Metrics } from './platform/metrics.js';
import type { RetentionPolicy } from './features/retention/retention.service.js';
import { mountOpsRoutes } from './platform/ops-routes.js';
import { observabilityPlugin, requestIdAndLog } from './graphql/observability.js';
import { compileTrust, linkOrigin as linkOriginOf, listeningOrigin } from './platform/proxy-trust.js';
import { securityHeaders } from './platform/security-headers.js';
import { SecretBox } from './platform/secret-box.js';

export interface Runtime {
  config: Config;
  log: Logger;
  databaseUrl: string;
  orm: MikroORM;
  analytics: AnalyticsStore;
  jwtSecret: string;
  /** HMAC key of download and unsubscribe links: DOWNLOAD_LINK_SECRET, or (outside production) derived from the JWT secret. */
  downloadSecret: string;
  /** Seals file passwords: SECRETS_KEY, or (outside production) a key derived from the JWT secret. */
  secrets: SecretBox;
  /** Root of the tenants' masking keys (catalog/masking.ts): SECRETS_KEY, or its development stand-in. */
  maskingSecret: string;
  limits: DefinitionLimits;
  storage: ExportStorage;
  events: PgEventBus;
  metrics: Metrics;
  /** Shares the rate limit and the analytics slots with the other processes (limits-pool.ts). */
  limitsPool: pg.Pool;
  /** Set on SIGTERM: /readyz answers 503 so load balancers stop sending work. */
  draining: boolean;
  close(): Promise<void>;
}

/** What this process runs: `start` (everything), `api` (HTTP + WebSocket), `worker` (jobs + scheduler). */
export type ProcessRole = 'start' | 'api' | 'worker' | 'cli';

/** Postgres only (embedded or configured), migrated: enough for CLI commands that need no ClickHouse. */
export async function openDatabase(config: Config, log: Logger): Promise<{ url: string; embedded: EmbeddedPostgresHandle | null }> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, log);
  const url = config.databaseUrl ?? embedded!.url;
  const applied = await applyMigrations(url);
  if (applied.length) log.info(`applied migrations: ${applied.join(', ')}`);
  // graphile-worker's own schema (graphile_worker.*), migrated by its own tool.
  await runWorkerMigrations({ connectionString: url, logger: undefined });
  return { url, embedded };
}

/** `slots`: shared by all processes (the runtime's); without them, per process (one-shot CLI commands). */
export function openAnalytics(config: Config, slots?: TenantSlotPool): AnalyticsStore {
  const { url, username, password, database } = config.clickhouse;
  // max_result_rows: the largest report plus the one row that tells a truncated result.
  const limits = { maxExecutionSeconds: config.clickhouseLimits.maxExecutionSeconds, maxResultRows: config.reports.maxRowLimit + 1 };
  const store = url
    ? new ClickHouseServerStore({ url, username, password, database, limits })
    : new ChdbStore(join(config.dataDir, 'clickhouse'), database, { maxExecutionSeconds: limits.maxExecutionSeconds });
  const limited = new TenantLimitedStore(store, slots ?? config.clickhouseLimits.tenantConcurrency);
  // The engine's queue weighs each tenant's queries waiting for its slots too (chdb-store.ts).
  if (store instanceof ChdbStore) store.backlog = (tenant) => limited.queued(tenant);
  // Shared reads outside the slots: identical previews wait for one query, not for 200 slots.
  return new SharedQueryStore(limited, config.queryCache);
}

export function openStorage(config: Config): ExportStorage {
  const s3 = config.s3;
  if (!s3) return new FsExportStorage(config.exports.dir);
  return new S3ExportStorage({
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint ?? undefined,
    forcePathStyle: s3.forcePathStyle,
    credentials: s3.accessKeyId && s3.secretAccessKey ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } : undefined,
    sse: s3.sse,
  });
}

export async function openRuntime(config: Config, log: Logger, role: ProcessRole = 'start'): Promise<Runtime> {
  const db = await openDatabase(config, log);
  const orm = await openOrm(db.url, ENTITIES);
  const metrics = new Metrics(role);
  metrics.watchQueue((sql) => orm.em.getConnection().execute(sql));
  const limitsPool = openLimitsPool(db.url, log);
  const slots = new PgTenantSlots({
    databaseUrl: db.url, pool: limitsPool, perTenant: config.clickhouseLimits.tenantConcurrency, log,
    onFallback: () => metrics.limitFallbacks.inc({ limit: 'analytics_slots' }),
  });
  await slots.start();
  const analytics = openAnalytics(config, slots);
  if (analytics instanceof SharedQueryStore) metrics.watchQueryCache(() => analytics.stats());
  const events = new PgEventBus(db.url, log);
  const jwtSecret = resolveJwtSecret(config);
  const downloadSecret = config.downloadLinkSecret ?? createHash('sha256').update(`reportcast-download:${jwtSecret}`).digest('hex');
  const secretsKey = config.secretsKey ?? createHash('sha256').update(`reportcast-secrets:${jwtSecret}`).digest('hex');
  // The SMTP password is redacted from logs both inside its URL and alone (nodemailer errors may quote it).
  const smtpPassword = config.mail.smtpUrl ? decodeURIComponent(new URL(config.mail.smtpUrl).password) : null;
  for (const secret of [jwtSecret, downloadSecret, secretsKey, config.mail.sendgridApiKey, config.mail.smtpUrl, smtpPassword, config.s3?.secretAccessKey, config.clickhouse.password]) registerSecret(secret);
  return {
    config,
    log,
    databaseUrl: db.url,
    orm,
    analytics,
    jwtSecret,
    downloadSecret,
    secrets: new SecretBox(secretsKey),
    maskingSecret: secretsKey,
    limits: config.reports,
    storage: openStorage(config),
    events,
    metrics,
    limitsPool,
    draining: false,
    close: async () => {
      await events.close();
      log.debug('event bus closed');
      await orm.close(true);
      log.debug('orm closed');
      await analytics.close();
      await slots.close();
      await limitsPool.end();
      log.debug('analytics closed');
      await db.embedded?.stop();
      log.debug('postgres stopped');
    },
  };
}

export interface HttpApp {
  server: Server;
  graphql: GraphQLEndpoint;
  /** The per-tenant admission of GraphQL operations (API_TENANT_CONCURRENCY, API_TENANT_QUEUE). */
  admission: TenantGate;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * An idle keep-alive connection should be closed by the client first: Node's 5 s default is barely
 * past undici's 4 s, so a request sent on a connection the server was closing (or a loop stalled by
 * load past the difference) came back ECONNRESET. 65 s outlasts the usual clients and proxies
 * (undici's 4 s, load balancers' 60 s idle), which then do not reuse a connection being closed.
 */
function keepIdleConnections(server: Server): Server {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

export async function createHttpApp(runtime: Runtime): Promise<HttpApp> {
  const { config, orm, analytics, log } = runtime;
  const app = express();
  app.disable('x-powered-by');
  // Forwarded headers are believed only from the proxies TRUST_PROXY names (proxy-trust.ts).
  const trust = compileTrust(config.trustProxy);
  app.set('trust proxy', trust);
  // Plain JSON POSTs to /graphql skip Express once the endpoint is up (graphql/lean-post.ts).
  let lean: ((req: IncomingMessage, res: ServerResponse) => boolean) | null = null;
  const server = keepIdleConnections(createServer((req, res) => {
    if (!lean?.(req, res)) app(req, res);
  }));
  // The listening address is read once it is known (getsockname on every request showed in the
  // profile of a burst of previews), and again after the server closes and listens anew.
  let ownOrigin: string | undefined;
  server.on('close', () => { ownOrigin = undefined; });
  const origin = () => ownOrigin ?? (server.listening ? (ownOrigin = listeningOrigin(server, config.port)) : listeningOrigin(server, config.port));
  const linkOrigin = linkOriginOf({ publicUrl: config.publicUrl, trust, ownOrigin: origin });
  // First, so every answer carries them: the page, the API, downloads, probes and error answers.
  const headers = securityHeaders({ linkOrigin, hstsMaxAgeSeconds: config.hstsMaxAgeSeconds, https: config.publicUrl?.startsWith('https:') ?? false });
  app.use(headers);

  app.use(requestIdAndLog(log));
  mountOpsRoutes(app, opsDeps(runtime));

  // LISTEN/NOTIFY → in-process subscribers.
  const unsubscribe = runtime.events.subscribe((event) => eventRouter.publish(event));
  await runtime.events.ready();

  const devSignIn = config.mode === 'development' && config.jwtSecret === null;
  // What the sign-in page may offer; always 200 so the SPA's probe is not a failed request.
  app.get('/auth/options', (_req, res) => { res.json({ devSignIn }); });
  app.post('/auth/dev-token', express.json({ limit: '4kb' }), devTokenHandler({
    enabled: devSignIn,
    secret: runtime.jwtSecret,
    ttlSeconds: config.tokenTtlSeconds,
  }));
  // GET shows the page and changes nothing; POST is RFC 8058's one-click (and the page's buttons).
  const unsubscribePage = unsubscribeHandler({ em: orm.em, secret: runtime.downloadSecret });
  app.get('/unsubscribe', unsubscribePage);
  app.post('/unsubscribe', unsubscribePage);
  // SendGrid's signed Event Webhook: the raw body is what the signature covers.
  app.post('/webhooks/sendgrid', express.raw({ type: () => true, limit: '5mb' }),
    sendgridWebhookHandler({ em: orm.em, publicKey: config.mail.sendgridWebhookPublicKey, log }));
  app.get('/exports/:id/download', downloadHandler({ em: orm.em, storage: runtime.storage, downloadSecret: runtime.downloadSecret, log }));
  // The run's chart image a Teams card shows (exports/chart-file.ts).
  app.get('/exports/:id/chart.png', chartImageHandler({ em: orm.em, storage: runtime.storage, downloadSecret: runtime.downloadSecret, log }));

  const rateLimit = new PgRateLimiter(runtime.limitsPool, config.rateLimit.requestsPerMinute, {
    log, onFallback: () => runtime.metrics.limitFallbacks.inc({ limit: 'rate' }),
  });
  // Audit entries of reads, written in batches; each request still waits for its own (audit-writer.ts).
  const auditWriter = new AuditWriter((query, params) => orm.em.getConnection().execute(query, params));
  // One tenant's burst waits in its own queue instead of sharing the process with everyone's work.
  const admission = new TenantGate({ perTenant: config.admission.tenantConcurrency, maxQueued: config.admission.tenantQueue });
  runtime.metrics.watchAdmission(() => admission.stats());
  const graphql = await createGraphQLEndpoint({
    schema: await getSchema(),
    httpServer: server,
    deps: {
      em: orm.em,
      analytics,
      limits: runtime.limits,
      exports: {
        maxAttempts: config.worker.maxAttempts,
        storage: runtime.storage,
        downloadSecret: runtime.downloadSecret,
        secrets: runtime.secrets,
        linkTtlSeconds: config.exports.linkTtlSeconds,
        maxActivePerTenant: config.exports.maxActivePerTenant,
      },
      maskingSecret: runtime.maskingSecret,
      quotas: config.quotas,
      auditReads: config.audit.reads,
      auditWriter,
      tokenUses: new TokenUses(orm.em),
      readFlights: createReadFlights(),
      destinations: { slackApiUrl: config.destinations.slackApiUrl, allowPrivateWebhooks: config.destinations.allowPrivateWebhooks },
    },
    jwtSecret: runtime.jwtSecret,
    introspection: config.graphql.introspection,
    fieldSuggestions: config.graphql.fieldSuggestions,
    exposeInternals: config.mode === 'development',
    limits: { maxDepth: config.graphql.maxDepth, maxCost: config.graphql.maxCost, maxAliases: config.graphql.maxAliases },
    requestsPerMinute: config.rateLimit.requestsPerMinute,
    rateLimit,
    linkOrigin,
    trust,
    edge: config.edge,
    log,
    admission,
    plugins: [observabilityPlugin(log, runtime.metrics)],
  });
  app.use('/graphql', graphql.middleware);
  lean = graphql.lean((req, res, next) => headers(req as express.Request, res as express.Response, next));
  runtime.metrics.watchLive(() => ({ connections: graphql.webSocketCount(), subscriptions: subscriberCount() }));

  if (existsSync(join(config.webDist, 'index.html'))) {
    app.use(express.static(config.webDist, { index: 'index.html', maxAge: '1h' }));
    // The SPA routes on the client: unknown GETs get its shell.
    app.get(/^\/(?!graphql|healthz|readyz|unsubscribe|webhooks\/|auth\/|exports\/).*/, (_req, res) => res.sendFile(join(config.webDist, 'index.html')));
  } else {
    app.get('/', (_req, res) => res.type('text/plain').send('Reportcast API. Build the web app with `pnpm --filter @reportcast/web build`.'));
  }

  // Last: whatever escaped a route (a malformed JSON body, a failed handler) gets a short answer,
  // never Express's default page with its stack trace.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : 500;
    if (status >= 500) log.error('request failed', errorFields(error));
    const client = status >= 400 && status < 500;
    res.status(client ? status : 500).json({
      errors: [{ message: client ? 'Malformed request' : 'Internal server error', extensions: { code: client ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR' } }],
    });
  });

  return {
    server,
    graphql,
    admission,
    listen: (port, host) => listenOn(server, port, host),
    close: async () => {
      unsubscribe();
      await graphql.stop();
      await auditWriter.close();
      await rateLimit.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Listens and resolves with the bound port (the real one when `port` is 0). */
function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

function opsDeps(runtime: Runtime) {
  const { orm, config } = runtime;
  const sql = (query: string) => orm.em.getConnection().execute(query);
  return {
    sql,
    analytics: runtime.analytics,
    storage: runtime.storage,
    exportsDir: config.s3 ? null : config.exports.dir,
    migrationsCurrent: () => migrationsCurrent((q) => sql(q) as Promise<{ name: string }[]>),
    metrics: runtime.metrics,
    draining: () => runtime.draining,
  };
}

/** A worker process's only HTTP surface: /healthz, /readyz and /metrics, for probes and Prometheus. */
export function createOpsApp(runtime: Runtime): Pick<HttpApp, 'server' | 'listen' | 'close'> {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestIdAndLog(runtime.log));
  mountOpsRoutes(app, opsDeps(runtime));
  const server = keepIdleConnections(createServer(app));
  return {
    server,
    listen: (port, host) => listenOn(server, port, host),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Uploads to a schedule's bucket with the configured S3 endpoint and credentials. */
function s3Uploader(config: Config): DeliveryDeps['s3Upload'] {
  const s3 = config.s3;
  if (!s3) return null;
  return async (bucket, key, body, contentType) => {
    const storage = new S3ExportStorage({
      bucket, region: s3.region, endpoint: s3.endpoint ?? undefined, forcePathStyle: s3.forcePathStyle,
      credentials: s3.accessKeyId && s3.secretAccessKey ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } : undefined,
      // Delivered copies are encrypted at rest like the exports themselves.
      sse: s3.sse,
    });
    await storage.put(key, body as import('node:stream').Readable, contentType);
  };
}

export function deliveryService(runtime: Runtime): DeliveryService {
  const { config } = runtime;
  const charts = new ChartImageService({ em: runtime.orm.em, analytics: runtime.analytics, limits: runtime.limits, log: runtime.log, maskingSecret: runtime.maskingSecret });
  return new DeliveryService({
    em: runtime.orm.em,
    storage: runtime.storage,
    transport: openTransport(config),
    s3Upload: s3Uploader(config),
    from: config.mail.from,
    baseUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    secret: runtime.downloadSecret,
    attachmentLimitBytes: config.mail.attachmentLimitBytes,
    linkTtlSeconds: config.mail.linkTtlSeconds,
    retentionDays: config.exports.retentionDays,
    autoPauseAfter: config.schedules.autoPauseAfter,
    pdfRowCap: config.exports.pdfRowCap,
    // One maker per delivery service: a run's recipients share the image it made.
    chartImage: (record, inputs) => charts.forExport(record, inputs),
    destinations: { secrets: runtime.secrets, slackApiUrl: config.destinations.slackApiUrl, slackFileLimitBytes: config.destinations.slackFileLimitBytes, allowPrivateWebhooks: config.destinations.allowPrivateWebhooks },
    log: runtime.log,
  });
}

export function runTick(runtime: Runtime, at: Date): Promise<TickResult> {
  return tick(runtime.orm.em, at, { graceMs: runtime.config.schedules.graceMs, maxAttempts: runtime.config.worker.maxAttempts, log: runtime.log, quotas: runtime.config.quotas });
}

/** The job worker in this process, over the runtime's databases and storage. */
export function startRuntimeWorker(runtime: Runtime): Promise<WorkerHandle> {
  const { config } = runtime;
  return startWorker(
    {
      databaseUrl: runtime.databaseUrl,
      concurrency: config.worker.concurrency,
      pollIntervalMs: config.worker.pollIntervalMs,
      heartbeatSeconds: config.worker.heartbeatSeconds,
      retentionDays: config.exports.retentionDays,
      retention: retentionPolicy(config),
      shutdownGraceMs: config.worker.shutdownGraceMs,
    },
    {
      em: runtime.orm.em,
      analytics: runtime.analytics,
      storage: runtime.storage,
      limits: runtime.limits,
      pdfRowCap: config.exports.pdfRowCap,
      secrets: runtime.secrets,
      maskingSecret: runtime.maskingSecret,
      log: runtime.log,
      metrics: runtime.metrics,
    },
    { tick: (at) => runTick(runtime, at), delivery: deliveryService(runtime) },
    runtime.log,
  );
}

export function retentionPolicy(config: Config): RetentionPolicy {
  return {
    exportFileDays: config.exports.retentionDays,
    exportRecordDays: config.retention.exportRecordDays,
    executionDays: config.retention.executionDays,
    auditDays: config.retention.auditDays,
  };
}
