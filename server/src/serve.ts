/**
 * The long-running and data commands (start/api/worker, seed), apart from main.ts so that light
 * commands (token, schema) start without loading the ORM, chDB or the GraphQL server.
 */
import type { Config } from './config.js';
import type { Logger } from './platform/logger.js';
import { createHttpApp, openRuntime, startRuntimeWorker, type Runtime } from './app.js';
import { DEMO_TENANTS, analyticsRowCount, seedAnalytics } from './features/demo/analytics-seed.js';
import { seedDemoReports } from './features/demo/demo-reports.js';
import { seedDemoSchedules } from './features/demo/demo-schedules.js';
import { takeBackSignals } from './platform/embedded-postgres.js';
import { claimDataDir, runningServer, updateServerUrl } from './platform/process-lock.js';
import { UsageError } from './usage-error.js';

export async function seedAll(runtime: Runtime, rows: number, log: Logger): Promise<void> {
  await seedAnalytics(runtime.analytics, { usageEvents: rows, now: new Date(), onProgress: (line) => log.info(line) });
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

export async function serve(config: Config, log: Logger, command: string): Promise<void> {
  const release = config.clickhouse.url ? () => undefined : claimDataDir(config.dataDir, null);
  let runtime: Runtime | undefined;
  try {
    runtime = await openRuntime(config, log);
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
    // start: API + worker in one process; api: HTTP only (enqueues); worker: jobs only (no HTTP).
    const worker = command === 'api' ? null : await startRuntimeWorker(runtime);
    const app = command === 'worker' ? null : await createHttpApp(runtime);
    if (app) {
      const port = await app.listen(config.port, config.host);
      const url = `http://localhost:${port}`;
      if (!config.clickhouse.url) updateServerUrl(config.dataDir, url);
      // One write, so whoever waits for "is up" also has the token hint.
      log.info(`get a token:  pnpm cli token --tenant acme --role admin\nReportcast is up: ${url}  (GraphQL: ${url}/graphql)`);
    } else {
      log.info('Reportcast worker is up');
    }
    const rt = runtime;
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal}: shutting down…`);
      // The worker drains for drainSeconds, then interrupts what still runs; past this, give up.
      const force = setTimeout(() => process.exit(1), (config.worker.drainSeconds + 5) * 1000);
      force.unref();
      try {
        await app?.close();
        log.debug('http server closed');
        await worker?.stop();
        log.debug('worker stopped');
        await rt.close();
      } finally {
        release();
        log.info('stopped');
        process.exit(0);
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

export async function seed(config: Config, log: Logger, rows: number): Promise<void> {
  requireChdbFree(config);
  const runtime = await openRuntime(config, log);
  try {
    await seedAll(runtime, rows, log);
  } finally {
    await runtime.close();
  }
}
