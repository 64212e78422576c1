/**
 * The one entry point: `pnpm cli <command>` (and `pnpm start` = `start`).
 *   start    API + SPA on one port, embedded Postgres/chDB unless configured, demo data on first start
 *   api      the API alone (same as start until the worker exists)
 *   worker   placeholder until the export worker lands: starts the API
 *   migrate  apply SQL migrations
 *   seed     (re)seed demo analytics data and default reports: --rows N
 *   token    print a JWT: --tenant T --role viewer|editor|admin [--user U] [--ttl SECONDS]
 *   schema   write schema.graphql (--check: fail when it differs)
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.js';
import { createLogger, errorFields, type Logger } from './platform/logger.js';
import { createHttpApp, openDatabase, openRuntime, type Runtime } from './app.js';
import { resolveJwtSecret } from './features/auth/jwt-secret.js';
import { issueToken, isTenantId } from './features/auth/tokens.js';
import { isRole } from './features/auth/viewer.js';
import { DEMO_TENANTS, analyticsRowCount, seedAnalytics } from './features/demo/analytics-seed.js';
import { seedDemoReports } from './features/demo/demo-reports.js';
import { takeBackSignals } from './platform/embedded-postgres.js';
import { claimDataDir, runningServer, updateServerUrl } from './platform/process-lock.js';
import { printedSchema, writeSchemaFile, SCHEMA_FILE } from './schema.js';
import { readFileSync, existsSync } from 'node:fs';

class UsageError extends Error {}

async function seedAll(runtime: Runtime, rows: number, log: Logger): Promise<void> {
  await seedAnalytics(runtime.analytics, { usageEvents: rows, now: new Date(), onProgress: (line) => log.info(line) });
  const created = await seedDemoReports(runtime.orm.em, DEMO_TENANTS, runtime.limits);
  if (created) log.info(`created ${created} default report(s)`);
}

function requireChdbFree(config: Config): void {
  if (config.clickhouse.url) return;
  const holder = runningServer(config.dataDir);
  if (holder) {
    throw new UsageError(`the running server (pid ${holder.pid}) owns the embedded ClickHouse in ${config.dataDir}; stop it first (Ctrl-C), then run this again`);
  }
}

async function serve(config: Config, log: Logger, command: string): Promise<void> {
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
      }
    }
    if (command === 'worker') log.warn('the export worker is not part of this build yet; serving the API');
    const app = await createHttpApp(runtime);
    const port = await app.listen(config.port, config.host);
    const url = `http://localhost:${port}`;
    if (!config.clickhouse.url) updateServerUrl(config.dataDir, url);
    // One write, so whoever waits for "is up" also has the token hint.
    log.info(`get a token:  pnpm cli token --tenant acme --role admin\nReportcast is up: ${url}  (GraphQL: ${url}/graphql)`);
    const rt = runtime;
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal}: shutting down…`);
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      try {
        await app.close();
        log.debug('http server closed');
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

async function main(argv: string[]): Promise<void> {
  const [command = 'help', ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      tenant: { type: 'string' },
      role: { type: 'string' },
      user: { type: 'string' },
      ttl: { type: 'string' },
      rows: { type: 'string' },
      check: { type: 'boolean' },
    },
    allowPositionals: false,
  });
  if (command === 'schema') {
    if (values.check) {
      const current = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : '';
      if (current !== (await printedSchema())) throw new UsageError('schema.graphql is out of date: run `pnpm schema` and commit it');
      console.log('schema.graphql is current');
    } else {
      console.log((await writeSchemaFile()) ? `wrote ${SCHEMA_FILE}` : 'schema.graphql is current');
    }
    return;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel, config.mode === 'production');
  switch (command) {
    case 'start':
    case 'api':
    case 'worker':
      return serve(config, log, command);
    case 'migrate': {
      const db = await openDatabase(config, log);
      log.info('migrations are current');
      await db.embedded?.stop();
      return;
    }
    case 'seed': {
      requireChdbFree(config);
      const rows = values.rows === undefined ? config.demo.seedRows : Number(values.rows);
      if (!Number.isInteger(rows) || rows < 1) throw new UsageError('--rows must be a positive integer');
      const runtime = await openRuntime(config, log);
      try {
        await seedAll(runtime, rows, log);
      } finally {
        await runtime.close();
      }
      return;
    }
    case 'token': {
      const tenant = values.tenant;
      const role = values.role ?? 'viewer';
      if (!isTenantId(tenant)) throw new UsageError('--tenant is required: lower-case letters, digits, _ or - (e.g. acme)');
      if (!isRole(role)) throw new UsageError('--role must be viewer, editor or admin');
      const ttl = values.ttl ? Number(values.ttl) : config.tokenTtlSeconds;
      if (!Number.isInteger(ttl) || ttl < 1) throw new UsageError('--ttl must be a positive number of seconds');
      const secret = resolveJwtSecret(config);
      console.log(await issueToken(secret, { tenantId: tenant, role, userId: values.user ?? `${role}@${tenant}`, ttlSeconds: ttl }));
      return;
    }
    default:
      console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 10).map((l) => l.replace(/^ \*\/?/, '')).join('\n'));
      if (command !== 'help') throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error instanceof Error && ['ConfigError', 'DataDirBusyError'].includes(error.name))) {
    console.error(`error: ${error.message}`);
  } else {
    console.error('fatal:', errorFields(error).stack ?? error);
  }
  process.exit(1);
});
