/**
 * The production shape across processes: the API only enqueues; a worker in another process runs
 * the export and its progress reaches the API's subscribers through LISTEN/NOTIFY. A worker killed
 * mid-export (SIGKILL, no goodbye) leaves the export to another worker, which finishes it exactly
 * once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createTempDir } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createReport, CREATE_EXPORT, EXPORT_UPDATED, reportIdByName, RAW_EVENTS_DEFINITION } from './support/exports.js';
import { collect, wsClient } from './support/ws-client.js';
import { waitFor } from './support/wait.js';
import { runCli, spawnServer } from './support/processes.js';

const workerDir = createTempDir('reportcast-worker-');
let app: TestApp;
const children: ChildProcess[] = [];

function workerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: app.runtime.databaseUrl,
    DATA_DIR: workerDir.path,
    EXPORTS_DIR: app.config.exports.dir,
    JWT_SECRET: app.config.jwtSecret!,
    WORKER_HEARTBEAT_SECONDS: '1',
    WORKER_POLL_INTERVAL_MS: '200',
    WORKER_CONCURRENCY: '1',
    LOG_LEVEL: 'info',
    // The worker's ops server (/healthz, /readyz, /metrics): any free port.
    PORT: '0',
  };
}

async function startWorkerProcess(): Promise<ChildProcess> {
  const worker = await spawnServer('worker', workerEnv(), 'worker');
  children.push(worker.child);
  return worker.child;
}

beforeAll(async () => {
  app = await startTestApp({ seedRows: 1_000 }); // API only: no worker in this process
  // The worker process owns its own embedded ClickHouse; give it data.
  await runCli(['seed', '--rows', '150000'], workerEnv());
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await app?.close();
  workerDir.remove();
});

describe('a worker in another process', () => {
  it('reaches API subscribers through NOTIFY, and survives being killed mid-export', async () => {
    const admin = await app.token('acme', 'admin');
    const reportId = await createReport(app, admin, 'Raw events', RAW_EVENTS_DEFINITION);
    expect(await reportIdByName(app, admin, 'Raw events')).toBe(reportId);

    const first = await startWorkerProcess();
    const started = await app.gql(CREATE_EXPORT, { input: { reportId, format: 'XLSX' } }, admin);
    const id = started.data!.createExport.id;
    const client = wsClient(app.url, admin);
    const updates = collect(client, EXPORT_UPDATED, { id }, (d) => d.exportUpdated);
    // Progress published by the worker process arrives here: the NOTIFY path works.
    const before = await updates.until((e: any) => e.status === 'PROCESSING' && e.progress.rowsWritten > 0, 60_000);
    expect(before.at(-1).attempts).toBe(1);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    await startWorkerProcess();
    const all = await updates.until((e: any) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(e.status), 120_000);
    const final = all.at(-1);
    expect(final.status).toBe('COMPLETED');
    expect(final.attempts).toBe(2);
    expect(final.rowCount).toBe(final.progress.rowsTotal);
    await client.dispose();

    // Exactly once: one finished file for this export, whatever the dead worker left half-written.
    const files = readdirSync(join(app.config.exports.dir, 'exports', 'acme')).filter((f) => f.startsWith(id));
    expect(files.filter((f) => !f.includes('.partial'))).toEqual([`${id}.xlsx`]);
    const rows = await app.runtime.orm.em.getConnection().execute(`SELECT status FROM exports WHERE id = ?`, [id]);
    expect(rows).toEqual([{ status: 'COMPLETED' }]);
    // graphile-worker deletes the job once the task returns, just after COMPLETED is published.
    await waitFor(async () => {
      const jobs = await app.runtime.orm.em.getConnection().execute(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ?`, [`export:${id}`]);
      return jobs[0]?.n === 0 ? true : undefined;
    }, 10_000);

    const res = await fetch(final.downloadUrl);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Data')!.rowCount).toBe(final.rowCount + 1);
  }, 240_000);
});
