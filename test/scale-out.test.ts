/**
 * The production shape with real processes: two `api` and two `worker` processes against one
 * PostgreSQL, sharing one exports directory and one outbox. Embedded chDB binds a data directory
 * to one process, so each process gets its own chDB directory; the workers' are seeded with the
 * same deterministic data (same rows, same end instant), so it does not matter which worker runs
 * an export. (In production every process points at one ClickHouse server instead.)
 *
 * - a subscription on api#2 follows an export created through api#1 and run by some worker;
 * - a schedule slot fires exactly once although both workers run the scheduler cron;
 * - SIGTERM: an API process closes its WebSocket clients with 1001 and exits 0; a worker lets a
 *   running export finish within its grace period, or past it releases the export to another
 *   worker (attempt not counted), and exits 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createTempDir, createTestDatabase, type TestDatabase } from './support/databases.js';
import { runCli, spawnServer, stopServer, type ServerProcess } from './support/processes.js';
import { collect, wsClient } from './support/ws-client.js';
import { waitFor } from './support/wait.js';
import { issueToken } from '../server/src/features/auth/tokens.js';
import { CREATE_EXPORT, EXPORT_UPDATED, TERMINAL, RAW_EVENTS_DEFINITION } from './support/exports.js';

const JWT_SECRET = 'scale-out-jwt-secret-0123456789-abcdefghij';
const SEED_NOW = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
const SEED_ROWS = 120_000;

let db: TestDatabase;
let sql: pg.Pool;
const shared = createTempDir('reportcast-shared-');
const dirs: { path: string; remove(): void }[] = [];
const processes: ServerProcess[] = [];
let api1: ServerProcess;
let api2: ServerProcess;
const workers: ServerProcess[] = [];
let admin: string;

function env(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    EXPORTS_DIR: join(shared.path, 'exports'),
    OUTBOX_DIR: join(shared.path, 'outbox'),
    JWT_SECRET,
    DOWNLOAD_LINK_SECRET: 'scale-out-link-secret-9876543210-zyxwvuts',
    WORKER_CONCURRENCY: '1',
    WORKER_POLL_INTERVAL_MS: '250',
    WORKER_HEARTBEAT_SECONDS: '2',
    ...extra,
  };
}


function newDir(): string {
  const d = createTempDir('reportcast-proc-');
  dirs.push(d);
  return d.path;
}

const graceOf = new Map<ServerProcess, number>();

async function startWorker(graceSeconds: number, dataDir: string): Promise<ServerProcess> {
  const w = await spawnServer('worker', env(dataDir, { SHUTDOWN_GRACE_SECONDS: String(graceSeconds) }), `worker(grace ${graceSeconds}s)`);
  processes.push(w);
  workers.push(w);
  graceOf.set(w, graceSeconds);
  return w;
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The pid of the worker process holding an export's job, once one has taken it. */
async function runnerPid(exportId: string): Promise<number> {
  return waitFor(async () => {
    const { rows } = await sql.query<{ process_id: string }>(
      `SELECT h.process_id FROM graphile_worker._private_jobs j JOIN worker_heartbeats h ON h.worker_id = j.locked_by WHERE j.key = $1`, [`export:${exportId}`]);
    return rows[0] ? Number(rows[0].process_id.split(':')[1]) : undefined;
  }, 60_000);
}

async function exportRow(id: string): Promise<{ status: string; attempts: number; rows_written: number }> {
  return (await sql.query('SELECT status, attempts, rows_written FROM exports WHERE id = $1', [id])).rows[0];
}

const workerDirs: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  sql = new pg.Pool({ connectionString: db.url, max: 2 });
  workerDirs.push(newDir(), newDir(), newDir());
  // Identical data in every worker's chDB directory (seed also migrates and creates the demo reports).
  await runCli(['seed', '--rows', String(SEED_ROWS), '--now', SEED_NOW], env(workerDirs[0]!));
  await Promise.all(workerDirs.slice(1).map((d) => runCli(['seed', '--rows', String(SEED_ROWS), '--now', SEED_NOW], env(d))));
  [api1, api2] = await Promise.all([spawnServer('api', env(newDir()), 'api#1'), spawnServer('api', env(newDir()), 'api#2')]);
  processes.push(api1, api2);
  // One worker that finishes what it runs (long grace), one that releases early (1 s).
  // Grace 0 for the second: its export of ~60k rows can finish within even a second's grace.
  await Promise.all([startWorker(120, workerDirs[0]!), startWorker(0, workerDirs[1]!)]);
  admin = await issueToken(JWT_SECRET, { tenantId: 'acme', role: 'admin', userId: 'admin@acme', ttlSeconds: 3600 });
}, 240_000);

afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(processes.map((p) => p.exited));
  await sql?.end();
  await db?.drop();
  for (const d of dirs) d.remove();
  shared.remove();
});

describe('two API and two worker processes on one PostgreSQL', () => {
  let rawReportId: string;

  it('deliver an export created on api#1 to a subscriber on api#2, run by a worker', async () => {
    const created = await gql(api1.url, 'mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', {
      i: {
        name: 'Raw events',
        definition: RAW_EVENTS_DEFINITION,
      },
    });
    rawReportId = created.createReport.id;
    const summary = (await gql(api2.url, '{ reports(first: 50) { edges { node { id name } } } }')).reports.edges.find((e: any) => e.node.name === 'Usage Summary').node.id;
    const { createExport } = await gql(api1.url, CREATE_EXPORT, { input: { reportId: summary, format: 'CSV' } });
    const client = wsClient(api2.url, admin);
    try {
      const updates = collect(client, EXPORT_UPDATED, { id: createExport.id }, (d) => d.exportUpdated);
      const states = await updates.until((e: any) => TERMINAL.has(e.status), 60_000);
      const final = states.at(-1);
      expect(final.status).toBe('COMPLETED');
      expect(final.rowCount).toBeGreaterThan(0);
      // The link api#2 hands out serves the file a worker wrote to the shared directory.
      expect(final.downloadUrl.startsWith(api2.url)).toBe(true);
      const file = await fetch(final.downloadUrl);
      expect(file.status).toBe(200);
      expect((await file.text()).split('\r\n').filter(Boolean)).toHaveLength(final.rowCount + 1);
      // Each worker serves /readyz and /metrics; exactly one of them counted this export.
      const counted = await waitFor(async () => {
        let sum = 0;
        for (const w of workers) {
          expect((await fetch(`${w.url}/readyz`)).status).toBe(200);
          const text = await (await fetch(`${w.url}/metrics`)).text();
          sum += Number(/^reportcast_exports_total\{format="CSV",status="COMPLETED"\} (\d+)$/m.exec(text)?.[1] ?? 0);
        }
        return sum === 1 ? sum : undefined;
      }, 20_000);
      expect(counted).toBe(1);
      // The API processes run no jobs: they count none.
      expect(await (await fetch(`${api2.url}/metrics`)).text()).not.toMatch(/^reportcast_exports_total\{/m);
    } finally {
      await client.dispose();
    }
  });

  it('fire a schedule slot exactly once although both workers run the scheduler', async () => {
    const [{ id }] = (await sql.query(`SELECT id FROM schedules WHERE tenant_id = 'acme' AND name = 'Weekly Usage Summary Email'`)).rows;
    // Every minute in UTC, due at the next minute boundary: both workers' cron fire then.
    const slot = new Date(Math.ceil((Date.now() + 2000) / 60_000) * 60_000);
    await sql.query(`UPDATE schedules SET cron = '* * * * *', time_zone = 'UTC', next_run_at = $1 WHERE id = $2`, [slot, id]);
    const execution = await waitFor(async () => {
      const { rows } = await sql.query(`SELECT id, status, export_id FROM schedule_executions WHERE schedule_id = $1 AND scheduled_for = $2`, [id, slot]);
      return rows[0]?.status === 'DELIVERED' ? rows : undefined;
    }, 120_000);
    await sql.query(`UPDATE schedules SET status = 'PAUSED' WHERE id = $1`, [id]);
    expect(execution).toHaveLength(1);
    const exports = await sql.query(`SELECT id FROM exports WHERE schedule_id = $1 AND as_of = $2`, [id, slot]);
    expect(exports.rows).toEqual([{ id: execution[0].export_id }]);
    const deliveries = await sql.query(`SELECT status FROM deliveries WHERE execution_id = $1`, [execution[0].id]);
    expect(deliveries.rows).toEqual([{ status: 'SENT' }]);
    // One email on disk for this run: the outbox is shared by both workers.
    const outbox = join(shared.path, 'outbox');
    const mails = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(mails).toHaveLength(1);
    expect(readFileSync(join(outbox, mails[0]!), 'utf8')).toContain('admin@acme.example.com');
  }, 150_000);

  it('close WebSocket subscriptions with 1001 Going Away when an API process gets SIGTERM, and exit 0', async () => {
    const client = wsClient(api2.url, admin);
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    const sub = collect(client, 'subscription { exportsChanged { id status } }', {}, (d) => d.exportsChanged);
    // The subscription is live once an event reaches it.
    const { createExport } = await gql(api1.url, CREATE_EXPORT, { input: { reportId: rawReportId, format: 'JSON' } });
    await sub.until((e: any) => e.id === createExport.id, 30_000);
    expect(await stopServer(api2)).toBe(0);
    expect(await closed).toBe(1001);
    await client.dispose();
    expect(api2.lines.some((l) => /SIGTERM: shutting down/.test(l.msg))).toBe(true);
    // api#1 still serves.
    expect((await fetch(`${api1.url}/readyz`)).status).toBe(200);
    await waitFor(async () => (TERMINAL.has((await exportRow(createExport.id)).status) ? true : undefined), 120_000);
  }, 180_000);

  it('SIGTERM on a worker: a running export finishes within the grace period, or is released to another worker', async () => {
    const outcomes: string[] = [];
    // Round 1: whichever worker takes it. Round 2: the other one, alone. Together: both behaviours.
    for (let round = 1; round <= 2; round++) {
      // A PDF (its first PDF_ROW_CAP rows, ~1.5 s): the XLSX of these rows, made by the engine,
      // could finish between the test seeing it run and the worker's SIGTERM, leaving the release
      // untested.
      const { createExport } = await gql(api1.url, CREATE_EXPORT, { input: { reportId: rawReportId, format: 'PDF' } });
      const id = createExport.id as string;
      const pid = await runnerPid(id);
      const runner = workers.find((w) => w.pid === pid)!;
      expect(runner).toBeDefined();
      await waitFor(async () => ((await exportRow(id)).rows_written > 0 ? true : undefined), 60_000);
      const graceful = graceOf.get(runner)! > 60;
      expect(await stopServer(runner)).toBe(0);
      const afterStop = await exportRow(id);
      if (graceful) {
        // It finished before the process exited.
        expect(afterStop.status).toBe('COMPLETED');
        expect(afterStop.attempts).toBe(1);
        outcomes.push('finished');
      } else {
        // Back to PENDING with the attempt given back, or already taken again by the other worker.
        expect([{ status: 'PENDING', attempts: 0 }, { status: 'PROCESSING', attempts: 1 }]).toContainEqual({ status: afterStop.status, attempts: afterStop.attempts });
        expect(runner.lines.some((l) => l.msg === 'export released for retry at shutdown' && l.exportId === id)).toBe(true);
        // Another worker takes it at once and finishes it; the release did not use up an attempt.
        if (!workers.some((w) => w.child.exitCode === null)) await startWorker(120, workerDirs[2]!);
        const done = await waitFor(async () => {
          const row = await exportRow(id);
          return TERMINAL.has(row.status) ? row : undefined;
        }, 120_000);
        // attempts 1: the released attempt was not counted (a failed one would make it 2).
        expect(done).toMatchObject({ status: 'COMPLETED', attempts: 1 });
        outcomes.push('released');
      }
      // No partial file left behind, one finished file.
      const files = readdirSync(join(shared.path, 'exports', 'exports', 'acme')).filter((f) => f.startsWith(id));
      expect(files).toEqual([`${id}.pdf`]);
    }
    expect(outcomes.sort()).toEqual(['finished', 'released']);
  }, 300_000);
});
