import 'reflect-metadata';
/**
 * Data lifecycle: what the retention settings delete (export records and their files, finished
 * schedule executions with their deliveries, audit entries), what they never touch (recent items,
 * anything in flight), through `pnpm cli retention list | prune [--dry-run]` and the worker's
 * `retention__prune` job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runTick } from '../server/src/app.js';
import { MAIN, SERVER_DIR } from './support/processes.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { exportAndFollow, reportIdByName } from './support/exports.js';
import { waitFor } from './support/wait.js';

let app: TestApp;
const sql = <T = any>(q: string, p: unknown[] = []) => app.runtime.orm.em.getConnection().execute<T[]>(q, p);

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: SERVER_DIR, encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: app.runtime.databaseUrl, DATA_DIR: app.config.dataDir, JWT_SECRET: app.config.jwtSecret!, LOG_LEVEL: 'warn' },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp({ worker: true, seedRows: 3_000 });
  const admin = await app.token('acme', 'admin');
  const reportId = await reportIdByName(app, admin, 'Usage Summary');
  ids.oldExport = (await exportAndFollow(app, admin, { reportId, format: 'CSV' })).id;
  ids.newExport = (await exportAndFollow(app, admin, { reportId, format: 'CSV' })).id;
  // A finished scheduled run with its delivery.
  const [schedule] = await sql(`SELECT id FROM schedules WHERE tenant_id = 'acme' AND name = 'Weekly Usage Summary Email'`);
  ids.schedule = schedule.id;
  const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
  // Daily at the slot's time: the slot runs, and nothing else falls due during the test. The
  // worker's own every-minute tick may claim the slot before this one when a minute turns here.
  await sql(`UPDATE schedules SET cron = ?, time_zone = 'UTC', next_run_at = ? WHERE id = ?`, [`${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`, slot, ids.schedule]);
  expect((await runTick(app.runtime, slot)).started).toBeLessThanOrEqual(1);
  const [execution] = await waitFor(async () => {
    const rows = await sql(`SELECT id FROM schedule_executions WHERE schedule_id = ? AND status = 'DELIVERED'`, [ids.schedule]);
    return rows.length ? rows : undefined;
  });
  ids.oldExecution = execution.id;
  await sql(`UPDATE schedules SET status = 'PAUSED' WHERE id = ?`, [ids.schedule]);
  // An old execution still running (its export never settled) must survive any retention.
  const [running] = await sql(`INSERT INTO schedule_executions (id, tenant_id, schedule_id, scheduled_for, triggered_by, status, created_at)
    VALUES (gen_random_uuid(), 'acme', ?, now() - interval '400 days', 'SCHEDULE', 'RUNNING', now() - interval '400 days') RETURNING id`, [ids.schedule]);
  ids.runningExecution = running.id;

  // Age them: 100 days for the old export and execution, 400 days for half the audit log.
  await sql(`UPDATE exports SET created_at = now() - interval '100 days', completed_at = now() - interval '100 days' WHERE id = ?`, [ids.oldExport]);
  await sql(`UPDATE schedule_executions SET created_at = now() - interval '100 days', completed_at = now() - interval '100 days' WHERE id = ?`, [ids.oldExecution]);
  await sql(`UPDATE audit_log SET created_at = now() - interval '400 days' WHERE target_id = ?`, [ids.oldExport]);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const count = async (q: string, p: unknown[] = []) => Number((await sql(q, p))[0].n);

describe('retention', () => {
  it('lists what is due per setting, and a dry run deletes nothing', async () => {
    const list = cli(['retention', 'list']);
    expect(list.code, list.out).toBe(0);
    expect(list.out).toMatch(/export_records\s+keep\s+90 days\s+due\s+1\b/);
    expect(list.out).toMatch(/executions\s+keep\s+90 days\s+due\s+1\b/);
    expect(list.out).toMatch(/audit_log\s+keep\s+365 days\s+due\s+[1-9]/);
    // The old export's file is past its 7 days too.
    expect(list.out).toMatch(/export_files\s+keep\s+7 days\s+due\s+1\b/);

    const dry = cli(['retention', 'prune', '--dry-run']);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toMatch(/nothing deleted/);
    expect(await count('SELECT count(*) AS n FROM exports WHERE id = ?', [ids.oldExport])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM schedule_executions WHERE id = ?', [ids.oldExecution])).toBe(1);

    expect(cli(['retention', 'purge']).out).toMatch(/usage: retention list \| retention prune \[--dry-run\]/);
    expect(cli(['retention', 'list', '--dry-run']).code).toBe(1);
  });

  it('prunes old finished records with their files and deliveries, and keeps recent and in-flight ones', async () => {
    const [old] = await sql('SELECT storage_key FROM exports WHERE id = ?', [ids.oldExport]);
    const oldFile = join(app.config.exports.dir, old.storage_key);
    expect(existsSync(oldFile)).toBe(true);
    const auditBefore = await count('SELECT count(*) AS n FROM audit_log WHERE created_at > now() - interval \'1 day\'');
    expect(await count('SELECT count(*) AS n FROM deliveries WHERE execution_id = ?', [ids.oldExecution])).toBe(1);

    const prune = cli(['retention', 'prune']);
    expect(prune.code, prune.out).toBe(0);
    expect(prune.out).toMatch(/deleted 1 export_files, 1 export_records, 1 executions, [1-9]\d* audit_log/);

    expect(await count('SELECT count(*) AS n FROM exports WHERE id = ?', [ids.oldExport])).toBe(0);
    expect(existsSync(oldFile)).toBe(false);
    expect(await count('SELECT count(*) AS n FROM exports WHERE id = ?', [ids.newExport])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM schedule_executions WHERE id = ?', [ids.oldExecution])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM deliveries WHERE execution_id = ?', [ids.oldExecution])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM schedule_executions WHERE id = ?', [ids.runningExecution])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM audit_log WHERE created_at < now() - interval \'365 days\'')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM audit_log WHERE created_at > now() - interval \'1 day\'')).toBe(auditBefore);

    const again = cli(['retention', 'list']);
    expect(again.out).toMatch(/export_records\s+keep\s+90 days\s+due\s+0\b/);
  });

  it('is enforced by the worker: the retention__prune job deletes what is due', async () => {
    await sql(`UPDATE audit_log SET created_at = now() - interval '366 days' WHERE id = (SELECT min(id) FROM audit_log)`);
    await sql(`UPDATE schedule_executions SET status = 'FAILED', completed_at = now() - interval '91 days' WHERE id = ?`, [ids.runningExecution]);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE created_at < now() - interval '365 days'`)).toBe(1);
    // The hourly cron enqueues this job; enqueue it now rather than wait for minute 41.
    await sql(`SELECT graphile_worker.add_job('retention__prune', '{}'::json, job_key => 'retention__prune')`);
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM schedule_executions WHERE id = ?`, [ids.runningExecution])) === 0 ? true : undefined, 30_000);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE created_at < now() - interval '365 days'`)).toBe(0);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/reportcast_retention_deleted_total\{kind="executions"\} 1/);
  });
});
