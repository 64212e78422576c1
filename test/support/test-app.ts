/**
 * A whole Reportcast API for one test file: its own Postgres database, its own chDB directory
 * seeded with a small deterministic demo data set, listening on a free port. Requests go over real
 * HTTP, as a client's would.
 */
import 'reflect-metadata';
import { loadConfig, type Config } from '../../server/src/config.js';
import { createHttpApp, openRuntime, startRuntimeWorker, type HttpApp, type Runtime } from '../../server/src/app.js';
import type { WorkerHandle } from '../../server/src/jobs/worker.js';
import { issueToken } from '../../server/src/features/auth/tokens.js';
import type { Role } from '../../server/src/features/auth/viewer.js';
import { DEMO_TENANTS, seedAnalytics } from '../../server/src/features/demo/analytics-seed.js';
import { seedDemoReports } from '../../server/src/features/demo/demo-reports.js';
import { seedDemoSchedules } from '../../server/src/features/demo/demo-schedules.js';
import { createLogger, type LogSink, type Logger } from '../../server/src/platform/logger.js';
import { createTempDir, createTestDatabase } from './databases.js';
import { randomBytes } from 'node:crypto';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestApp {
  url: string;
  /** The HTTP server (WebSocket upgrades arrive on it too). */
  server: HttpApp['server'];
  config: Config;
  runtime: Runtime;
  /** The instant the analytics data was generated up to. */
  seededAt: Date;
  token(tenant: string, role: Role, user?: string): Promise<string>;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  seedRows?: number;
  /** Fixed seeding instant, so another process can seed identical data. */
  seedNow?: Date;
  env?: Record<string, string>;
  /** Run the export worker in this process too (as `pnpm start` does). */
  worker?: boolean;
  /** A logger of the test's own (e.g. JSON into a buffer, to assert on log lines). */
  log?: Logger;
  /** Receives every log line the app writes (after redaction), instead of stdout/stderr. */
  logSink?: LogSink;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase({ migrated: true });
  const dir = createTempDir();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dir.path,
    DATABASE_URL: db.url,
    // Random per app: production mode refuses guessable secrets.
    JWT_SECRET: randomBytes(32).toString('hex'),
    DOWNLOAD_LINK_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    WORKER_POLL_INTERVAL_MS: '200',
    ...options.env,
  });
  const log = options.log ?? createLogger(config.logLevel, config.mode === 'production', options.logSink);
  const runtime = await openRuntime(config, log);
  const seededAt = options.seedNow ?? new Date();
  await seedAnalytics(runtime.analytics, { usageEvents: options.seedRows ?? 20_000, now: seededAt });
  await seedDemoReports(runtime.orm.em, DEMO_TENANTS, runtime.limits);
  await seedDemoSchedules(runtime.orm.em, DEMO_TENANTS);
  const worker: WorkerHandle | null = options.worker ? await startRuntimeWorker(runtime) : null;
  const app: HttpApp = await createHttpApp(runtime);
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    server: app.server,
    config,
    runtime,
    seededAt,
    token: (tenant, role, user) =>
      issueToken(runtime.jwtSecret, { tenantId: tenant, role, userId: user ?? `${role}@${tenant}`, ttlSeconds: 3600 }),
    async gql(query, variables, token) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GraphQLResponse<any>;
      return { ...body, status: res.status, headers: res.headers };
    },
    async close() {
      await app.close();
      await worker?.stop();
      await runtime.close();
      await db.drop();
      dir.remove();
    },
  };
}

/** The `extensions.code` of the first error, for terse assertions. */
export function errorCode(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}
