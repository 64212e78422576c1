import 'reflect-metadata';
/**
 * What an operator sees: JSON request logs with request id, tenant, operation and duration (no
 * tokens), Prometheus metrics that move when exports and deliveries happen, queue gauges read from
 * graphile-worker's tables, and readiness that checks every dependency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../server/src/platform/logger.js';
import { runTick } from '../server/src/app.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { exportAndFollow, reportIdByName } from './support/exports.js';
import { waitFor } from './support/wait.js';
import { collect, wsClient } from './support/ws-client.js';

const lines: Record<string, any>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
    done();
  },
});
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ worker: true, seedRows: 5_000, log: createLogger('info', 'json', sink) });
});
afterAll(async () => {
  await app?.close();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${app.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/plain/);
  return res.text();
}

/** The value of one sample, e.g. metric('reportcast_exports_total', { format: 'CSV', status: 'COMPLETED' }). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return 0;
}

describe('metrics', () => {
  it('count exports by format and status with their rows, bytes and duration, and GraphQL operations', async () => {
    const admin = await app.token('acme', 'admin');
    const before = await scrape();
    const reportId = await reportIdByName(app, admin, 'Usage Summary');
    const { final } = await exportAndFollow(app, admin, { reportId, format: 'CSV' });
    expect(final.status).toBe('COMPLETED');
    // The worker counts after the job body returns, a moment after COMPLETED is published.
    const after = await waitFor(async () => {
      const text = await scrape();
      return sample(text, 'reportcast_exports_total', { format: 'CSV', status: 'COMPLETED' }) === 1 ? text : undefined;
    }, 20_000);
    expect(sample(before, 'reportcast_exports_total', { format: 'CSV', status: 'COMPLETED' })).toBe(0);
    expect(sample(after, 'reportcast_export_rows_total', { format: 'CSV' })).toBe(final.rowCount);
    expect(sample(after, 'reportcast_export_bytes_total', { format: 'CSV' })).toBe(final.fileSize);
    expect(sample(after, 'reportcast_export_duration_seconds_count', { format: 'CSV', status: 'COMPLETED' })).toBe(1);
    expect(sample(after, 'reportcast_graphql_requests_total', { type: 'mutation', operation: 'createExport', outcome: 'ok' })).toBe(1);
    expect(sample(after, 'reportcast_graphql_request_duration_seconds_count', { type: 'query', operation: 'reports' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'reportcast_up', { role: 'start' })).toBe(1);
    expect(after).toMatch(/^reportcast_process_resident_memory_bytes \d+/m);
  });

  it('gauge open WebSockets and live subscriptions, back to zero when the clients go', async () => {
    const admin = await app.token('acme', 'admin');
    const before = await scrape();
    expect(sample(before, 'reportcast_websocket_connections')).toBe(0);
    expect(sample(before, 'reportcast_subscriptions')).toBe(0);
    const clients = [wsClient(app.url, admin), wsClient(app.url, admin)];
    const subs = [
      collect(clients[0]!, 'subscription { exportsChanged { id } }', {}, (d) => d.exportsChanged),
      collect(clients[1]!, 'subscription { exportsChanged { id } }', {}, (d) => d.exportsChanged),
      collect(clients[1]!, 'subscription { exportsChanged { status } }', {}, (d) => d.exportsChanged),
    ];
    const live = await waitFor(async () => {
      const text = await scrape();
      return sample(text, 'reportcast_subscriptions') === 3 ? text : undefined;
    }, 10_000);
    expect(sample(live, 'reportcast_websocket_connections')).toBe(2);
    for (const s of subs) s.stop();
    await Promise.all(clients.map((c) => c.dispose()));
    const after = await waitFor(async () => {
      const text = await scrape();
      return sample(text, 'reportcast_websocket_connections') === 0 && sample(text, 'reportcast_subscriptions') === 0 ? text : undefined;
    }, 10_000);
    expect(after).toContain('# TYPE reportcast_subscriptions gauge');
  });

  it('count errors by code', async () => {
    const viewer = await app.token('acme', 'viewer');
    const res = await app.gql('mutation { deleteReport(id: "00000000-0000-4000-8000-000000000000") }', {}, viewer);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(sample(await scrape(), 'reportcast_graphql_requests_total', { type: 'mutation', operation: 'deleteReport', outcome: 'FORBIDDEN' })).toBe(1);
  });

  it('measure schedule lag and delivery outcomes; the queue gauges read graphile-worker', async () => {
    const sql = (q: string, p: unknown[] = []) => app.runtime.orm.em.getConnection().execute(q, p);
    // A scheduled run 90 s late: the slot was 90 s ago.
    const slot = new Date(Math.floor((Date.now() - 90_000) / 60_000) * 60_000);
    const [schedule] = await sql(`SELECT id FROM schedules WHERE tenant_id = 'acme' AND name = 'Weekly Usage Summary Email'`);
    // Daily at the slot's time: the slot runs, and nothing else falls due during the test.
    await sql(`UPDATE schedules SET cron = ?, time_zone = 'UTC', next_run_at = ? WHERE id = ?`, [`${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`, slot, schedule!.id]);
    const result = await runTick(app.runtime, new Date(slot.getTime() + 1000));
    // The worker's own every-minute tick may claim the slot first when a minute turns right
    // here: either way the slot runs exactly once.
    expect(result.started).toBeLessThanOrEqual(1);
    const runs = () => sql(`SELECT count(*)::int AS n FROM schedule_executions WHERE schedule_id = ? AND scheduled_for = ?`, [schedule!.id, slot]);
    await waitFor(async () => ((await runs())[0]!.n === 1 ? true : undefined), 10_000);
    const text = await waitFor(async () => {
      const t = await scrape();
      return sample(t, 'reportcast_deliveries_total', { channel: 'EMAIL', outcome: 'SENT' }) === 1 ? t : undefined;
    }, 40_000);
    expect(await runs()).toEqual([{ n: 1 }]);
    expect(sample(text, 'reportcast_schedule_lag_seconds_count')).toBe(1);
    expect(sample(text, 'reportcast_schedule_lag_seconds_sum')).toBeGreaterThanOrEqual(60);
    expect(sample(text, 'reportcast_exports_total', { format: 'PDF', status: 'COMPLETED' })).toBe(1);

    // Queue: a job no worker can take yet (future run_at) is "scheduled"; an overdue one of an
    // unknown task is "ready", and its age is the oldest-job gauge.
    await sql(`SELECT graphile_worker.add_job('ops__probe', '{}'::json, run_at => now() - interval '5 minutes')`);
    await sql(`SELECT graphile_worker.add_job('ops__probe', '{}'::json, run_at => now() + interval '1 hour')`);
    const queue = await scrape();
    expect(sample(queue, 'reportcast_queue_jobs', { task: 'ops__probe', state: 'ready' })).toBe(1);
    expect(sample(queue, 'reportcast_queue_oldest_ready_job_age_seconds', { task: 'ops__probe' })).toBeGreaterThanOrEqual(295);
    expect(sample(queue, 'reportcast_queue_jobs', { task: 'ops__probe', state: 'scheduled' })).toBe(1);
    expect(sample(queue, 'reportcast_queue_jobs', { task: 'ops__probe', state: 'running' })).toBe(0);
    await sql(`DELETE FROM graphile_worker._private_jobs WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'ops__probe')`);
  });
});

describe('logs', () => {
  it('one JSON line per GraphQL operation with request id, tenant, operation and duration; tokens never appear', async () => {
    const admin = await app.token('globex', 'admin');
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, 'x-request-id': 'req-abc-123' },
      body: JSON.stringify({ query: 'query Mine { me { tenantId } reports(first: 1) { totalCount } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    const line = await waitFor(async () => lines.find((l) => l.requestId === 'req-abc-123'));
    expect(line).toMatchObject({
      level: 'info', msg: 'graphql', tenant: 'globex', type: 'query', operation: 'me,reports', operationName: 'Mine', outcome: 'ok',
    });
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('string');
    // A generated id when the client sends none (or an unsafe one).
    const other = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'bad id\n' }, body: '{"query":"{ __typename }"}' });
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const all = JSON.stringify(lines);
    expect(all).not.toContain(admin);
    expect(all).not.toContain(admin.split('.')[2]);
  });

  it('download requests are logged by path, without the link token', async () => {
    const admin = await app.token('acme', 'admin');
    const reportId = await reportIdByName(app, admin, 'Usage Summary');
    const { final } = await exportAndFollow(app, admin, { reportId, format: 'JSON' });
    const url = new URL(final.downloadUrl);
    expect((await fetch(url)).status).toBe(200);
    const line = await waitFor(async () => lines.find((l) => l.msg === 'http request' && l.path === url.pathname));
    expect(line).toMatchObject({ method: 'GET', status: 200 });
    expect(JSON.stringify(lines)).not.toContain(url.searchParams.get('token')!);
  });
});

describe('probes', () => {
  it('/readyz checks Postgres, ClickHouse, storage and migrations; /healthz says alive', async () => {
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', postgres: true, clickhouse: true, storage: true, migrations: true, draining: false });
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    app.runtime.draining = true;
    try {
      const draining = await fetch(`${app.url}/readyz`);
      expect(draining.status).toBe(503);
      expect(await draining.json()).toMatchObject({ status: 'draining', draining: true });
    } finally {
      app.runtime.draining = false;
    }
  });
});
