/**
 * The long-running and data commands (start/api/worker, seed), apart from main.ts so that light
 * commands (token, schema) start without loading the ORM, chDB or the GraphQL server.
 */
import { requireServingConfig, type Config } from './config.js';
import { errorFields, type Logger } from './platform/logger.js';
import { createHttpApp, createOpsApp, openRuntime, startRuntimeWorker, type ProcessRole, type Runtime } from './app.js';
import { DEMO_TENANTS, analyticsRowCount, seedAnalytics } from './features/demo/analytics-seed.js';
import { seedDemoReports } from './features/demo/demo-reports.js';
import { seedDemoSchedules } from './features/demo/demo-schedules.js';
import { takeBackSignals } from './platform/embedded-postgres.js';
import { claimDataDir, runningServer, updateServerUrl } from './platform/process-lock.js';
import { UsageError } from './usage-error.js';

export async function seedAll(runtime: Runtime, rows: number, log: Logger, now = new Date()): Promise<void> {
  await seedAnalytics(runtime.analytics, { usageEvents: rows, now, onProgress: (line) => log.info(line) });
  const created = await seedDemoReports(runtime.orm.em, DEMO_TENANTS, runtime.limits);
  if (created) log.info(`created ${created} default report(s)`);
  const schedules = await seedDemoSchedules(runtime.orm.em, DEMO_TENANTS);
  if (schedules) log.info(`created ${schedules} default schedule(s)`);
}

export function requireChdbFree(config: Config): void {
  if (config.clickhouse.url) return;
  const holder = runningServer(config.dataDir);
  if (holder) {
    throw new UsageError(`the running server (pid ${holder.pid}) owns the embedded ClickHouse in ${config.dataDir}; stop it first (Ctrl-C), then run this again`);
  }
}

/**
 * start: API + worker in one process; api: HTTP + WebSocket only (enqueues, runs no jobs); worker:
 * jobs + scheduler only, with a small ops server (/healthz, /readyz, /metrics) on PORT.
 *
 * SIGTERM/SIGINT shut down gracefully, in order: readiness fails (draining); the HTTP server stops
 * accepting, in-flight requests finish and WebSocket clients are closed with 1001 Going Away; the
 * worker takes no new jobs and running ones get SHUTDOWN_GRACE_SECONDS, after which unfinished
 * exports are released for another worker (attempt not counted); then the ORM, ClickHouse and
 * embedded PostgreSQL stop. Exit code 0. A second signal does not cut this short; only the
 * safety timer (grace + 20 s) exits with 1.
 */
export async function serve(config: Config, baseLog: Logger, command: Exclude<ProcessRole, 'cli'>): Promise<void> {
  requireServingConfig(config);
  const log = baseLog.child({ role: command });
  const release = config.clickhouse.url ? () => undefined : claimDataDir(config.dataDir, null);
  let runtime: Runtime | undefined;
  try {
    runtime = await openRuntime(config, log, command);
    takeBackSignals();
    if (command === 'start') {
      if ((await analyticsRowCount(runtime.analytics)) === 0 && config.demo.seedRows > 0) {
        log.info(`first start: seeding ${config.demo.seedRows.toLocaleString('en')} demo usage events…`);
        await seedAll(runtime, config.demo.seedRows, log);
      } else {
        await seedDemoReports(runtime.orm.em, DEMO_TENANTS, runtime.limits);
        await seedDemoSchedules(runtime.orm.em, DEMO_TENANTS);
      }
    }
    const worker = command === 'api' ? null : await startRuntimeWorker(runtime);
    const app = command === 'worker' ? null : await createHttpApp(runtime);
    const ops = command === 'worker' ? createOpsApp(runtime) : null;
    if (app) {
      const port = await app.listen(config.port, config.host);
      const url = `http://localhost:${port}`;
      if (!config.clickhouse.url) updateServerUrl(config.dataDir, url);
      // One write, so whoever waits for "is up" also has the token hint.
      log.info(`get a token:  pnpm cli token --tenant acme --role admin\nReportcast is up: ${url}  (GraphQL: ${url}/graphql)`, { port });
    } else {
      const port = await ops!.listen(config.port, config.host);
      log.info(`Reportcast worker is up (metrics: http://localhost:${port}/metrics)`, { port });
    }
    const rt = runtime;
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      rt.draining = true;
      rt.metrics.draining();
      log.info(`${signal}: shutting down${worker ? ` (running jobs get ${config.worker.shutdownGraceMs / 1000} s)` : ''}…`);
      const force = setTimeout(() => {
        log.error('shutdown took too long; exiting');
        process.exit(1);
      }, config.worker.shutdownGraceMs + 20_000);
      force.unref();
      let code = 0;
      try {
        await app?.close();
        log.debug('http server closed');
        await worker?.stop();
        log.debug('worker stopped');
        await ops?.close();
        await rt.close();
      } catch (error) {
        log.error('error while shutting down', errorFields(error));
        code = 1;
      } finally {
        release();
        log.info('stopped', { exitCode: code });
        process.exit(code);
      }
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  } catch (error) {
    await runtime?.close().catch(() => undefined);
    release();
    throw error;
  }
}

/** `now`: the instant the data ends at; a fixed one seeds identical data in several chDB directories. */
export async function seed(config: Config, log: Logger, rows: number, now?: Date): Promise<void> {
  requireChdbFree(config);
  const runtime = await openRuntime(config, log, 'cli');
  try {
    await seedAll(runtime, rows, log, now);
  } finally {
    await runtime.close();
  }
}
