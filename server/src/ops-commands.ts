/**
 * Operator commands of the CLI: data retention (`retention list | prune [--dry-run]`) and the
 * ClickHouse schema (`clickhouse:migrate [--print] [--rows N]`). Apart from main.ts so that light
 * commands do not load the ORM.
 */
import type { Config } from './config.js';
import type { Logger } from './platform/logger.js';
import { openAnalytics, openDatabase, openStorage, retentionPolicy } from './app.js';
import { openOrm } from './platform/orm.js';
import { ENTITIES } from './entities.js';
import { RetentionService, type RetentionLine } from './features/retention/retention.service.js';
import { analyticsSchemaSql } from './features/demo/analytics-schema.js';
import { analyticsRowCount, seedAnalytics } from './features/demo/analytics-seed.js';
import { requireChdbFree } from './serve.js';
import { UsageError } from './usage-error.js';

function table(lines: RetentionLine[], verb: string): string {
  return lines
    .map((l) => `  ${l.kind.padEnd(15)} keep ${String(l.days).padStart(5)} days   ${verb} ${String(l.due).padStart(7)}${l.oldest ? `   (oldest ${l.oldest.toISOString()})` : ''}`)
    .join('\n');
}

export async function retentionCommand(config: Config, log: Logger, action: string | undefined, dryRun: boolean): Promise<void> {
  if (action !== 'list' && action !== 'prune') throw new UsageError('usage: retention list | retention prune [--dry-run]');
  if (action === 'list' && dryRun) throw new UsageError('--dry-run goes with prune');
  const db = await openDatabase(config, log);
  const orm = await openOrm(db.url, ENTITIES);
  try {
    const service = new RetentionService(orm.em.fork(), openStorage(config), retentionPolicy(config));
    const now = new Date();
    if (action === 'list' || dryRun) {
      const lines = await service.list(now);
      console.log(`${dryRun ? 'retention prune --dry-run: nothing deleted; would delete' : 'retention'} as of ${now.toISOString()}:\n${table(lines, 'due')}`);
      return;
    }
    const deleted = await service.prune(now);
    console.log(`retention prune: deleted ${Object.entries(deleted).map(([k, n]) => `${n} ${k}`).join(', ')}`);
  } finally {
    await orm.close(true);
    await db.embedded?.stop();
  }
}

/**
 * Creates the analytics database and tables (IF NOT EXISTS: safe to rerun). With `--print`, only
 * writes the DDL (the compose file's ClickHouse init script is this output). Seeds demo rows when
 * the tables are empty and DEMO_SEED_ROWS (or --rows) asks for some.
 */
export async function clickhouseMigrate(config: Config, log: Logger, options: { print: boolean; rows?: number }): Promise<void> {
  const statements = analyticsSchemaSql(config.clickhouse.database);
  if (options.print) {
    console.log(statements.map((s) => `${s};`).join('\n\n'));
    return;
  }
  requireChdbFree(config);
  const store = openAnalytics(config);
  try {
    for (const statement of statements) await store.exec(statement);
    log.info(`ClickHouse tables are in place in ${config.clickhouse.database} (${store.kind === 'server' ? config.clickhouse.url : 'embedded chDB'})`);
    const rows = options.rows ?? config.demo.seedRows;
    if (rows > 0 && (await analyticsRowCount(store)) === 0) {
      const summary = await seedAnalytics(store, { usageEvents: rows, now: new Date(), onProgress: (line) => log.info(line) });
      log.info(`seeded ${summary.usageEvents} demo usage events`);
    }
  } finally {
    await store.close();
  }
}
