/**
 * The one entry point: `pnpm cli <command>` (and `pnpm start` = `start`).
 *   start    API + worker + SPA on one port, embedded Postgres/chDB unless configured, demo data on first start
 *   api      HTTP + WebSocket only (enqueues jobs, runs none); scale out freely
 *   worker   jobs + scheduler only (ops server with /healthz /readyz /metrics on PORT); scale out freely
 *   migrate  apply SQL migrations
 *   clickhouse:migrate  create the analytics tables over CLICKHOUSE_URL (--print: only print the DDL; --rows N: demo rows if empty)
 *   retention list | prune [--dry-run]  what the retention settings delete, and deleting it
 *   seed     (re)seed demo analytics data and default reports: --rows N [--now ISO (data ends there)]
 *   token    print a JWT: --tenant T --role viewer|editor|admin [--user U] [--ttl SECONDS]
 *   schema   write schema.graphql (--check: fail when it differs)
 *   tick     run the scheduler once as if the clock were --at <ISO instant> (default now; --next: the next due run)
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { createLogger, errorFields } from './platform/logger.js';
import { resolveJwtSecret } from './features/auth/jwt-secret.js';
import { issueToken, isTenantId } from './features/auth/tokens.js';
import { isRole } from './features/auth/viewer.js';
import { UsageError } from './usage-error.js';
import { readFileSync, existsSync } from 'node:fs';

/** parseArgs' complaints (unknown option, missing value) become one-line usage errors. */
function parseArgsOrExplain<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function main(argv: string[]): Promise<void> {
  const [command = 'help', ...rest] = argv;
  const { values, positionals } = parseArgsOrExplain(() => parseArgs({
    args: rest,
    options: {
      tenant: { type: 'string' },
      role: { type: 'string' },
      user: { type: 'string' },
      ttl: { type: 'string' },
      rows: { type: 'string' },
      now: { type: 'string' },
      'dry-run': { type: 'boolean' },
      at: { type: 'string' },
      next: { type: 'boolean' },
      check: { type: 'boolean' },
      print: { type: 'boolean' },
    },
    allowPositionals: true,
  }));
  if (positionals.length > 0 && command !== 'retention') throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (command === 'schema') {
    const { printedSchema, writeSchemaFile, SCHEMA_FILE } = await import('./schema.js');
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
  const log = createLogger(config.logLevel, config.logFormat);
  switch (command) {
    case 'start':
    case 'api':
    case 'worker':
      return (await import('./serve.js')).serve(config, log, command);
    case 'migrate': {
      const db = await (await import('./app.js')).openDatabase(config, log);
      log.info('migrations are current');
      await db.embedded?.stop();
      return;
    }
    case 'seed': {
      const rows = values.rows === undefined ? config.demo.seedRows : Number(values.rows);
      if (!Number.isInteger(rows) || rows < 1) throw new UsageError('--rows must be a positive integer');
      const now = values.now === undefined ? undefined : new Date(values.now);
      if (now && Number.isNaN(now.getTime())) throw new UsageError('--now must be an ISO-8601 instant, e.g. 2026-03-09T14:00:00Z');
      return (await import('./serve.js')).seed(config, log, rows, now);
    }
    case 'tick': {
      // Postgres only: works beside a running `pnpm start` (its worker then runs what this enqueues).
      let at = values.at ? new Date(values.at) : new Date();
      if (Number.isNaN(at.getTime())) throw new UsageError('--at must be an ISO-8601 instant, e.g. 2026-03-09T14:00:00Z');
      const { openDatabase } = await import('./app.js');
      const { openOrm } = await import('./platform/orm.js');
      const { ENTITIES } = await import('./entities.js');
      const { tick } = await import('./features/schedules/tick.service.js');
      const db = await openDatabase(config, log);
      const orm = await openOrm(db.url, ENTITIES);
      try {
        if (values.next) {
          // The earliest next run of any active schedule: "show me the next delivery now".
          const [row] = await orm.em.getConnection().execute<{ at: Date | null }[]>(`SELECT min(next_run_at) AS at FROM schedules WHERE status = 'ACTIVE'`);
          if (!row?.at) throw new UsageError('no active schedule has a next run');
          at = new Date(row.at);
        }
        const result = await tick(orm.em, at, { graceMs: config.schedules.graceMs, maxAttempts: config.worker.maxAttempts, log });
        console.log(`tick at ${at.toISOString()}: ${result.started} started, ${result.missed} missed, ${result.skipped} skipped`);
      } finally {
        await orm.close(true);
        await db.embedded?.stop();
      }
      return;
    }
    case 'retention':
      if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
      return (await import('./ops-commands.js')).retentionCommand(config, log, positionals[0], values['dry-run'] === true);
    case 'clickhouse:migrate': {
      const rows = values.rows === undefined ? undefined : Number(values.rows);
      if (rows !== undefined && (!Number.isInteger(rows) || rows < 0)) throw new UsageError('--rows must be a non-negative integer');
      return (await import('./ops-commands.js')).clickhouseMigrate(config, log, { print: values.print === true, rows });
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
      console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 13).map((l) => l.replace(/^ \*\/?/, '')).join('\n'));
      if (command !== 'help') throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof Error && ['UsageError', 'ConfigError', 'DataDirBusyError'].includes(error.name)) {
    console.error(`error: ${error.message}`);
  } else {
    console.error('fatal:', errorFields(error).stack ?? error);
  }
  process.exit(1);
});
