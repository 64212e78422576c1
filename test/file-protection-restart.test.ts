/**
 * Nothing accepted is lost, and nothing is sent unprotected: password-protected exports accepted
 * by an API process while no worker runs wait in the queue with their passwords sealed
 * (SECRETS_KEY), and a worker started later, in another process, with the same SECRETS_KEY from
 * its own configuration, writes them protected. A worker with another key cannot open the
 * password and fails the export (PASSWORD_UNAVAILABLE), writing no file at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTempDir } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { CREATE_EXPORT, reportIdByName } from './support/exports.js';
import { waitFor } from './support/wait.js';
import { runCli, spawnServer } from './support/processes.js';
import { pythonZipEntries, zipJsEntries } from '../server/src/features/exports/writers/zip.test-kit.js';

const SECRETS_KEY = randomBytes(32).toString('hex');
const EXPORT_PASSWORD = 'queued-export-secret';
const SCHEDULE_PASSWORD = 'queued-schedule-secret';
const workerDir = createTempDir('reportcast-worker-');
let app: TestApp;
let admin: string;
const children: ChildProcess[] = [];

function workerEnv(secretsKey: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: app.runtime.databaseUrl,
    DATA_DIR: workerDir.path,
    EXPORTS_DIR: app.config.exports.dir,
    JWT_SECRET: app.config.jwtSecret!,
    SECRETS_KEY: secretsKey,
    WORKER_POLL_INTERVAL_MS: '200',
    WORKER_CONCURRENCY: '2',
    LOG_LEVEL: 'info', // spawnServer waits for the worker's start-up line
    PORT: '0',
  };
}

async function startWorker(secretsKey: string): Promise<ChildProcess> {
  const worker = await spawnServer('worker', workerEnv(secretsKey), 'worker');
  children.push(worker.child);
  return worker.child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

const statusOf = async (id: string) => (await app.runtime.orm.em.getConnection().execute<{ status: string; error_code: string | null; storage_key: string | null }[]>(
  'SELECT status, error_code, storage_key FROM exports WHERE id = ?', [id]))[0]!;

beforeAll(async () => {
  // API only: no worker in this process. Its SECRETS_KEY seals; the worker's must open.
  app = await startTestApp({ seedRows: 1_000, env: { SECRETS_KEY } });
  admin = await app.token('acme', 'admin');
  await runCli(['seed', '--rows', '20000'], workerEnv(SECRETS_KEY));
}, 180_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await app?.close();
  workerDir.remove();
});

describe('protected exports across processes and restarts', () => {
  it('a worker with another SECRETS_KEY fails the export (PASSWORD_UNAVAILABLE) and writes no file', async () => {
    const usageId = await reportIdByName(app, admin, 'Usage Summary');
    const created = await app.gql(CREATE_EXPORT, { input: { reportId: usageId, format: 'CSV', options: { password: EXPORT_PASSWORD } } }, admin);
    const id = created.data!.createExport.id as string;
    expect((await statusOf(id)).status).toBe('PENDING');
    const wrong = await startWorker(randomBytes(32).toString('hex'));
    const settled = await waitFor(async () => {
      const row = await statusOf(id);
      return row.status === 'FAILED' || row.status === 'COMPLETED' ? row : undefined;
    }, 60_000);
    await stop(wrong);
    expect(settled).toMatchObject({ status: 'FAILED', error_code: 'PASSWORD_UNAVAILABLE', storage_key: null });
    const dir = join(app.config.exports.dir, 'exports', 'acme');
    expect(existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(id)) : []).toEqual([]);
  }, 120_000);

  it('accepted while no worker runs, written protected by a worker started later with the same key', async () => {
    const usageId = await reportIdByName(app, admin, 'Usage Summary');
    const created = await app.gql(CREATE_EXPORT, { input: { reportId: usageId, format: 'CSV', options: { password: EXPORT_PASSWORD } } }, admin);
    const exportId = created.data!.createExport.id as string;
    const schedule = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId: usageId, name: 'Queued protected', cron: '0 9 * * 1', format: 'JSON', recipients: ['ops@example.com'], password: SCHEDULE_PASSWORD, compression: 'ZIP' },
    }, admin);
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id exportId } }', { id: schedule.data!.createSchedule.id }, admin);
    const scheduledId = run.data!.runScheduleNow.exportId as string;
    for (const id of [exportId, scheduledId]) expect((await statusOf(id)).status).toBe('PENDING');

    await startWorker(SECRETS_KEY);
    for (const [id, password, ext] of [[exportId, EXPORT_PASSWORD, 'csv'], [scheduledId, SCHEDULE_PASSWORD, 'json']] as const) {
      const done = await waitFor(async () => {
        const read = await app.gql('query($id: ID!) { export(id: $id) { status fileName passwordProtected compression downloadUrl error { code } } }', { id }, admin);
        const e = read.data!.export;
        return e.status === 'COMPLETED' || e.status === 'FAILED' ? e : undefined;
      }, 90_000);
      expect(done).toMatchObject({ status: 'COMPLETED', passwordProtected: true, compression: 'ZIP', error: null });
      expect(done.fileName).toMatch(/\.zip$/);
      const zip = Buffer.from(await (await fetch(done.downloadUrl)).arrayBuffer());
      expect(pythonZipEntries(zip)[0]!.error).toMatch(/password required/);
      const [entry] = await zipJsEntries(zip, password);
      expect(entry!.name).toBe(done.fileName.replace(/\.zip$/, `.${ext}`));
      expect(entry!.content.length).toBeGreaterThan(10);
    }
  }, 180_000);
});
