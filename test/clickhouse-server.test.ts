import 'reflect-metadata';
/**
 * Server mode (CLICKHOUSE_URL): the same product through @clickhouse/client over real HTTP to the
 * real ClickHouse engine. No ClickHouse server can be installed here (Debian ships 18.16, too old
 * for query parameters), so the server is test/support/clickhouse-http.ts: the ClickHouse HTTP
 * interface in front of chDB. `pnpm cli clickhouse:migrate` creates the tables through it; then
 * previews and exports run on it; reads carry readonly, max_execution_time and max_result_rows
 * (enforced by the engine), and one tenant's queries are limited per process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { ClickHouseServerStore } from '../server/src/platform/clickhouse-server-store.js';
import { TenantLimitedStore, TenantSlots } from '../server/src/platform/tenant-limited-store.js';
import { startClickHouseHttp, type ClickHouseHttp } from './support/clickhouse-http.js';
import { createTempDir } from './support/databases.js';
import { MAIN, SERVER_DIR } from './support/processes.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { exportAndFollow, reportIdByName } from './support/exports.js';

const chDir = createTempDir('reportcast-chserver-');
let ch: ClickHouseHttp;
let app: TestApp;

beforeAll(async () => {
  ch = await startClickHouseHttp(chDir.path);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ch?.close();
  chDir.remove();
});

describe('ClickHouse server mode', () => {
  it('pnpm cli clickhouse:migrate creates the database and tables over CLICKHOUSE_URL, and is safe to rerun', async () => {
    for (let run = 0; run < 2; run++) {
      // Asynchronously: the ClickHouse endpoint answers from this process's event loop.
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'clickhouse:migrate'], {
        cwd: SERVER_DIR,
        env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', DOWNLOAD_LINK_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', CLICKHOUSE_URL: ch.url, CLICKHOUSE_USER: 'reportcast', CLICKHOUSE_PASSWORD: 'pw', LOG_FORMAT: 'json' },
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => { out += c; });
      child.stderr.on('data', (c: Buffer) => { out += c; });
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code, out).toBe(0);
      expect(out).toContain('ClickHouse tables are in place in reportcast');
    }
    const ddl = ch.requests.filter((q) => /^CREATE/.test(q.sql)).map((q) => q.sql.split('\n')[0]);
    expect(ddl).toContain('CREATE TABLE IF NOT EXISTS `reportcast`.`usage_events` (');
    expect(ddl).toContain('CREATE DATABASE IF NOT EXISTS `reportcast`');
    // DDL is not a read: no readonly on it.
    expect(ch.requests.filter((q) => /^CREATE/.test(q.sql)).every((q) => q.settings.readonly === undefined)).toBe(true);
  }, 60_000);

  it('previews and exports through the HTTP client; every read carries the limits', async () => {
    app = await startTestApp({ worker: true, seedRows: 5_000, env: { CLICKHOUSE_URL: ch.url, CLICKHOUSE_USER: 'reportcast', CLICKHOUSE_PASSWORD: 'pw' } });
    expect(app.runtime.analytics.kind).toBe('server');
    const admin = await app.token('acme', 'admin');
    const reportId = await reportIdByName(app, admin, 'Usage Summary');
    const preview = await app.gql(`query($id: ID!) { previewReport(input: { reportId: $id, first: 5 }) { rows totalCount columns { name } } }`, { id: reportId }, admin);
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.previewReport.rows.length).toBeGreaterThan(0);
    expect(preview.data!.previewReport.totalCount).toBeGreaterThan(0);

    const csv = await exportAndFollow(app, admin, { reportId, format: 'CSV' });
    expect(csv.final.status).toBe('COMPLETED');
    const text = await (await fetch(csv.final.downloadUrl)).text();
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(csv.final.rowCount + 1);
    const xlsx = await exportAndFollow(app, admin, { reportId, format: 'XLSX' });
    expect(xlsx.final).toMatchObject({ status: 'COMPLETED', rowCount: csv.final.rowCount });

    const reads = ch.requests.filter((q) => q.params.tenant === 'acme');
    expect(reads.length).toBeGreaterThanOrEqual(4);
    for (const q of reads) {
      expect(q.settings).toMatchObject({ readonly: '2', max_execution_time: '300', max_result_rows: '1000001', result_overflow_mode: 'throw' });
    }
  }, 120_000);

  it('lets the engine refuse writes on the read path and results over max_result_rows', async () => {
    const write = app.runtime.analytics.query('INSERT INTO reportcast.usage_events SELECT * FROM reportcast.usage_events LIMIT 1', { tenant: 'acme' });
    await expect(write).rejects.toThrow(/readonly|READONLY/i);
    const small = new ClickHouseServerStore({ url: ch.url, database: 'reportcast', limits: { maxExecutionSeconds: 30, maxResultRows: 10 } });
    try {
      await expect(small.query('SELECT number FROM numbers(100)')).rejects.toThrow(/TOO_MANY_ROWS|Limit for result exceeded/i);
      expect((await small.query('SELECT number FROM numbers(10)')).rows).toHaveLength(10);
      expect(await small.ping()).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('runs at most CLICKHOUSE_TENANT_CONCURRENCY queries of one tenant at once; other tenants are not held up', async () => {
    const slots = new TenantSlots(2);
    const store = new TenantLimitedStore(new ClickHouseServerStore({ url: ch.url, database: 'reportcast' }), slots);
    try {
      const before = ch.maxConcurrent;
      const slow = (tenant: string) => store.query('SELECT sleep(0.4), {tenant:String}', { tenant });
      const acme = Array.from({ length: 6 }, () => slow('acme'));
      // While acme's six queue two at a time, globex gets a slot at once.
      await new Promise((r) => setTimeout(r, 100));
      expect(slots.inFlight('acme')).toBe(2);
      expect(slots.queued('acme')).toBe(4);
      const globex = slow('globex');
      expect(slots.inFlight('globex')).toBe(1);
      await Promise.all([...acme, globex]);
      expect(slots.inFlight('acme')).toBe(0);
      expect(ch.maxConcurrent).toBeLessThanOrEqual(Math.max(before, 3));
    } finally {
      await store.close();
    }
  });
});
